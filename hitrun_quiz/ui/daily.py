"""The scripted daily round, the day's board, and ``daily --share``.

The share line and the clipboard are in :mod:`hitrun_quiz.ui.share`; the
interactive daily round is in :mod:`hitrun_quiz.ui.terminal`, with the rest of
the interactive frontend, so a scripted daily round never loads Rich or
questionary.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TextIO

from hitrun_quiz.app.daily import DailyPlan, record_daily
from hitrun_quiz.app.session import Recorder
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import DailyInfo, RoundFinished
from hitrun_quiz.store.records import ScoreRow
from hitrun_quiz.ui.invocation import program
from hitrun_quiz.ui.script import play_scripted
from hitrun_quiz.ui.share import can_copy, copied_note, copy, isatty, share_of, share_style
from hitrun_quiz.ui.tables import (
    NARROW,
    SCORE_HEADERS,
    console,
    narrow_scores,
    print_table,
    score_cells,
    terminal_width,
)

# --------------------------------------------------------------------------- boards and --share


def board_title(day: str, number: int) -> str:
    return f"Daily #{number} · {day}"


def print_board(rows: Sequence[ScoreRow], title: str, out: TextIO | None = None) -> None:
    """A day's board: a Rich table on a terminal, plain text otherwise."""

    out = out or sys.stdout
    if not rows:
        print(f"{title}: no official attempt yet. Play one: {program()} daily", file=out)
        return
    if not isatty(out):
        print(title, file=out)  # a terminal shows it as the table's title
    elif terminal_width(out) < NARROW:  # two lines a row: no name, id or date broken
        console(out).print(narrow_scores(rows, width=terminal_width(out), title=title))
        return
    print_table(SCORE_HEADERS, score_cells(rows), title=title, numeric={0, 2, 3}, out=out)


def show_share(info: DailyInfo, *, as_json: bool, copy_it: bool, ask: bool) -> int:
    """``daily --share``: print the last share line; copy it when asked to, or offer to."""
    if as_json:
        sys.stdout.write(json.dumps(info.to_json(), ensure_ascii=False) + "\n")
    else:
        print(share_of(info, share_style(sys.stdout)))
    sys.stdout.flush()
    line = share_of(info, share_style(sys.stdout)) or ""
    if not copy_it and ask and can_copy(sys.stdout):
        from hitrun_quiz.ui.prompts import ask_confirm  # questionary: only on a terminal

        copy_it = ask_confirm("Copy it to the clipboard?")
    if copy_it:
        print(f"hitrun-quiz: {copied_note(copy(line, sys.stdout))}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- playing


def play_daily_scripted(
    plan: DailyPlan,
    recorder: Recorder,
    answers: str | None,
    *,
    json_lines: bool,
    copy_it: bool = False,
) -> None:
    """A scripted daily round: answers from ``answers`` (a file, or stdin), text or JSON Lines."""

    def record(
        rnd: Round, summary: RoundFinished, started_at: float
    ) -> tuple[RoundFinished, str | None]:
        summary, _, warning = record_daily(
            plan, rnd, summary, recorder=recorder, started_at=started_at
        )
        return summary, warning

    summary = play_scripted(plan.new_round(), record, answers=answers, json_lines=json_lines)
    if copy_it and summary.daily is not None:
        line = share_of(summary.daily, share_style(sys.stdout))
        if line:
            print(f"hitrun-quiz: {copied_note(copy(line, sys.stderr))}", file=sys.stderr)
