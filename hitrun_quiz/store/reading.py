"""Reading the high-score table: the top of a board, a round's rank, counts.

A mixin of :class:`~hitrun_quiz.store.sqlite.ScoreStore`, which supplies the
read connection (``_read``).  Only FINISHED rounds are ranked; a board holds
rounds of the same packs, count, timing and mode (see ``boards.py``).  Table
order: score DESC, then finished_at ASC, then round id ASC.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from hitrun_quiz.safetext import fold_name
from hitrun_quiz.store.records import ScoreRow

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


class ScoreReads:
    """The read side of the score store."""

    def _read(self, body: Callable[[sqlite3.Connection], T], empty: T) -> T:
        raise NotImplementedError  # supplied by ScoreStore

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
        sql += " ORDER BY " + (_ORDER if pack is None else _PACK_ORDER)
        offset = max(0, int(offset))
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args += [-1 if limit is None else int(limit), offset]

        def body(conn: sqlite3.Connection) -> list[ScoreRow]:
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

        Same order as :meth:`top` with that board. None for an unfinished,
        daily or unknown round. Counts the index entries ordered before the round.
        """

        def body(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT score, finished_at, finished, board, mode, draw FROM rounds WHERE id = ?",
                (round_id,),
            ).fetchone()
            if row is None or not row[2] or row[4] == "daily" or row[5] == "review":
                return None  # daily rounds rank on their day's board (store/daily.py)
            score, finished_at, board = row[0], row[1], row[3]
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

        def body(conn: sqlite3.Connection) -> int | None:
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


def packs_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
    """The packs of each round in ``ids``, in the order they were given (500 ids a query)."""
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for round_id, pack_id in conn.execute(
            f"SELECT round_id, pack_id FROM round_packs WHERE round_id IN ({marks})"
            " ORDER BY round_id, position",
            chunk,
        ):
            out.setdefault(round_id, []).append(pack_id)
    return out
