"""The high-score store: finished (and unfinished) rounds, in SQLite or on a league.

The engine is chosen by the target: a file path is the SQLite file
(store/sqlitedb.py), a ``postgresql://`` URL a league (store/postgres.py). The
queries below are written once, in SQLite's spelling with ``?`` placeholders;
on PostgreSQL every statement is rewritten by store/dialect.py.

Every round is recorded, with its packs and per-question results, but only
FINISHED rounds enter the high-score table (:meth:`ScoreStore.top`,
:meth:`ScoreStore.rank`); an unfinished round (quit, interrupted) is kept for the
record and counted but never ranked; daily rounds rank on their day's board only.

Table order: score DESC, then finished_at ASC (whoever got there first keeps the
place), then round id ASC. Ranks are positions in that order (1, 2, 3, ...), so
two equal scores get different ranks.

Errors: a database that is not usable raises
:class:`~hitrun_quiz.errors.ScoresError` and is never modified; one that cannot
be written raises :class:`ScoresNotSaved`; an unreachable league raises
:class:`LeagueUnavailable`. Reading a database that does not exist returns
empty results and creates nothing.

Stdlib only, no output; the CLI and UI do the talking.
"""

from __future__ import annotations

import sqlite3  # the type of the connection query functions get (same API on a league)
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from hitrun_quiz.safetext import MAX_PLAYER_LEN, clean_player_name
from hitrun_quiz.store.base import (
    Backend,
    LeaguePermissionDenied,
    LeagueUnavailable,
    ScoresNotSaved,
    is_league_url,
)
from hitrun_quiz.store.cards import Schedule
from hitrun_quiz.store.reading import ScoreReads
from hitrun_quiz.store.recording import MODES, PreparedRound
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow

__all__ = [
    "MAX_PLAYER_LEN",
    "MODES",
    "LeaguePermissionDenied",
    "LeagueUnavailable",
    "QuestionResult",
    "RoundRecord",
    "ScoreRow",
    "ScoreStore",
    "ScoresNotSaved",
    "clean_player_name",
    "is_league_url",
]

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")


# --------------------------------------------------------------------------- store


def make_backend(target: Path | str, timeout: float) -> Backend:
    """The engine for a file path (SQLite) or a ``postgresql://`` URL (a league)."""
    if is_league_url(target):
        from hitrun_quiz.store.postgres import PostgresBackend  # imports nothing heavy yet

        return PostgresBackend(str(target))
    from hitrun_quiz.store.sqlitedb import SqliteBackend

    return SqliteBackend(Path(target), timeout)


class ScoreStore(ScoreReads):
    """The scores at ``target``: an SQLite file path or a ``postgresql://`` URL.

    The connection is opened lazily (on SQLite: read-only for ``top``/``rank``/
    ``count``, read-write with migrations applied for ``record``/``reset``; on a
    league: one connection, never DDL). Use as a context manager or call
    :meth:`close`.
    """

    def __init__(self, target: Path | str, timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
        self.is_league = is_league_url(target)
        self.timeout = timeout
        self._backend = make_backend(target, timeout)
        #: The SQLite file; on a league, ``host:port/dbname`` (for messages only).
        self.path = Path(self._backend.describe()) if self.is_league else Path(target)

    # ---- lifecycle

    def __enter__(self) -> ScoreStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the store reopens it if used again)."""
        self._backend.close()

    def describe(self) -> str:
        """Where the scores are: a file path, or a league's host:port/db (never a password)."""
        return self._backend.describe()

    def open(self) -> None:
        """Check the store now: a bad file or an unreachable league raises (ScoresError)."""
        self._read(lambda conn: None, None)

    # ---- the engine underneath

    def _write_txn(self, body: Callable[[Any], T], foreign_keys: bool = True) -> T:
        """Run ``body(conn)`` in one write transaction; all or nothing."""
        return self._backend.write(body, foreign_keys)

    def _read(self, body: Callable[[Any], T], empty: T) -> T:
        """Run ``body(conn)`` on a readable connection; ``empty`` if nothing is stored yet."""
        return self._backend.read(body, empty)

    # ---- writing

    def record(
        self,
        rec: RoundRecord,
        schedule: Schedule | None = None,
        after: Callable[..., None] | None = None,
    ) -> int:
        """Store a round with its packs, per-question results and cards; return its id.

        One transaction (``after(conn, round_id)`` runs in it): nothing is half-written.
        The player name is cleaned with :func:`clean_player_name`; a name that cleans to
        "", an unknown mode or draw or a seed outside signed 64 bits is a ValueError (the
        caller substitutes a default name before recording). Duplicate pack ids are
        stored once. Idempotent by ``rec.uuid``: a round whose UUID is already stored
        (an outbox resending it) is not stored again; its existing id is returned.
        ``schedule`` computes each answered question's next FSRS state (see
        :mod:`hitrun_quiz.store.cards`).
        """
        prepared = PreparedRound(rec)
        return self._write_txn(lambda conn: prepared.insert(conn, schedule, after))

    def read(self, body: Callable[[sqlite3.Connection], T], empty: T) -> T:
        """Run ``body(conn)`` on a reading connection; ``empty`` if there is no database."""
        return self._read(body, empty)

    def write(self, body: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``body(conn)`` in one write transaction (all or nothing)."""
        return self._write_txn(body)

    def reset(self) -> int:
        """Delete every round (finished or not) and its results; return how many rounds.

        One transaction. A database that does not exist stays absent (returns 0).
        """
        if not self._backend.exists():
            return 0

        def body(conn: sqlite3.Connection) -> int:
            n = int(conn.execute("SELECT COUNT(*) FROM rounds").fetchone()[0])
            for table in (
                "daily_claims",
                "daily_attempts",
                "review_logs",
                "cards",
                "results",
                "round_packs",
                "rounds",
            ):
                conn.execute(f"DELETE FROM {table}")
            return n

        # Children are emptied first by hand; without per-row foreign-key checks
        # SQLite truncates each table at once (100,000 rounds: 20 ms instead of 0.5 s).
        # On a league this needs DELETE, which only the owner has: a player's role
        # gets LeaguePermissionDenied.
        return self._write_txn(body, foreign_keys=False)
