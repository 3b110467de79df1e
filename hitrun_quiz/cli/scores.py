"""`hitrun-quiz scores` and `scores reset`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from hitrun_quiz.cli.base import (
    confirm,
    echo_json,
    fail,
    scores_app,
)
from hitrun_quiz.errors import UsageError

if TYPE_CHECKING:
    pass


class _DailyDateGroup(TyperGroup):
    """``scores --daily [DATE]``: a date right after --daily is its value, not a command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = list(args)
        if "--daily" in args:
            i = args.index("--daily")
            value = args[i + 1] if i + 1 < len(args) else None
            if value is not None and not value.startswith("-") and value not in self.commands:
                args[i : i + 2] = ["--daily-date", value]
        return super().parse_args(ctx, args)


scores_app.info.cls = _DailyDateGroup


# --------------------------------------------------------------------------- scores


@scores_app.callback()
def scores(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
    pack: Annotated[str | None, typer.Option("--pack", help="Only rounds with this pack.")] = None,
    player: Annotated[str | None, typer.Option("--player", help="Only this player.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many rows.")] = 10,
    daily: Annotated[
        bool,
        typer.Option(
            "--daily", help="A day's daily board: today's, or DATE's (--daily 2026-05-09)."
        ),
    ] = False,
    daily_date: Annotated[str | None, typer.Option("--daily-date", hidden=True)] = None,
) -> None:
    """Show the high-score table (finished rounds only; daily rounds have their own boards).

    Example: hitrun-quiz scores --pack hit-and-run --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from hitrun_quiz.app.session import Recorder

    if daily or daily_date:
        from hitrun_quiz.app import daily as daily_app

        if player is not None:
            raise UsageError("--daily shows a whole day's board; --player does not apply")
        day = daily_app.today(os.environ)  # HITRUN_QUIZ_TODAY: a testing hook (README)
        if daily_date is not None:
            day = daily_app.parse_date(daily_date, "--daily")
        rows = daily_app.day_board(Recorder(), day, pack_id=pack, limit=limit)
        if as_json:
            echo_json([r.to_json() for r in rows])
            return
        from hitrun_quiz.ui.daily import board_title, print_board

        print_board(rows, board_title(day.isoformat(), daily_app.day_number(day)))
        return
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
