"""`hitrun-quiz review`: play the questions due for review (FSRS)."""

from typing import Annotated

import typer

from hitrun_quiz.app.history import iso
from hitrun_quiz.app.review import NothingDue, review_round
from hitrun_quiz.app.session import Recorder, default_player
from hitrun_quiz.cli.base import (
    AnswersOpt,
    Command,
    DbOpt,
    JsonLinesOpt,
    NoColorOpt,
    new_app,
)
from hitrun_quiz.cli.play import run_round, say_nothing
from hitrun_quiz.game.engine import Round

app = new_app()


@app.command(cls=Command)
def review(
    pack: Annotated[
        str | None, typer.Option("--pack", "-p", help="Only this pack (id or file).")
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", metavar="N", help="At most N questions (at least 1)."),
    ] = 20,
    ahead: Annotated[
        bool, typer.Option("--ahead", help="Review the soonest due even if not due yet.")
    ] = False,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            metavar="SECONDS",
            help="Seconds for each question (1 to 3600); fast answers rate Easy.",
        ),
    ] = None,
    player: Annotated[str | None, typer.Option("--player", help="Your name.")] = None,
    answers: AnswersOpt = None,
    json_lines: JsonLinesOpt = False,
    no_color: NoColorOpt = False,
    db: DbOpt = None,
) -> None:
    """Review the questions you missed, when they are due (spaced review with FSRS).

    A missed question is due at once; one answered right comes back after days,
    then weeks. Plays like a round, on a terminal or scripted.

    Example: hitrun-quiz review --limit 10
    """
    recorder = Recorder.at(db)
    recorder.check()
    who = player or default_player()

    def new_round(_seed: int | None = None) -> Round | str:
        found = review_round(
            recorder, who, pack=pack, limit=limit, ahead=ahead, time_limit=time_limit
        )
        return found.message() if isinstance(found, NothingDue) else found

    first = review_round(recorder, who, pack=pack, limit=limit, ahead=ahead, time_limit=time_limit)
    if isinstance(first, NothingDue):
        say_nothing(
            first.message(),
            json_lines,
            next_review=None if first.next_at is None else iso(first.next_at),
            questions=first.count,
        )
        return
    run_round(
        first,
        new_round,
        recorder,
        player,
        answers=answers,
        json_lines=json_lines,
        no_color=no_color,
    )
