"""`hitrun-quiz history`: every round a player played, with each question's result."""

from typing import Annotated

import typer

from hitrun_quiz.app.history import export
from hitrun_quiz.app.session import Recorder, default_player
from hitrun_quiz.cli.base import Command, DbOpt, echo_json, new_app
from hitrun_quiz.ui.invocation import program
from hitrun_quiz.ui.tables import print_history

app = new_app()


@app.command(cls=Command)
def history(
    player: Annotated[
        str | None, typer.Option("--player", help="Whose rounds (default: you).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every round with its results, as one JSON array.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Export every round a player played, with each question's result.

    Example: hitrun-quiz history --json > my-rounds.json
    """
    rounds = export(Recorder.at(db), player or default_player())
    if as_json:
        echo_json(rounds)
        return
    if not rounds:
        print(f"No rounds yet. Play one: {program()} play")
        return
    print_history(rounds)
