"""`hitrun-quiz league init`, `league grant` and `league sync`: a shared leaderboard."""

from typing import Annotated

import typer

from hitrun_quiz.app.league import grant, init, sync
from hitrun_quiz.cli.base import Command, DbOpt, Group, new_app
from hitrun_quiz.safetext import clean_player_name, safe

app = league_app = new_app(
    cls=Group,
    help="A league: many players, one leaderboard on PostgreSQL.\n\n"
    "Example: hitrun-quiz league init postgresql://owner@db/quiz",
    no_args_is_help=True,
)

UrlArg = Annotated[
    str | None,
    typer.Argument(metavar="[URL]", help="postgresql://... (default: --db, else $HITRUN_QUIZ_DB)."),
]


@league_app.command("init", cls=Command)
def league_init(url: UrlArg = None, db: DbOpt = None) -> None:
    """Create the league's tables, or bring them up to this version (needs DDL rights).

    Run it once with the owner's role, and again after upgrading hitrun-quiz.
    Players' roles granted before keep their rights on new tables.

    Example: hitrun-quiz league init postgresql://owner@db/quiz
    """
    report = init(url, db)
    if report.applied:
        print(
            f"League at {report.where}: schema v{report.before} -> v{report.after}"
            f" ({len(report.applied)} migration{'s' * (len(report.applied) != 1)})."
        )
    else:
        print(f"League at {report.where}: schema v{report.after}, up to date.")
    if report.renewed:
        print("Rights renewed for: " + ", ".join(safe(r) for r in report.renewed))
    if report.unnamed:
        print(
            "No player name yet (league grant ROLE --player PLAYER): "
            + ", ".join(safe(r) for r in report.unnamed)
        )


@league_app.command("grant", cls=Command)
def league_grant(
    role: Annotated[str, typer.Argument(metavar="ROLE", help="The player's PostgreSQL role.")],
    player: Annotated[
        str,
        typer.Option(
            "--player", metavar="PLAYER", help="The one player name this role plays and records as."
        ),
    ],
    db: DbOpt = None,
) -> None:
    """Let a player's role play as one player name, and write only that player's rows.

    The role gets SELECT on the league, INSERT for its own rounds, results,
    cards, review logs and daily attempts, and UPDATE on its own cards; no DDL,
    no DELETE, nothing of another player's (row-level security).  Run with the
    owner's role, after `league init`; again to change the name.

    Example: hitrun-quiz league grant ada --player Ada --db postgresql://owner@db/quiz
    """
    where, tables = grant(role, player, db)
    print(
        f"League at {where}: {safe(role)} may now play as {safe(clean_player_name(player))}"
        f" ({len(tables)} tables)."
    )


@league_app.command("sync", cls=Command)
def league_sync(db: DbOpt = None) -> None:
    """Send the rounds waiting in the outbox (played while the league was out of reach).

    Example: hitrun-quiz league sync
    """
    report = sync(db)
    left = f"; {report.left} still waiting" if report.left else ""
    print(f"Sent {report.sent} round{'s' * (report.sent != 1)} to {report.where}{left}.")
