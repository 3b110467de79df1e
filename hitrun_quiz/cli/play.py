"""`hitrun-quiz play`."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer

from hitrun_quiz.cli.base import (
    DifficultyOpt,
    TypeOpt,
    app,
    interactive_terminal,
)
from hitrun_quiz.errors import UsageError

if TYPE_CHECKING:
    pass


# --------------------------------------------------------------------------- play


def _finite(value: float | None) -> float | None:
    """--time-limit: nan and inf pass click's range check (every comparison is False)."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter("must be a finite number of seconds, from 1 to 3600")
    return value


@app.command()
def play(
    pack: Annotated[
        list[str] | None,
        typer.Option("--pack", "-p", help="Pack id or file (repeatable). Default: hit-and-run."),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="Questions a round.")] = 10,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Only this category (repeatable).")
    ] = None,
    difficulty: Annotated[
        list[DifficultyOpt] | None,
        typer.Option("--difficulty", "-d", help="Only this difficulty (repeatable)."),
    ] = None,
    qtype: Annotated[
        list[TypeOpt] | None, typer.Option("--type", "-t", help="Only this type (repeatable).")
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", min=0, max=2**63 - 1, help="Replay a round: same seed, same round."),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            min=1,
            max=3600,
            callback=_finite,
            help="Seconds a question; faster answers score more.",
        ),
    ] = None,
    player: Annotated[
        str | None, typer.Option("--player", help="Your name for the scores.")
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Scripted: read answers from FILE, one a line ('-' for stdin).",
        ),
    ] = None,
    json_lines: Annotated[
        bool, typer.Option("--json", help="Scripted: write JSON Lines events on stdout.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours.")] = False,
) -> None:
    """Play a round.

    On a terminal the round is interactive.  When stdin is not a terminal, or
    with --answers, it is scripted: one answer a line (an empty line skips),
    each question written and flushed before its answer is read.

    Example: hitrun-quiz play --count 5 --category cast --seed 42
    """
    from hitrun_quiz.app.rounds import setup_round
    from hitrun_quiz.app.session import Recorder, default_player

    setup = setup_round(
        pack or (),
        count=count,
        categories=category or (),
        difficulties=[d.value for d in difficulty or ()],
        types=[t.value for t in qtype or ()],
        time_limit=time_limit,
    )
    rnd = setup.new_round(seed)  # a filter that leaves nothing fails here, before any prompt
    recorder = Recorder()
    recorder.check()
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        import os

        if no_color:
            os.environ["NO_COLOR"] = "1"
        from hitrun_quiz.ui.terminal import play_interactive

        raise typer.Exit(play_interactive(rnd, setup.new_round, recorder, player=player))

    from hitrun_quiz.ui.script import ScriptFrontend

    if json_lines:
        from hitrun_quiz.cli.runtime import json_stdout

        json_stdout()
    if answers is None or answers == "-":
        source = sys.stdin
    else:
        from hitrun_quiz.files import os_failure

        try:
            # Bytes that are not UTF-8 become U+FFFD, as on stdin.
            source = open(answers, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            raise os_failure("read --answers", answers, exc) from None
    frontend = ScriptFrontend(source, sys.stdout, sys.stderr, json_lines=json_lines)
    started_at = time.time()
    try:
        summary = rnd.play(frontend)
    except UnicodeDecodeError:
        raise UsageError(f"{answers or 'stdin'}: answers are not valid UTF-8") from None
    finally:
        if source is not sys.stdin:
            source.close()
    summary, _, warning = recorder.save(
        rnd, summary, player=player or default_player(), mode="scripted", started_at=started_at
    )
    if warning:
        frontend.note(warning)
    frontend.show(summary)
