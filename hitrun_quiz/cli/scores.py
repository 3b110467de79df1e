"""`hitrun-quiz scores` and `scores reset`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hitrun_quiz.cli.base import (
    confirm,
    echo_json,
    fail,
    scores_app,
)

if TYPE_CHECKING:
    pass


# --------------------------------------------------------------------------- scores


@scores_app.callback()
def scores(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
    pack: Annotated[str | None, typer.Option("--pack", help="Only rounds with this pack.")] = None,
    player: Annotated[str | None, typer.Option("--player", help="Only this player.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many rows.")] = 10,
) -> None:
    """Show the high-score table (finished rounds only).

    Example: hitrun-quiz scores --pack hit-and-run --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from hitrun_quiz.app.session import Recorder

    rows = Recorder().top(limit=limit, pack=pack, player=player)
    if as_json:
        echo_json([r.to_json() for r in rows])
        return
    from hitrun_quiz.ui.tables import print_scores

    print_scores(rows)


@scores_app.command("reset")
def scores_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every recorded round.

    Asks first; without a terminal it refuses unless --yes is given.

    Example: hitrun-quiz scores reset --yes
    """
    from hitrun_quiz.app.session import Recorder

    recorder = Recorder()
    recorder.check()
    if not confirm("Delete every recorded round?", yes):
        fail("nothing deleted")
    with recorder.store() as store:
        n = store.reset()
    print(f"Deleted {n} round{'s' * (n != 1)}.")


@scores_app.command("forget")
def scores_forget(
    player: Annotated[str, typer.Argument(help="The player whose data to delete.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete one player's rounds, results, review cards and review logs.

    Asks first; without a terminal it refuses unless --yes is given.

    Example: hitrun-quiz scores forget Ann --yes
    """
    from hitrun_quiz.app.history import forget
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.safetext import clean_player_name

    recorder = Recorder()
    recorder.check()
    name = clean_player_name(player)
    if not confirm(f"Delete every round and review card of {name}?", yes):
        fail("nothing deleted")
    n = forget(recorder, player)
    print(f"Deleted {n} round{'s' * (n != 1)} of {name}.")
