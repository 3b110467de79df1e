"""`hitrun-quiz scores` and `scores reset`."""

import difflib
import os
import sys
from typing import Annotated, Any

import typer

from hitrun_quiz.app import daily as daily_app
from hitrun_quiz.app.history import forget
from hitrun_quiz.app.session import Recorder
from hitrun_quiz.cli.base import Command, DbOpt, Group, confirm, echo_json, new_app
from hitrun_quiz.errors import PackNotFound, ScoresError, UsageError
from hitrun_quiz.packs.loader import pack_files
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store.boards import ALL_BOARDS, DEFAULT_BOARD, board_title
from hitrun_quiz.ui.daily import board_title as daily_board_title
from hitrun_quiz.ui.daily import print_board
from hitrun_quiz.ui.tables import print_scores


class _DailyDateGroup(Group):
    """``scores --daily [DATE]``: a date right after --daily is its value, not a command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = list(args)
        if "--daily" in args:
            i = args.index("--daily")
            value = args[i + 1] if i + 1 < len(args) else None
            if value is not None and not value.startswith("-") and value not in self.commands:
                args[i : i + 2] = ["--daily-date", value]
        return super().parse_args(ctx, args)


app = scores_app = new_app(
    cls=_DailyDateGroup,
    help="Show the high-score table (top 10), or reset it.\n\n"
    "Example: hitrun-quiz scores --limit 5",
    invoke_without_command=True,
)


# --------------------------------------------------------------------------- scores


@scores_app.callback()
def scores(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
    board: Annotated[
        str | None,
        typer.Option(
            "--board",
            metavar="BOARD",
            help="The board to show, such as hit-and-run/10/untimed/interactive, or 'all'."
            " Default: the board of a default round, unless --pack or --player is given.",
        ),
    ] = None,
    pack: Annotated[
        str | None, typer.Option("--pack", metavar="PACK", help="Only rounds with this pack.")
    ] = None,
    player: Annotated[
        str | None, typer.Option("--player", metavar="NAME", help="Only this player.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="How many rows.")] = 10,
    daily: Annotated[
        bool,
        typer.Option(
            "--daily", help="A day's daily board: today's, or DATE's (--daily 2026-05-09)."
        ),
    ] = False,
    daily_date: Annotated[str | None, typer.Option("--daily-date", hidden=True)] = None,
    db: DbOpt = None,
) -> None:
    """Show the high scores of one board (finished rounds only; daily rounds: --daily).

    A board holds rounds of the same packs, number of questions, timing
    (timed or not) and mode (interactive or scripted), so like is ranked with
    like.  Without options: the board of a default round (hit-and-run, 10
    questions, untimed, interactive).  --pack or --player alone look across
    every board.

    Example: hitrun-quiz scores --board hit-and-run/5/timed/interactive
    """
    if ctx.invoked_subcommand is not None:
        return
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    if daily or daily_date:
        if player is not None:
            raise UsageError("--daily shows a whole day's board; --player does not apply")
        day = daily_app.today(os.environ)  # HITRUN_QUIZ_TODAY: a testing hook (README)
        if daily_date is not None:
            day = daily_app.parse_date(daily_date, "--daily")
        rows = daily_app.day_board(Recorder(), day, pack_id=pack, limit=limit)
        if as_json:
            echo_json([r.to_json() for r in rows])
            return
        print_board(rows, daily_board_title(day.isoformat(), daily_app.day_number(day)))
        return
    if board is None:
        board = ALL_BOARDS if pack or player else DEFAULT_BOARD
    chosen = None if board == ALL_BOARDS else board
    recorder = Recorder()
    rows = recorder.top(limit=limit, pack=pack, player=player, board=chosen)
    if not rows and pack is not None:
        _check_pack(pack, recorder)
    if as_json:
        echo_json([r.to_json() for r in rows])
        return
    filters = "".join(
        f", {what} {value}" for what, value in (("pack", pack), ("player", player)) if value
    )
    print_scores(rows, board=chosen, empty=_nothing(chosen, pack, player), filters=filters)


def _nothing(board: str | None, pack: str | None, player: str | None) -> str:
    """What an empty table says: which filter found nothing."""
    where = f" on the board {board_title(board)}" if board is not None else ""
    if player is not None:
        with_pack = f" with the pack {pack}" if pack else ""
        return f"No finished rounds by {player}{with_pack}{where}."
    if pack is not None:
        return f"No finished rounds with the pack {pack}{where}."
    hint = " (see every board: hitrun-quiz scores --board all)" if board is not None else ""
    return f"No finished rounds{where} yet{hint}. Play one: hitrun-quiz play"


def _check_pack(pack: str, recorder: Recorder) -> None:
    """A pack neither installed nor ever played is a usage error (a typo, most likely)."""
    known = {p.stem for p, _ in pack_files()} | recorder.known_pack_ids()
    if pack in known:
        return
    close = difflib.get_close_matches(pack, sorted(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise PackNotFound(f"--pack: no pack '{pack}'{hint} (see: hitrun-quiz packs list)")


@scores_app.command("reset", cls=Command)
def scores_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete every recorded round.

    Says how many rounds it will delete and asks first; without a terminal it
    refuses unless --yes is given.
    On a league this needs the owner's role.

    Example: hitrun-quiz scores reset --yes
    """
    recorder = Recorder()
    if recorder.check():  # a league out of reach: say so before asking anything
        raise ScoresError(str(recorder.offline))
    with recorder.store() as store:
        n = store.count()
    rounds = f"{n} recorded round{'s' * (n != 1)}"
    if not confirm(f"Delete every recorded round ({rounds})?", yes):
        print("hitrun-quiz: nothing deleted", file=sys.stderr)
        return
    with recorder.store() as store:
        n = store.reset()
    print(f"Deleted {n} round{'s' * (n != 1)}.")


@scores_app.command("forget", cls=Command)
def scores_forget(
    player: Annotated[str, typer.Argument(help="The player whose data to delete.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete one player's rounds, results, review cards and review logs.

    Asks first; without a terminal it refuses unless --yes is given.

    Example: hitrun-quiz scores forget Ann --yes
    """
    recorder = Recorder()
    recorder.check()
    name = clean_player_name(player)
    if not confirm(f"Delete every round and review card of {name}?", yes):
        print("hitrun-quiz: nothing deleted", file=sys.stderr)
        return
    n = forget(recorder, player)
    print(f"Deleted {n} round{'s' * (n != 1)} of {name}.")
