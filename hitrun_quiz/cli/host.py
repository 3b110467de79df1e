"""`hitrun-quiz host`: a room for one round, played together from terminals and phones."""

import os
import sys
from typing import Annotated

import typer

from hitrun_quiz.app.room import Room
from hitrun_quiz.app.rounds import setup_round
from hitrun_quiz.app.session import Recorder
from hitrun_quiz.cli.base import (
    Command,
    DbOpt,
    DifficultyOpt,
    JsonLinesOpt,
    ModeOpt,
    NoColorOpt,
    TypeOpt,
    is_tty,
    new_app,
)
from hitrun_quiz.cli.runtime import json_stdout
from hitrun_quiz.errors import UsageError
from hitrun_quiz.game.engine import check_time_limit
from hitrun_quiz.ui.room_host import Host, JsonHostView, host_room

app = new_app()


@app.command(cls=Command)
def host(
    pack: Annotated[
        list[str] | None,
        typer.Option("--pack", "-p", metavar="PACK", help="Pack id or file (repeatable)."),
    ] = None,
    count: Annotated[
        int, typer.Option("--count", "-n", metavar="N", help="Number of questions.")
    ] = 10,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", metavar="CATEGORY", help="Only this category."),
    ] = None,
    difficulty: Annotated[
        list[DifficultyOpt] | None,
        typer.Option(
            "--difficulty", "-d", metavar="LEVEL", case_sensitive=False, help="Only this level."
        ),
    ] = None,
    qtype: Annotated[
        list[TypeOpt] | None,
        typer.Option("--type", "-t", metavar="TYPE", case_sensitive=False, help="Only this type."),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", metavar="SEED", help="Same seed, same round.")
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            metavar="SECONDS",
            help="Seconds for each question (1 to 3600); faster right answers score more"
            " (blitz: each question's limit under the room's clock, no speed bonus).",
        ),
    ] = 20.0,
    port: Annotated[
        int,
        typer.Option("--port", metavar="PORT", min=0, max=65535, help="Port; 0 picks a free one."),
    ] = 0,
    public: Annotated[
        bool,
        typer.Option("--public", help="Listen on every network (0.0.0.0), for phones on the LAN."),
    ] = False,
    wait_for: Annotated[
        int | None,
        typer.Option(
            "--wait-for", metavar="N", min=1, help="Start once N players are in (else on Enter)."
        ),
    ] = None,
    max_players: Annotated[
        int, typer.Option("--max-players", metavar="N", min=1, max=1000, help="Player cap.")
    ] = 50,
    pause: Annotated[
        float, typer.Option("--pause", metavar="SECONDS", min=0, max=60, hidden=True)
    ] = 4.0,
    grace: Annotated[
        float, typer.Option("--grace", metavar="SECONDS", min=0, max=3600, hidden=True)
    ] = 60.0,
    mode: Annotated[
        ModeOpt,
        typer.Option(
            "--mode",
            "-m",
            metavar="MODE",
            case_sensitive=False,
            help="classic, survival (3 lives each; the knocked out watch) or blitz (one clock"
            " for the room). A ladder is played alone. See README, 'Modes and lifelines'.",
        ),
    ] = ModeOpt.classic,
    seconds: Annotated[
        float | None,
        typer.Option(
            "--seconds",
            metavar="SECONDS",
            help="With --mode blitz: the room's clock (5 to 3600; default 60).",
        ),
    ] = None,
    json_lines: JsonLinesOpt = False,
    no_color: NoColorOpt = False,
    db: DbOpt = None,
) -> None:
    """Host a room for one round: players join from terminals or phones.

    Shows the room code, the join command and the join URL (with a QR code on
    a terminal). Press Enter to start, or give --wait-for. Type `remove NAME`
    and Enter to remove a player. Each player's round is recorded on the
    party board. With --json (or no terminal) the host writes JSON Lines.

    With --mode survival each player has 3 lives and the round ends when one
    or none is left standing; with --mode blitz questions follow each other
    with no pause until the room's clock (--seconds) runs out.

    Example: hitrun-quiz host --count 5 --public
    """
    check_time_limit(time_limit)
    if mode == ModeOpt.ladder:
        raise UsageError(
            "--mode ladder is played alone (hitrun-quiz play --mode ladder);"
            " a room plays classic, survival or blitz"
        )
    setup = setup_round(
        pack or (),
        count=count,
        categories=category or (),
        difficulties=[d.value for d in difficulty or ()],
        types=[t.value for t in qtype or ()],
        time_limit=None if mode == ModeOpt.blitz else time_limit,
        mode=mode.value,
        seconds=seconds,
    )
    rnd = setup.new_round(seed)
    rnd.time_limit = time_limit  # blitz too: a question's own limit, under the room's clock
    recorder = Recorder.at(db)
    note = recorder.check()
    if note:
        print(f"hitrun-quiz: {note}", file=sys.stderr, flush=True)
    room = Room(rnd, max_players=max_players, pause=pause, grace=grace)
    screen = not json_lines and is_tty(sys.stdout)
    if screen:
        if no_color:
            os.environ["NO_COLOR"] = "1"
        from hitrun_quiz.ui.room_screen import HostScreen

        view: object = HostScreen(room)
    else:
        json_stdout()
        view = JsonHostView(sys.stdout, sys.stderr)
    commands = sys.stdin if is_tty(sys.stdin) or not screen else None
    host_room(
        Host(
            room,
            recorder,
            view,  # type: ignore[arg-type]
            public=public,
            port=port,
            wait_for=wait_for,
            commands=commands,
        )
    )
