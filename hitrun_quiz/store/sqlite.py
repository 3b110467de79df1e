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

import json
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
from hitrun_quiz.store.reading import ScoreReads
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow
from hitrun_quiz.store.sqlerrors import _text

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

MODES = ("interactive", "scripted", "daily")  # daily rounds: never on these boards
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

    # ---- the engine underneath

    def _write_txn(self, body: Callable[[Any], T], foreign_keys: bool = True) -> T:
        """Run ``body(conn)`` in one write transaction; all or nothing."""
        return self._backend.write(body, foreign_keys)

    def _read(self, body: Callable[[Any], T], empty: T) -> T:
        """Run ``body(conn)`` on a readable connection; ``empty`` if nothing is stored yet."""
        return self._backend.read(body, empty)

    # ---- writing

    def record(self, rec: RoundRecord, after: Callable[..., None] | None = None) -> int:
        """Store a round with its packs and per-question results; return its id.

        One transaction (``after(conn, round_id)`` runs in it): nothing is half-written.
        The name is cleaned with :func:`clean_player_name`; a name that cleans to "", an
        unknown mode or a seed outside signed 64 bits is a ValueError (the caller
        substitutes a default name before recording). Duplicate pack ids are stored once.
        Idempotent by ``rec.uuid``: a round whose UUID is already stored (an
        outbox resending it) is not stored again; its existing id is returned.
        """
        player = clean_player_name(rec.player)
        if not player:
            raise ValueError("player name is empty after cleaning")
        if rec.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {rec.mode!r}")
        if not -(2**63) <= int(rec.seed) < 2**63:
            raise ValueError(f"seed {rec.seed} does not fit in 64 bits (SQLite INTEGER)")
        packs = list(dict.fromkeys(_text(p) for p in rec.packs))
        filters = json.dumps(rec.filters, sort_keys=True, ensure_ascii=False, default=str)
        round_row = (
            player,
            int(rec.score),
            int(rec.correct),
            int(rec.answered),
            int(rec.total),
            _text(filters),
            int(rec.seed),
            rec.mode,
            float(rec.started_at),
            float(rec.finished_at),
            1 if rec.finished else 0,
            _text(rec.board),
            _text(rec.uuid),
        )
        finished, score, finished_at = round_row[10], round_row[1], round_row[9]
        results = [
            (
                i,
                _text(r.pack_id),
                _text(r.question_id),
                1 if r.correct else 0,
                1 if r.answered else 0,
                int(r.points),
                None if r.seconds is None else float(r.seconds),
                None if r.given is None else _text(r.given),
            )
            for i, r in enumerate(rec.results)
        ]

        def body(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "INSERT INTO rounds (player, score, correct, answered, total, filters, seed,"
                " mode, started_at, finished_at, finished, board, uuid)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (uuid) DO NOTHING RETURNING id",
                round_row,
            ).fetchone()
            if row is None:  # already stored: a resend
                return int(
                    conn.execute(
                        "SELECT id FROM rounds WHERE uuid = ?", (round_row[12],)
                    ).fetchone()[0]
                )
            round_id = int(row[0])
            conn.executemany(
                "INSERT INTO round_packs (round_id, pack_id, position, finished, score,"
                " finished_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(round_id, p, i, finished, score, finished_at) for i, p in enumerate(packs)],
            )
            conn.executemany(
                "INSERT INTO results (round_id, position, pack_id, question_id, correct,"
                " answered, points, seconds, given) VALUES (?,?,?,?,?,?,?,?,?)",
                [(round_id, *r) for r in results],
            )
            if after is not None:
                after(conn, round_id)
            return round_id

        return self._write_txn(body)

    def reset(self) -> int:
        """Delete every round (finished or not) and its results; return how many rounds.

        One transaction. A database that does not exist stays absent (returns 0).
        """
        if not self._backend.exists():
            return 0

        def body(conn: sqlite3.Connection) -> int:
            n = int(conn.execute("SELECT COUNT(*) FROM rounds").fetchone()[0])
            conn.execute("DELETE FROM daily_attempts")
            conn.execute("DELETE FROM results")
            conn.execute("DELETE FROM round_packs")
            conn.execute("DELETE FROM rounds")
            return n

        # Children are emptied first by hand; without per-row foreign-key checks
        # SQLite truncates each table at once (100,000 rounds: 20 ms instead of 0.5 s).
        # On a league this needs DELETE, which only the owner has: a player's role
        # gets LeaguePermissionDenied.
        return self._write_txn(body, foreign_keys=False)
