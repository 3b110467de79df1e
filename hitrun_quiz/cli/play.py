"""`hitrun-quiz play`, and :func:`run_round`, which ``review`` plays its rounds with too."""

import json
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from hitrun_quiz.app.history import Rounds, misses_round, replay_round
from hitrun_quiz.app.rounds import setup_round
from hitrun_quiz.app.session import Recorder, default_player
from hitrun_quiz.cli.base import (
    AnswersOpt,
    Command,
    DbOpt,
    DifficultyOpt,
    JsonLinesOpt,
    ModeOpt,
    NoColorOpt,
    TypeOpt,
    interactive_terminal,
    new_app,
)
from hitrun_quiz.cli.runtime import json_stdout
from hitrun_quiz.errors import UsageError
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import RoundFinished
from hitrun_quiz.ui.script import play_scripted

app = new_app()


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
            help="Seconds for each question (1 to 3600); faster answers score more.",
        ),
    ] = None,
    player: Annotated[
        str | None,
        typer.Option("--player", metavar="PLAYER", help="Your name for the scores."),
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
            help="With --mode blitz: the round's length (5 to 3600; default 60).",
        ),
    ] = None,
    players: Annotated[
        str | None,
        typer.Option(
            "--players",
            metavar="NAMES",
            help="Hot-seat: players taking turns on this terminal, e.g. Ann,Bob,Cy.",
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
    if players is not None:  # hot-seat: one terminal passed around
        from hitrun_quiz.ui.hotseat import hotseat_command

        if replay is not None or misses or player is not None:
            raise UsageError("--players cannot be combined with --replay, --misses or --player")
        raise typer.Exit(hotseat_command(draw, players, seed, recorder, answers, json_lines))
    new_round = _round_maker(ctx, recorder, who, draw, replay, misses, round_id)
    rnd = new_round(seed)  # a bad value or a filter that leaves nothing fails here
    if isinstance(rnd, str):
        say_nothing(rnd, json_lines)
        return
    run_round(
        rnd, new_round, recorder, player, answers=answers, json_lines=json_lines, no_color=no_color
    )


def say_nothing(message: str, json_lines: bool, **fields: Any) -> None:
    """Nothing to play: one line, or one JSON object with ``--json``."""
    if json_lines:
        print(json.dumps({"event": "nothing", "message": message, **fields}))
    else:
        print(message)


def run_round(
    rnd: Round,
    new_round: Callable[[int | None], Round | str],
    recorder: Recorder,
    player: str | None,
    *,
    answers: str | None,
    json_lines: bool,
    no_color: bool,
) -> None:
    """Play ``rnd`` interactively on a terminal, else scripted; record it."""
    note = recorder.check()  # a league out of reach: play anyway, queue the round
    if note:
        print(f"hitrun-quiz: {note}", file=sys.stderr, flush=True)
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        if no_color:
            os.environ["NO_COLOR"] = "1"
        # The interactive frontend (Rich, questionary) is imported only when a
        # terminal is there to use it: a scripted round never pays for it.
        from hitrun_quiz.ui.terminal import play_interactive

        raise typer.Exit(play_interactive(rnd, new_round, recorder, player=player))

    def record(
        rnd: Round, summary: RoundFinished, started_at: float
    ) -> tuple[RoundFinished, str | None]:
        summary, _, warning = recorder.save(
            rnd, summary, player=player or default_player(), mode="scripted", started_at=started_at
        )
        return summary, warning

    if json_lines:
        json_stdout()
    play_scripted(rnd, record, answers=answers, json_lines=json_lines)


_NOT_WITH_A_RECORDED_ROUND = ("seed", "count", "category", "difficulty", "qtype")


def _round_maker(
    ctx: typer.Context,
    recorder: Recorder,
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
        refs, limit = draw["pack_refs"], draw["time_limit"]
        if replay is not None:
            return lambda _seed: replay_round(recorder, replay, packs=refs, time_limit=limit)
        return lambda _seed: misses_round(recorder, who, round_id, packs=refs, time_limit=limit)

    setup = setup_round(**draw)
    return Rounds(setup, recorder, who)
