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
from hitrun_quiz.safetext import clean_player_name, safe
from hitrun_quiz.store.boards import (
    ALL_BOARDS,
    BOARD_FORMS,
    DEFAULT_BOARD,
    board_title,
    is_board_key,
)
from hitrun_quiz.ui.daily import board_title as daily_board_title
from hitrun_quiz.ui.daily import print_board
from hitrun_quiz.ui.tables import print_scores


class _ScoresGroup(Group):
    """``scores``: the table's options, then maybe a subcommand (``reset``, ``forget``)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and ctx.params.get("daily"):
            raise UsageError(
                f"--daily takes no value; for the board of another day:"
                f" hitrun-quiz scores --daily --date {args[0]}"
            )
        return super().resolve_command(ctx, args)


app = scores_app = new_app(
    cls=_ScoresGroup,
    help="Show the high-score table (top 10), or reset it.\n\n"
    "Example: hitrun-quiz scores --limit 5",
    invoke_without_command=True,
    subcommand_metavar="[COMMAND]",  # the table needs no command: reset and forget are extra
)


#: The table's options (parameter name -> flag): none of them applies to a subcommand.
_TABLE_OPTIONS = {
    "as_json": "--json",
    "board": "--board",
    "pack": "--pack",
    "player": "--player",
    "limit": "--limit",
    "daily": "--daily",
    "date": "--date",
}


def _refuse_table_options(ctx: typer.Context, player: str | None) -> None:
    """``scores --player Bob reset``: the table's options given to a subcommand are refused."""
    given = [
        flag
        for name, flag in _TABLE_OPTIONS.items()
        if getattr(ctx.get_parameter_source(name), "name", "") == "COMMANDLINE"
    ]
    if not given:
        return
    sub = ctx.invoked_subcommand
    hint = ""
    if player is not None and sub == "reset":
        hint = f"; to delete one player's rounds: hitrun-quiz scores forget {player}"
    raise UsageError(
        f"{', '.join(given)} "
        + ("chooses the table and does" if len(given) == 1 else "choose the table and do")
        + f" not apply to `scores {sub}`{hint}"
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
        str | None, typer.Option("--player", metavar="PLAYER", help="Only this player.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="How many rows.")] = 10,
    daily: Annotated[
        bool,
        typer.Option("--daily", help="A day's daily board: today's, or --date's."),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="With --daily: that day's board (--daily --date 2026-05-09).",
        ),
    ] = None,
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
        _refuse_table_options(ctx, player)
        return
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    if daily or date:
        if player is not None:
            raise UsageError("--daily shows a whole day's board; --player does not apply")
        day = daily_app.today(os.environ)  # HITRUN_QUIZ_TODAY: a testing hook (README)
        if date is not None:
            day = daily_app.parse_date(date, "--date")
        rows = daily_app.day_board(Recorder.at(db), day, pack_id=pack, limit=limit)
        if as_json:
            echo_json([r.to_json() for r in rows])
            return
        print_board(rows, daily_board_title(day.isoformat(), daily_app.day_number(day)))
        return
    if board is None:
        board = ALL_BOARDS if pack or player else DEFAULT_BOARD
    elif board != ALL_BOARDS and not is_board_key(board):
        raise UsageError(
            f"--board {safe(board)}: no such board; give {BOARD_FORMS}, such as {DEFAULT_BOARD}"
        )
    chosen = None if board == ALL_BOARDS else board
    recorder = Recorder.at(db)
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
    from hitrun_quiz.ui.invocation import program

    me = program()  # a command the player can run from here, as printed
    hint = f" (see every board: {me} scores --board all)" if board is not None else ""
    return f"No finished rounds{where} yet{hint}. Play one: {me} play"


def _check_pack(pack: str, recorder: Recorder) -> None:
    """A pack neither installed nor ever played is a usage error (a typo, most likely)."""
    known = {p.stem for p, _ in pack_files()} | recorder.known_pack_ids()
    if pack in known:
        return
    close = difflib.get_close_matches(pack, sorted(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise PackNotFound(f"--pack: no pack '{pack}'{hint} (see: hitrun-quiz packs list)")


def _db(ctx: typer.Context, db: str | None) -> str | None:
    """A subcommand's ``--db``, else the one given before it (``scores --db X reset``)."""
    if db is not None or ctx.parent is None:
        return db
    given = ctx.parent.params.get("db")
    return given if isinstance(given, str) else None


@scores_app.command("reset", cls=Command)
def scores_reset(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete every recorded round.

    Says how many rounds it will delete and asks first; without a terminal it
    refuses unless --yes is given.
    On a league this needs the owner's role.

    Example: hitrun-quiz scores reset --yes
    """
    recorder = Recorder.at(_db(ctx, db))
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
    ctx: typer.Context,
    player: Annotated[str, typer.Argument(help="The player whose data to delete.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete one player's rounds, results, review cards and review logs.

    Asks first; without a terminal it refuses unless --yes is given.

    Example: hitrun-quiz scores forget Ann --yes
    """
    recorder = Recorder.at(_db(ctx, db))
    recorder.check()
    name = clean_player_name(player)
    if not confirm(f"Delete every round and review card of {name}?", yes):
        print("hitrun-quiz: nothing deleted", file=sys.stderr)
        return
    n = forget(recorder, player)
    print(f"Deleted {n} round{'s' * (n != 1)} of {name}.")
