"""`hitrun-quiz stats` and `hitrun-quiz history`."""

from typing import Annotated

import typer

from hitrun_quiz.cli.base import Command, DbOpt, app, echo_json


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
    from hitrun_quiz.app.session import Recorder, default_player
    from hitrun_quiz.app.stats import compute

    figures = compute(Recorder.at(db), player or default_player(), pack)
    if as_json:
        echo_json(figures)
        return
    from hitrun_quiz.ui.charts import print_stats

    print_stats(figures)


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
    from hitrun_quiz.app.history import export
    from hitrun_quiz.app.session import Recorder, default_player

    rounds = export(Recorder.at(db), player or default_player())
    if as_json:
        echo_json(rounds)
        return
    from hitrun_quiz.ui.tables import print_table

    if not rounds:
        print("No rounds yet. Play one: hitrun-quiz play")
        return
    print_table(
        ["Round", "When", "Draw", "Packs", "Score", "Correct"],
        [
            [
                str(r["round_id"]),
                r["finished_at"],
                r["draw"],
                ", ".join(r["packs"]),
                str(r["score"]),
                f"{r['correct']}/{r['total']}",
            ]
            for r in rounds
        ],
        title="Your rounds",
        numeric={0, 4},
    )
