"""`hitrun-quiz daily`: today's round, the same for everyone, one official attempt a day."""

import os
from typing import Annotated

import typer

from hitrun_quiz.app import daily as daily_app
from hitrun_quiz.app.session import Recorder, default_player
from hitrun_quiz.cli.base import (
    AnswersOpt,
    Command,
    DbOpt,
    JsonLinesOpt,
    NoColorOpt,
    interactive_terminal,
    new_app,
)
from hitrun_quiz.cli.runtime import json_stdout
from hitrun_quiz.ui.daily import play_daily_scripted, show_share

app = new_app()


@app.command(cls=Command)
def daily(
    ctx: typer.Context,
    pack: Annotated[
        str | None,
        typer.Option("--pack", "-p", help="Pack id or file. Default: hit-and-run."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Play a past day's round (practice, not ranked)."
        ),
    ] = None,
    share: Annotated[
        bool, typer.Option("--share", help="Print the share line of your last daily round.")
    ] = False,
    copy: Annotated[
        bool, typer.Option("--copy", help="Copy the share line to the clipboard without asking.")
    ] = False,
    player: Annotated[
        str | None, typer.Option("--player", help="Your name for the daily board.")
    ] = None,
    answers: AnswersOpt = None,
    json_lines: JsonLinesOpt = False,
    no_color: NoColorOpt = False,
    db: DbOpt = None,
) -> None:
    """Play today's daily round: 10 questions, the same for everyone that day.

    Your first round played to the end today is official (on today's board,
    it keeps your streak); later tries, and past days (--date), are practice.
    At the end you get a share line with no questions and no answers.

    Example: hitrun-quiz daily --share
    """
    if no_color:
        os.environ["NO_COLOR"] = "1"
    now = daily_app.today(os.environ)  # HITRUN_QUIZ_TODAY: a testing hook (README)
    recorder = Recorder.at(db)
    recorder.check()
    name = player or default_player()
    if share:
        info = daily_app.last_share(recorder, name, now)
        ask = not json_lines and interactive_terminal()
        raise typer.Exit(show_share(info, as_json=json_lines, copy_it=copy, ask=ask))
    day = daily_app.parse_date(date) if date is not None else None
    plan = daily_app.plan_daily(pack, player=name, now=now, recorder=recorder, day=day)
    ctx.call_on_close(lambda: daily_app.release(plan, recorder))  # a round never recorded
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        # Rich and questionary only when a terminal is there to use them.
        from hitrun_quiz.ui.terminal import play_daily_interactive

        raise typer.Exit(play_daily_interactive(plan, recorder, copy_it=copy))
    if json_lines:
        json_stdout()
    play_daily_scripted(plan, recorder, answers, json_lines=json_lines, copy_it=copy)
