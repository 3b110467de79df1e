"""A league: choosing the store, the outbox, and the owner's commands.

The store is chosen in ONE place, :func:`db_target`: a command's ``--db`` (passed
down to it), else ``HITRUN_QUIZ_DB``, else the SQLite file in the data dir. Every
command that touches scores goes through :class:`~hitrun_quiz.app.session.Recorder`
(``Recorder.at(db)``), which asks this module.

Nothing is lost: a round that cannot reach the league goes to the outbox
(store/outbox.py); the next command that reaches the league sends it first
(:func:`flush`), or ``hitrun-quiz league sync`` does.

A round on an SQLite file needs only the choice: the PostgreSQL engine
(store/postgres.py, store/league.py) and the outbox are imported where the
league branch is taken (a ``postgresql://`` target, a league store, an owner's
command), so they cost a file-based command nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hitrun_quiz.errors import UsageError
from hitrun_quiz.paths import ENV_DB, outbox_db, scores_db
from hitrun_quiz.safetext import safe
from hitrun_quiz.store.base import LEAGUE_SCHEMES, LeagueUnavailable, is_league_url, url_scheme
from hitrun_quiz.store.scores import ScoreStore

if TYPE_CHECKING:
    from hitrun_quiz.store.outbox import Outbox


def db_target(db: str | None = None) -> Path | str:
    """Where the scores are: ``db`` (a command's ``--db``), else ``$HITRUN_QUIZ_DB``, else
    the SQLite file in the data dir.

    A URL of another scheme than ``postgresql://`` is a UsageError, and so is a
    malformed league URL (one line, never the URL: it may hold a password).
    """
    if db is not None:
        if not db.strip():
            raise UsageError("--db: give a postgresql:// URL or a file path")
        return checked_target(db, "--db")
    target = os.environ.get(ENV_DB) or ""
    if not target.strip():
        return scores_db()
    return checked_target(target, ENV_DB)


def checked_target(target: str, what: str) -> Path | str:
    """``target`` as a league URL (parsed and checked) or a file path."""
    scheme = url_scheme(target)
    if scheme is None:
        return Path(target).expanduser()
    if scheme not in LEAGUE_SCHEMES:
        raise UsageError(
            f"{what}: unknown scheme {safe(scheme)}:// (give a postgresql:// URL or a file path)"
        )
    from hitrun_quiz.store.postgres import LeagueUrl

    LeagueUrl(target, what)  # a malformed URL is a UsageError here, before anything runs
    return target


def league_url(url: str | None, db: str | None, command: str) -> str:
    """The league URL for a `league` command: the URL argument, else ``--db``, else
    ``$HITRUN_QUIZ_DB``."""
    target = checked_target(url, "URL") if url else db_target(db)
    if not is_league_url(target):
        raise UsageError(
            f"{command} needs a league: pass a postgresql:// URL, or set --db or HITRUN_QUIZ_DB"
            " to one (not a file)"
        )
    return str(target)


def league_key(store: ScoreStore) -> str:
    """What the outbox files a round under: ``host:port/dbname`` (no password)."""
    return store.describe()


def outbox() -> Outbox:
    """The outbox (a league's rounds waiting to be sent)."""
    from hitrun_quiz.store.outbox import Outbox

    return Outbox(outbox_db())


def flush(store: ScoreStore) -> int:
    """Send the outbox's rounds for this league; return how many were sent.

    Each round is removed only once the league has stored it; the league stores
    a UUID once, so a round sent again after a lost answer is not doubled.
    Raises LeagueUnavailable if the league cannot be reached (what was sent stays sent).
    """
    if not store.is_league:
        return 0
    box = outbox()
    sent = 0
    for rec in box.pending(league_key(store)):
        store.record(rec)
        box.remove(rec.uuid)
        sent += 1
    return sent


@dataclass(frozen=True)
class SyncReport:
    where: str
    sent: int
    left: int


def sync(db: str | None = None) -> SyncReport:
    """`league sync`: send the outbox now; LeagueUnavailable if the league is out of reach."""
    target = league_url(None, db, "league sync")
    with ScoreStore(target) as store:
        where = store.describe()
        store.open()  # reach the league even with nothing to send: say so if we cannot
        sent = flush(store)
    return SyncReport(where, sent, outbox().count(where))


@dataclass(frozen=True)
class InitReport:
    where: str
    before: int
    after: int
    applied: list[str]
    renewed: list[str]
    unnamed: list[str]  # player roles without a player name: they cannot record yet


def init(url: str | None = None, db: str | None = None) -> InitReport:
    """`league init`: create or migrate the league's schema (needs DDL rights)."""
    from hitrun_quiz.store.league import init_schema, unnamed_players
    from hitrun_quiz.store.migrations import LATEST
    from hitrun_quiz.store.postgres import describe_url

    target = league_url(url, db, "league init")
    before, applied, renewed = init_schema(target)
    return InitReport(
        describe_url(target),
        before,
        LATEST,
        [m.name for m in applied],
        renewed,
        unnamed_players(target, renewed),
    )


def grant(role: str, player: str, db: str | None = None) -> tuple[str, list[str]]:
    """`league grant ROLE --player PLAYER`: ``role`` plays as ``player`` only; (where, tables)."""
    target = league_url(None, db, "league grant")
    if not role.strip():
        raise UsageError("league grant: give a role name")
    from hitrun_quiz.store.league import grant as grant_role
    from hitrun_quiz.store.postgres import describe_url

    return describe_url(target), grant_role(target, role, player)


__all__ = ["LeagueUnavailable", "db_target", "flush", "grant", "init", "sync"]
