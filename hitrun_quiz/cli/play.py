"""`hitrun-quiz play`."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer

from hitrun_quiz.cli.base import (
    DbOpt,
    DifficultyOpt,
    TypeOpt,
    app,
    interactive_terminal,
)
from hitrun_quiz.errors import UsageError

if TYPE_CHECKING:
    pass


# --------------------------------------------------------------------------- play


@app.command()
def play(
    pack: Annotated[
        list[str] | None,
        typer.Option(
            "--pack",
            "-p",
            metavar="PACK",
            help="Pack id or file (repeatable). Default: hit-and-run.",
        ),
    ] = None,
    count: Annotated[
        int,
        typer.Option("--count", "-n", metavar="N", help="Number of questions in a round."),
    ] = 10,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            "-c",
            metavar="CATEGORY",
            help="Only this category, in any case (repeatable).",
        ),
    ] = None,
    difficulty: Annotated[
        list[DifficultyOpt] | None,
        typer.Option(
            "--difficulty",
            "-d",
            metavar="LEVEL",
            case_sensitive=False,
            help="Only this difficulty: easy, medium or hard (repeatable).",
        ),
    ] = None,
    qtype: Annotated[
        list[TypeOpt] | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            case_sensitive=False,
            help="Only this type: choice, truefalse, text or number (repeatable).",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", metavar="SEED", help="Replay a round: same seed, same round."),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            metavar="SECONDS",
            help="Seconds for each question; faster answers score more.",
        ),
    ] = None,
    player: Annotated[
        str | None,
        typer.Option("--player", metavar="NAME", help="Your name for the scores."),
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
    db: DbOpt = None,
) -> None:
    """Play a round.

    On a terminal the round is interactive.  When stdin is not a terminal, or
    with --answers, it is scripted: one answer a line (an empty line skips),
    each question written and flushed before its answer is read.

    Example: hitrun-quiz play --count 5 --category cast --seed 42
    """
    from hitrun_quiz.app.rounds import setup_round
    from hitrun_quiz.app.session import Recorder, default_player

    if count < 1:
        raise UsageError("--count must be at least 1")
    if seed is not None and not 0 <= seed < 2**63:
        raise UsageError("--seed must be a whole number from 0 to 9223372036854775807")
    if time_limit is not None and time_limit < 1:
        raise UsageError("--time-limit must be at least 1 second")
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
    note = recorder.check()  # a league out of reach: play anyway, queue the round
    if note:
        print(f"hitrun-quiz: {note}", file=sys.stderr, flush=True)
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        import os

        if no_color:
            os.environ["NO_COLOR"] = "1"
        from hitrun_quiz.ui.terminal import play_interactive

        raise typer.Exit(play_interactive(rnd, setup.new_round, recorder, player=player))

    from hitrun_quiz.ui.script import ScriptFrontend

    if answers is None or answers == "-":
        source = sys.stdin
    else:
        try:
            source = open(answers, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise UsageError(f"--answers {answers}: {exc.strerror or exc}") from None
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
