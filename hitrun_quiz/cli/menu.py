"""The menu: what `hitrun-quiz` alone opens on a terminal (a hidden command of the registry)."""

import typer

from hitrun_quiz.cli.base import new_app
from hitrun_quiz.ui.menu import main_menu

app = new_app()


@app.command()
def menu() -> None:
    """The menu (what `hitrun-quiz` alone opens on a terminal).

    Example: hitrun-quiz
    """
    raise typer.Exit(main_menu())
