"""`hitrun-quiz join`: play in a hosted room, on a terminal or scripted."""

import os
import sys
from typing import Annotated

import typer

from hitrun_quiz.app.session import default_player
from hitrun_quiz.cli.base import (
    AnswersOpt,
    Command,
    JsonLinesOpt,
    NoColorOpt,
    interactive_terminal,
    new_app,
)
from hitrun_quiz.cli.runtime import json_stdout
from hitrun_quiz.files import os_failure
from hitrun_quiz.ui.room_join import ScriptView, play_room

app = new_app()


@app.command(cls=Command)
def join(
    address: Annotated[
        str, typer.Argument(metavar="ADDRESS", help="The host's HOST:PORT (or its URL).")
    ],
    code: Annotated[str, typer.Option("--code", metavar="CODE", help="The room code.")],
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Your name in the room.")
    ] = None,
    answers: AnswersOpt = None,
    json_lines: JsonLinesOpt = False,
    no_color: NoColorOpt = False,
) -> None:
    """Join a hosted room and play its round.

    On a terminal the round is interactive, as in `play`. When stdin is not a
    terminal, or with --answers or --json, it is scripted: each question is
    written, then one answer line is read (an empty line skips).

    Example: hitrun-quiz join 192.168.1.20:8765 --code K7QXM --name Ann
    """
    who = name or default_player()
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        if no_color:
            os.environ["NO_COLOR"] = "1"
        from hitrun_quiz.ui.room_screen import TerminalView

        play_room(address, code, who, TerminalView())
        return
    if json_lines:
        json_stdout()
    if answers is None or answers == "-":
        source = sys.stdin
    else:
        try:
            source = open(answers, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            raise os_failure("read --answers", answers, exc) from None
    try:
        play_room(
            address, code, who, ScriptView(source, sys.stdout, sys.stderr, json_lines=json_lines)
        )
    finally:
        if source is not sys.stdin:
            source.close()
