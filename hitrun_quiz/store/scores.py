"""The score store: every question the game asks of what is remembered, on either engine.

The engine is chosen by the target: a file path is the SQLite file
(store/sqlite.py), a ``postgresql://`` URL a league (store/postgres.py). The
queries are written once, with ``?`` placeholders (store/dialect.py); each one
runs as a function of a :class:`~hitrun_quiz.store.base.Conn`, in a read or a
write transaction of the backend. The application asks by name
(:meth:`ScoreStore.top`, :meth:`ScoreStore.due_cards`, ...), never with SQL.

Every round is recorded, with its packs and per-question results, but only
FINISHED rounds enter the high-score table (:meth:`ScoreStore.top`,
:meth:`ScoreStore.rank`); an unfinished round (quit, interrupted) is kept for the
record and counted but never ranked; daily rounds rank on their day's board only,
review rounds on none.

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

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, TypeVar

from hitrun_quiz.safetext import MAX_PLAYER_LEN, clean_player_name, fold_name
from hitrun_quiz.store import cards as card_queries
from hitrun_quiz.store import history as round_queries
from hitrun_quiz.store.base import (
    Backend,
    Conn,
    LeaguePermissionDenied,
    LeagueUnavailable,
    ScoresNotSaved,
    is_league_url,
)
from hitrun_quiz.store.boards import BY_CORRECT, game_of
from hitrun_quiz.store.cards import CardRecord, Schedule
from hitrun_quiz.store.history import RoundScore, StoredRound, packs_of
from hitrun_quiz.store.recording import MODES, PreparedRound
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow

__all__ = [
    "MAX_PLAYER_LEN",
    "MODES",
    "LeaguePermissionDenied",
    "LeagueUnavailable",
    "PlayerFigures",
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

_ORDER = "r.score DESC, r.finished_at ASC, r.id ASC"
# Ranked on the normal boards: neither daily rounds (their own boards, store/daily.py)
# nor review rounds (questions the player was shown to learn them again).
_RANKED = " AND r.mode <> 'daily' AND r.draw <> 'review'"
_PACK_ORDER = "p.score DESC, p.finished_at ASC, p.round_id ASC"
_ROW_COLUMNS = (
    "r.id, r.player, r.score, r.correct, r.answered, r.total, r.mode, r.finished_at, r.seed,"
    " r.board"
)


class PlayerFigures(NamedTuple):
    """What ``stats`` reads of one player (of one pack, if given), in one read."""

    rounds: int
    best_streak: int | None
    finished: list[RoundScore]
    answers: list[tuple[float, int, int]]  # (finished at, right answers, answers) per round
    cards: list[CardRecord]
    due: int
    next_due: tuple[float, int] | None


# --------------------------------------------------------------------------- store


def make_backend(target: Path | str, timeout: float) -> Backend:
    """The engine for a file path (SQLite) or a ``postgresql://`` URL (a league)."""
    if is_league_url(target):
        from hitrun_quiz.store.postgres import PostgresBackend  # imports nothing heavy yet

        return PostgresBackend(str(target))
    from hitrun_quiz.store.sqlite import SqliteBackend

    return SqliteBackend(Path(target), timeout)


class ScoreStore:
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

    def _write_txn(self, body: Callable[[Conn], T], foreign_keys: bool = True) -> T:
        """Run ``body(conn)`` in one write transaction; all or nothing."""
        return self._backend.write(body, foreign_keys)

    def _read(self, body: Callable[[Conn], T], empty: T) -> T:
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

    def read(self, body: Callable[[Conn], T], empty: T) -> T:
        """For the store's own modules (store/daily.py): ``body(conn)`` on a reading
        connection; ``empty`` if there is no database."""
        return self._read(body, empty)

    def write(self, body: Callable[[Conn], T]) -> T:
        """For the store's own modules: ``body(conn)`` in one write transaction."""
        return self._write_txn(body)

    def exists(self) -> bool:
        """False if certainly nothing is stored yet (no SQLite file); True otherwise."""
        return self._backend.exists()

    def reset(self) -> int:
        """Delete every round (finished or not) and its results; return how many rounds.

        One transaction. A database that does not exist stays absent (returns 0).
        """
        if not self._backend.exists():
            return 0

        def body(conn: Conn) -> int:
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

    def forget(self, player_key: str) -> int:
        """Delete a player's rounds, results, cards, review logs and daily claims; how many
        rounds. Nothing is created where there is no database. The owner's, on a league."""
        if not self._backend.exists():
            return 0
        return self._write_txn(lambda conn: round_queries.forget(conn, player_key))

    # ---- the high-score table

    def top(
        self,
        limit: int | None = 10,
        pack: str | None = None,
        player: str | None = None,
        *,
        board: str | None = None,
        offset: int = 0,
    ) -> list[ScoreRow]:
        """The best finished rounds, in table order; ``limit=None`` for all.

        ``board``: only rounds of that board (None: every board). ``pack``: only
        rounds that used that pack. ``player``: only that player (the name is
        cleaned first, then compared case-insensitively). ``offset`` skips that
        many rows first. Ranks are places in this (possibly filtered) table.
        """
        if limit is not None and limit <= 0:
            return []
        args: list[Any] = []
        if pack is None:
            sql = f"SELECT {_ROW_COLUMNS} FROM rounds r WHERE r.finished = 1{_RANKED}"
        else:
            # round_packs carries the ordering columns: read in order off its index.
            sql = (
                f"SELECT {_ROW_COLUMNS} FROM round_packs p JOIN rounds r ON r.id = p.round_id"
                f" WHERE p.pack_id = ? AND p.finished = 1{_RANKED}"
            )
            args.append(pack)
        if board is not None:
            sql += " AND r.board = ?"
            args.append(board)
        if player is not None:
            sql += " AND r.player_key = ?"  # folded: "élodie" finds "Élodie"
            args.append(fold_name(player))
        # A survival board ranks right answers first (store/boards.py: BY_CORRECT).
        first = "r.correct DESC, " if board is not None and game_of(board) in BY_CORRECT else ""
        sql += " ORDER BY " + first + (_ORDER if pack is None else _PACK_ORDER)
        offset = max(0, int(offset))
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args += [-1 if limit is None else int(limit), offset]

        def body(conn: Conn) -> list[ScoreRow]:
            rows = conn.execute(sql, args).fetchall()
            packs = packs_of(conn, [r[0] for r in rows])
            return [
                ScoreRow(
                    rank=i,
                    round_id=r[0],
                    player=r[1],
                    score=r[2],
                    correct=r[3],
                    answered=r[4],
                    total=r[5],
                    packs=packs.get(r[0], []),
                    mode=r[6],
                    finished_at=r[7],
                    seed=r[8],
                    board=r[9],
                )
                for i, r in enumerate(rows, start=offset + 1)
            ]

        return self._read(body, [])

    def rank(self, round_id: int) -> int | None:
        """The place of a round on its board (the finished rounds of the same board).

        Same order as :meth:`top` with that board. None for an unfinished, daily,
        review or unknown round. Counts the index entries ordered before the round.
        """

        def body(conn: Conn) -> int | None:
            row = conn.execute(
                "SELECT score, finished_at, finished, board, mode, correct, draw FROM rounds"
                " WHERE id = ?",
                (round_id,),
            ).fetchone()
            if row is None or not row[2] or row[4] == "daily" or row[6] == "review":
                return None  # daily rounds rank on their day's board (store/daily.py)
            score, finished_at, board, correct = row[0], row[1], row[3], row[5]
            if game_of(board) in BY_CORRECT:  # right answers first, then score
                above = conn.execute(
                    "SELECT COUNT(*) FROM rounds WHERE board = ? AND finished = 1"
                    " AND draw <> 'review' AND (correct > ? OR (correct = ? AND (score > ?"
                    " OR (score = ? AND (finished_at < ? OR (finished_at = ? AND id < ?))))))",
                    (board, correct, correct, score, score, finished_at, finished_at, round_id),
                ).fetchone()[0]
                return int(above) + 1
            above = conn.execute(
                "SELECT (SELECT COUNT(*) FROM rounds WHERE board = ? AND finished = 1"
                "    AND score > ? AND draw <> 'review')"
                " + (SELECT COUNT(*) FROM rounds WHERE board = ? AND finished = 1 AND score = ?"
                "    AND draw <> 'review'"
                "    AND (finished_at < ? OR (finished_at = ? AND id < ?)))",
                (board, score, board, score, finished_at, finished_at, round_id),
            ).fetchone()[0]
            return int(above) + 1

        return self._read(body, None)

    def best_before(self, round_id: int) -> int | None:
        """The player's best finished score on the round's board before this round, or None."""

        def body(conn: Conn) -> int | None:
            row = conn.execute(
                "SELECT player, board FROM rounds WHERE id = ?", (round_id,)
            ).fetchone()
            if row is None:
                return None
            best = conn.execute(
                "SELECT MAX(score) FROM rounds WHERE board = ? AND player = ? AND finished = 1"
                " AND draw <> 'review' AND id < ?",
                (row[1], row[0], round_id),
            ).fetchone()[0]
            return None if best is None else int(best)

        return self._read(body, None)

    def new_best(self, round_id: int) -> bool:
        """The round beats the player's best earlier finished round on its board (in the
        board's order: right answers first on a survival board); False for a first round."""

        def body(conn: Conn) -> bool:
            row = conn.execute(
                "SELECT player, board, correct, score FROM rounds WHERE id = ?", (round_id,)
            ).fetchone()
            if row is None:
                return False
            by_correct = game_of(row[1]) in BY_CORRECT
            order = "correct DESC, score DESC" if by_correct else "score DESC"
            best = conn.execute(
                "SELECT correct, score FROM rounds WHERE board = ? AND player = ? AND finished = 1"
                f" AND draw <> 'review' AND id < ? ORDER BY {order} LIMIT 1",
                (row[1], row[0], round_id),
            ).fetchone()
            if best is None:
                return False
            if by_correct:
                return bool((row[2], row[3]) > (best[0], best[1]))
            return bool(row[3] > best[1])

        return self._read(body, False)

    def count(self, finished_only: bool = False) -> int:
        """How many rounds are stored (only finished ones if ``finished_only``)."""
        sql = "SELECT COUNT(*) FROM rounds" + (" WHERE finished = 1" if finished_only else "")
        return self._read(lambda conn: int(conn.execute(sql).fetchone()[0]), 0)

    def pack_ids(self) -> set[str]:
        """Every pack id any recorded round used."""
        return self._read(
            lambda conn: {r[0] for r in conn.execute("SELECT DISTINCT pack_id FROM round_packs")},
            set(),
        )

    # ---- a player's rounds (replay, misses, history) and cards (fresh draws, review, stats)

    def round_by_id(self, round_id: int) -> StoredRound | None:
        """A recorded round with its results; None if there is no such round."""
        return self._read(lambda conn: round_queries.round_by_id(conn, round_id), None)

    def last_round(self, player_key: str) -> StoredRound | None:
        """The player's last recorded round (by finishing time)."""
        return self._read(lambda conn: round_queries.last_round(conn, player_key), None)

    def rounds_of(self, player_key: str) -> list[StoredRound]:
        """Every round of a player, oldest first, with its results."""
        return self._read(lambda conn: round_queries.rounds_of(conn, player_key), [])

    def last_seen(self, player_key: str, pack_ids: Sequence[str]) -> dict[tuple[str, str], int]:
        """(pack id, question id) -> the id of the last round the player saw it in."""
        ids = list(pack_ids)
        return self._read(lambda conn: card_queries.last_seen(conn, player_key, ids), {})

    def due_cards(
        self, player_key: str, now: float, *, pack: str | None, limit: int | None, ahead: bool
    ) -> list[CardRecord]:
        """The player's cards due by ``now`` (every scheduled one with ``ahead``), soonest first."""
        return self._read(
            lambda conn: card_queries.due_cards(
                conn, player_key, now, pack=pack, limit=limit, ahead=ahead
            ),
            [],
        )

    def next_due(self, player_key: str, now: float, pack: str | None) -> tuple[float, int] | None:
        """When the player's next card falls due after ``now``, and how many by an hour later."""
        return self._read(lambda conn: card_queries.next_due(conn, player_key, now, pack), None)

    def player_figures(
        self, player_key: str, pack: str | None, since: float, now: float
    ) -> PlayerFigures:
        """The figures behind ``stats``, in one read (one snapshot)."""

        def body(conn: Conn) -> PlayerFigures:
            rounds, streak = round_queries.round_figures(conn, player_key, pack)
            return PlayerFigures(
                rounds,
                streak,
                round_queries.finished_rounds(conn, player_key, pack),
                round_queries.answers_since(conn, player_key, since, pack),
                card_queries.cards_of(conn, player_key, pack),
                card_queries.due_count(conn, player_key, now, pack),
                card_queries.next_due(conn, player_key, now, pack),
            )

        return self._read(body, PlayerFigures(0, None, [], [], [], 0, None))
