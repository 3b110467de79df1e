"""The daily round in both frontends, its share line, its board and the clipboard.

Stdlib only at the top: the scripted frontend imports :func:`share_style` from
here, and Rich is imported inside the functions that draw on a terminal.

The share line is shown with 🟩🟥⬜ unless ``NO_COLOR`` is set, the terminal is
one that cannot draw them (``TERM=dumb`` or the Linux console), or the output's
encoding cannot hold them; then the plain form (``R``, ``W``, ``-``) is shown.
Copying offers the first clipboard that exists: ``wl-copy`` (Wayland),
``xclip`` or ``xsel`` (X11), ``pbcopy`` (macOS), else OSC 52 when the output
is a terminal.  No clipboard is never an error.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hitrun_quiz.app.daily import DailyPlan
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.events import DailyInfo
    from hitrun_quiz.store.records import ScoreRow

SHOWS_NO_EMOJI = {"dumb", "linux", "vt100", "vt220"}


# --------------------------------------------------------------------------- the share line


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def share_style(stream: TextIO, environ: Mapping[str, str] | None = None) -> str:
    """``"emoji"`` or ``"plain"``: how the share line is shown on ``stream``."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return "plain"
    if _isatty(stream) and env.get("TERM", "") in SHOWS_NO_EMOJI:
        return "plain"
    try:
        "🟩🟥⬜·".encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "plain"
    return "emoji"


def share_of(info: DailyInfo, style: str) -> str | None:
    return info.share if style == "emoji" else info.share_plain


def describe(info: DailyInfo) -> str:
    """One line: which daily round this is and whether it counts."""
    status = "official attempt" if info.official else f"practice ({info.reason})"
    return f"Daily #{info.day} · {info.date} · {info.player}: {status}"


def outcome(info: DailyInfo) -> str:
    """One line for the end of a round: official or practice, board place, streak."""
    if info.official:
        place = f", #{info.rank} on the day's board" if info.rank is not None else ""
        head = f"Daily #{info.day}: official{place}."
    else:
        head = f"Daily #{info.day}: practice ({info.reason})."
    return f"{head} Streak: {info.streak} day{'s' * (info.streak != 1)}."


# --------------------------------------------------------------------------- the clipboard

Runner = Callable[..., Any]


def clipboard_tools(
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[tuple[str, list[str]]]:
    """The clipboard programs found, best first: (name, argv reading the text on stdin)."""
    env = os.environ if environ is None else environ
    found: list[tuple[str, list[str]]] = []
    candidates = [
        ("wl-copy", ["wl-copy"], "WAYLAND_DISPLAY"),
        ("xclip", ["xclip", "-selection", "clipboard"], "DISPLAY"),
        ("xsel", ["xsel", "--clipboard", "--input"], "DISPLAY"),
        ("pbcopy", ["pbcopy"], None),
    ]
    for name, argv, needs in candidates:
        if needs is not None and not env.get(needs):
            continue
        path = which(name)
        if path:
            found.append((name, [path, *argv[1:]]))
    return found


def can_copy(out: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether :func:`copy` has somewhere to copy to."""
    return bool(clipboard_tools(environ)) or _isatty(out)


def copy(
    text: str,
    out: TextIO,
    environ: Mapping[str, str] | None = None,
    run: Runner = subprocess.run,
) -> str | None:
    """Copy ``text`` to the clipboard; return how ("xclip", "OSC 52") or None. Never raises."""
    for name, argv in clipboard_tools(environ):
        try:
            done = run(
                argv,
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return name
    if _isatty(out):
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        try:
            out.write(f"\x1b]52;c;{payload}\x07")
            out.flush()
        except (OSError, ValueError):
            return None
        return "OSC 52"
    return None


def copied_note(how: str | None) -> str:
    if how is None:
        return "no clipboard found: copy the line by hand"
    if how == "OSC 52":
        return "sent to the terminal's clipboard (OSC 52; some terminals do not allow it)"
    return f"copied to the clipboard with {how}"


# --------------------------------------------------------------------------- boards and --share


def board_title(day: str, number: int) -> str:
    return f"Daily #{number} · {day}"


def print_board(rows: Sequence[ScoreRow], title: str, out: TextIO | None = None) -> None:
    """A day's board: a Rich table on a terminal, plain text otherwise."""
    from hitrun_quiz.ui.tables import SCORE_HEADERS, print_table, score_cells

    out = out or sys.stdout
    if not rows:
        print(f"{title}: no official attempt yet. Play one: hitrun-quiz daily", file=out)
        return
    if not _isatty(out):
        print(title, file=out)  # a terminal shows it as the table's title
    print_table(SCORE_HEADERS, score_cells(rows), title=title, numeric={0, 2, 3}, out=out)


def show_share(info: DailyInfo, *, as_json: bool, copy_it: bool, ask: bool) -> int:
    """``daily --share``: print the last share line; copy it when asked to, or offer to."""
    import json

    if as_json:
        sys.stdout.write(json.dumps(info.to_json(), ensure_ascii=False) + "\n")
    else:
        print(share_of(info, share_style(sys.stdout)))
    sys.stdout.flush()
    line = share_of(info, share_style(sys.stdout)) or ""
    if not copy_it and ask and can_copy(sys.stdout):
        from hitrun_quiz.ui.menu import ask_confirm

        copy_it = ask_confirm("Copy it to the clipboard?")
    if copy_it:
        print(f"hitrun-quiz: {copied_note(copy(line, sys.stdout))}", file=sys.stderr)
    return 0


# --------------------------------------------------------------------------- playing


def play_daily_scripted(
    plan: DailyPlan,
    recorder: Recorder,
    source: TextIO,
    *,
    json_lines: bool,
    copy_it: bool = False,
) -> None:
    """A scripted daily round: answers from ``source``, text or JSON Lines on stdout."""
    from hitrun_quiz.app.daily import record_daily
    from hitrun_quiz.ui.script import ScriptFrontend

    rnd = plan.new_round()
    frontend = ScriptFrontend(source, sys.stdout, sys.stderr, json_lines=json_lines)
    started_at = time.time()
    summary = rnd.play(frontend)
    summary, _, warning = record_daily(plan, rnd, summary, recorder=recorder, started_at=started_at)
    if warning:
        frontend.note(warning)
    frontend.show(summary)
    if copy_it and summary.daily is not None:
        line = share_of(summary.daily, share_style(sys.stdout))
        if line:
            frontend.note(copied_note(copy(line, sys.stderr)))


def play_daily_interactive(plan: DailyPlan, recorder: Recorder, *, copy_it: bool = False) -> int:
    """A daily round on a terminal; returns 0, or 130 when abandoned (nothing recorded)."""
    from rich.text import Text

    from hitrun_quiz.app.daily import day_board, record_daily
    from hitrun_quiz.ui.prompts import QuestionaryPrompter, colour_wanted
    from hitrun_quiz.ui.terminal import ABANDONED, TerminalFrontend, make_console

    rnd = plan.new_round()
    console = make_console()
    prompter = QuestionaryPrompter(colour=colour_wanted(console), clock=rnd.clock)
    frontend = TerminalFrontend(console, prompter, clock=rnd.clock)
    try:
        started_at = time.time()
        summary = rnd.play(frontend)
        summary, round_id, warning = record_daily(
            plan, rnd, summary, recorder=recorder, started_at=started_at
        )
        if warning:
            print(f"hitrun-quiz: {warning}", file=sys.stderr, flush=True)
        frontend.show(summary)
        info = summary.daily
        assert info is not None
        line = share_of(info, share_style(sys.stdout)) or ""
        console.print()
        console.print(Text(line))
        console.print()
        rows = day_board(recorder, plan.day, plan.pack.id)
        if rows:
            from hitrun_quiz.ui.tables import SCORE_HEADERS, rich_table, score_cells

            highlight = next((i for i, r in enumerate(rows) if r.round_id == round_id), None)
            title = board_title(info.date, info.day)
            cells = score_cells(rows)
            console.print(
                rich_table(
                    SCORE_HEADERS, cells, title=title, numeric={0, 2, 3}, highlight=highlight
                )
            )
        if not copy_it and can_copy(sys.stdout):
            copy_it = frontend.confirm("Copy the share line to the clipboard?", default=True)
        if copy_it:
            console.print(Text(copied_note(copy(line, sys.stdout))))
        return 0
    except (KeyboardInterrupt, EOFError):
        console.print()
        note = " (nothing recorded: today's official attempt is still yours)" * plan.official
        console.print(Text(f"Round abandoned{note}", style="bold"))
        return ABANDONED
