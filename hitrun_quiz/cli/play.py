"""`hitrun-quiz play`."""

import sys
import time
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hitrun_quiz.cli.base import (
    AnswersOpt,
    Command,
    DbOpt,
    DifficultyOpt,
    JsonLinesOpt,
    NoColorOpt,
    TypeOpt,
    app,
    check_time_limit,
    interactive_terminal,
)
from hitrun_quiz.errors import UsageError

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder


# --------------------------------------------------------------------------- play


class ModeOpt(str, Enum):
    """--mode: the rules of the round (game/modes.py)."""

    classic = "classic"
    survival = "survival"
    ladder = "ladder"
    blitz = "blitz"


def check_seconds(value: float | None) -> float | None:
    """--seconds: finite, from 5 to 3600."""
    import math

    if value is not None and not (math.isfinite(value) and 5 <= value <= 3600):
        raise typer.BadParameter("must be a number of seconds from 5 to 3600")
    return value


@app.command(cls=Command)
def play(
    ctx: typer.Context,
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
            callback=check_time_limit,
            help="Seconds for each question (1 to 3600); faster answers score more.",
        ),
    ] = None,
    player: Annotated[
        str | None,
        typer.Option("--player", metavar="NAME", help="Your name for the scores."),
    ] = None,
    answers: AnswersOpt = None,
    json_lines: JsonLinesOpt = False,
    no_color: NoColorOpt = False,
    replay: Annotated[
        int | None,
        typer.Option(
            "--replay",
            metavar="ROUND_ID",
            min=1,
            help="Play a recorded round again: same questions, same choice order.",
        ),
    ] = None,
    misses: Annotated[
        bool,
        typer.Option(
            "--misses",
            help="Retry the questions you missed in your last round (or in round ROUND_ID).",
        ),
    ] = False,
    round_id: Annotated[
        int | None,
        typer.Argument(metavar="[ROUND_ID]", help="With --misses: the round to retry.", min=1),
    ] = None,
    db: DbOpt = None,
    mode: Annotated[
        ModeOpt,
        typer.Option(
            "--mode",
            "-m",
            metavar="MODE",
            case_sensitive=False,
            help="classic, survival (3 lives), ladder (15 rungs for a prize) or blitz"
            " (against the clock). See README, 'Modes and lifelines'.",
        ),
    ] = ModeOpt.classic,
    seconds: Annotated[
        float | None,
        typer.Option(
            "--seconds",
            metavar="SECONDS",
            callback=check_seconds,
            help="With --mode blitz: the round's length (5 to 3600; default 60).",
        ),
    ] = None,
) -> None:
    """Play a round.

    On a terminal the round is interactive.  When stdin is not a terminal, or
    with --answers, it is scripted: one answer a line (an empty line skips),
    each question written and flushed before its answer is read.  Without
    --seed the round is fresh: questions you have not seen come first.
    Lifelines (once a round each): ?50, ?hint, ?skip as a reply; ?walk walks
    away from a ladder.

    Example: hitrun-quiz play --count 5 --category cast --seed 42
    """
    from hitrun_quiz.app.session import Recorder, default_player

    if count < 1:
        raise UsageError("--count must be at least 1")
    if seed is not None and not 0 <= seed < 2**63:
        raise UsageError("--seed must be a whole number from 0 to 9223372036854775807")
    recorder = Recorder.at(db)
    who = player or default_player()
    draw = {
        "pack_refs": pack or (),
        "count": count,
        "categories": category or (),
        "difficulties": [d.value for d in difficulty or ()],
        "types": [t.value for t in qtype or ()],
        "time_limit": time_limit,
        "mode": mode.value,
        "seconds": seconds,
    }
    new_round = _round_maker(ctx, recorder, who, draw, replay, misses, round_id)
    rnd = new_round(seed)  # a filter that leaves nothing fails here, before any prompt
    if isinstance(rnd, str):
        say_nothing(rnd, json_lines)
        return
    run_round(
        rnd, new_round, recorder, player, answers=answers, json_lines=json_lines, no_color=no_color
    )


def say_nothing(message: str, json_lines: bool, **fields: Any) -> None:
    """Nothing to play: one line, or one JSON object with ``--json``."""
    if json_lines:
        import json

        print(json.dumps({"event": "nothing", "message": message, **fields}))
    else:
        print(message)


def run_round(
    rnd: Any,
    new_round: Callable[[int | None], Any],
    recorder: "Recorder",
    player: str | None,
    *,
    answers: str | None,
    json_lines: bool,
    no_color: bool,
) -> None:
    """Play ``rnd`` interactively on a terminal, else scripted; record it."""
    from hitrun_quiz.app.session import default_player

    note = recorder.check()  # a league out of reach: play anyway, queue the round
    if note:
        print(f"hitrun-quiz: {note}", file=sys.stderr, flush=True)
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        import os

        if no_color:
            os.environ["NO_COLOR"] = "1"
        from hitrun_quiz.ui.terminal import play_interactive

        raise typer.Exit(play_interactive(rnd, new_round, recorder, player=player))

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


_NOT_WITH_A_RECORDED_ROUND = ("seed", "count", "category", "difficulty", "qtype")


def _round_maker(
    ctx: typer.Context,
    recorder: "Recorder",
    who: str,
    draw: dict[str, Any],
    replay: int | None,
    misses: bool,
    round_id: int | None,
) -> Callable[[int | None], Any]:
    """The function that makes this command's rounds (again for "Play again?")."""
    if round_id is not None and not misses:
        raise UsageError(f"unexpected argument {round_id}: a round id goes with --misses")
    if replay is not None or misses:
        option = "--replay" if replay is not None else "--misses"
        if replay is not None and misses:
            raise UsageError("--replay and --misses cannot be combined")
        if draw["mode"] != "classic" or draw["seconds"] is not None:
            raise UsageError(f"{option} plays a classic round; drop --mode and --seconds")
        for name in _NOT_WITH_A_RECORDED_ROUND:
            source = ctx.get_parameter_source(name)
            if source is not None and source.name != "DEFAULT":
                flag = "--type" if name == "qtype" else f"--{name}"
                raise UsageError(f"{option} plays a recorded round's questions; drop {flag}")
        from hitrun_quiz.app.history import misses_round, replay_round

        refs, limit = draw["pack_refs"], draw["time_limit"]
        if replay is not None:
            return lambda _seed: replay_round(recorder, replay, packs=refs, time_limit=limit)
        return lambda _seed: misses_round(recorder, who, round_id, packs=refs, time_limit=limit)

    from hitrun_quiz.app.history import Rounds
    from hitrun_quiz.app.rounds import setup_round

    setup = setup_round(**draw)
    return Rounds(setup, recorder, who)
