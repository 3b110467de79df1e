"""`hitrun-quiz stats`: your progress."""

from typing import Annotated

import typer

from hitrun_quiz.app.session import Recorder, default_player
from hitrun_quiz.app.stats import compute
from hitrun_quiz.cli.base import Command, DbOpt, echo_json, new_app
from hitrun_quiz.ui.charts import print_stats

app = new_app()


@app.command(cls=Command)
def stats(
    player: Annotated[
        str | None, typer.Option("--player", help="Whose statistics (default: you).")
    ] = None,
    pack: Annotated[str | None, typer.Option("--pack", "-p", help="Only this pack.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    db: DbOpt = None,
) -> None:
    """Your progress: accuracy, coverage, best rounds, most missed, reviews due.

    Accuracy overall and by category, difficulty, type (bar charts) and week
    (a sparkline); pack coverage (seen, mastered); the best round per board and
    the longest streak; the five most-missed questions with their answers.

    Example: hitrun-quiz stats --pack hit-and-run
    """
    figures = compute(Recorder.at(db), player or default_player(), pack)
    if as_json:
        echo_json(figures)
        return
    print_stats(figures)
