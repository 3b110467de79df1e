"""`hitrun-quiz scores` and `scores reset`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hitrun_quiz.cli.base import (
    DbOpt,
    confirm,
    echo_json,
    fail,
    scores_app,
)
from hitrun_quiz.errors import ExitStatus

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
    db: DbOpt = None,
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
    db: DbOpt = None,
) -> None:
    """Delete every recorded round.

    Asks first; without a terminal it refuses unless --yes is given.
    On a league this needs the owner's role.

    Example: hitrun-quiz scores reset --yes
    """
    from hitrun_quiz.app.session import Recorder

    recorder = Recorder()
    if recorder.check():  # a league out of reach: say so before asking anything
        fail(str(recorder.offline), ExitStatus.USAGE)
    if not confirm("Delete every recorded round?", yes):
        fail("nothing deleted")
    with recorder.store() as store:
        n = store.reset()
    print(f"Deleted {n} round{'s' * (n != 1)}.")
