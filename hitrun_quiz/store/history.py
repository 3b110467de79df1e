"""A player's recorded rounds: one round with its questions (replay, misses), every round
(history export), the figures behind ``stats``, and forgetting a player.

Functions of the store's connection (:class:`~hitrun_quiz.store.base.Conn`,
statements with ``?`` placeholders), run by :class:`~hitrun_quiz.store.scores.ScoreStore`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hitrun_quiz.store.base import Conn
from hitrun_quiz.store.records import QuestionResult


@dataclass(frozen=True, slots=True)
class StoredRound:
    """A recorded round with its results, in the order they were asked."""

    round_id: int
    player: str
    score: int
    correct: int
    answered: int
    total: int
    packs: list[str]
    filters: dict[str, Any]
    seed: int
    mode: str
    draw: str
    time_limit: float | None
    started_at: float
    finished_at: float
    finished: bool
    best_streak: int | None
    results: list[QuestionResult] = field(default_factory=list)
    unplayed: list[tuple[str, str, str | None]] = field(default_factory=list)
    game_mode: str = "classic"


def packs_of(conn: Conn, ids: list[int]) -> dict[int, list[str]]:
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


_ROUND_COLUMNS = (
    "id, player, score, correct, answered, total, filters, seed, mode, draw, time_limit,"
    " started_at, finished_at, finished, best_streak, unplayed, game_mode"
)


def _rounds(conn: Conn, where: str, args: Sequence[Any]) -> list[StoredRound]:
    rows = conn.execute(
        f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE {where} ORDER BY finished_at, id", args
    ).fetchall()
    if not rows:
        return []
    ids = [int(r[0]) for r in rows]
    packs = packs_of(conn, ids)
    results: dict[int, list[QuestionResult]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for round_id, *r in conn.execute(
            "SELECT round_id, pack_id, question_id, correct, answered, points, seconds, given,"
            f" outcome, choices, lifelines FROM results WHERE round_id IN ({marks})"
            " ORDER BY round_id, position",
            chunk,
        ):
            results.setdefault(round_id, []).append(
                QuestionResult(
                    r[0], r[1], bool(r[2]), bool(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]
                )
            )
    out = []
    for r in rows:
        rid = int(r[0])
        out.append(
            StoredRound(
                round_id=rid,
                player=r[1],
                score=r[2],
                correct=r[3],
                answered=r[4],
                total=r[5],
                packs=packs.get(rid, []),
                filters=json.loads(r[6]),
                seed=r[7],
                mode=r[8],
                draw=r[9] or "seeded",
                time_limit=r[10],
                started_at=r[11],
                finished_at=r[12],
                finished=bool(r[13]),
                best_streak=r[14],
                results=results.get(rid, []),
                unplayed=[tuple(u) for u in json.loads(r[15])] if r[15] else [],
                game_mode=r[16] or "classic",
            )
        )
    return out


def round_by_id(conn: Conn, round_id: int) -> StoredRound | None:
    found = _rounds(conn, "id = ?", [round_id])
    return found[0] if found else None


def last_round(conn: Conn, key: str) -> StoredRound | None:
    """The player's last recorded round (by finishing time)."""
    row = conn.execute(
        "SELECT id FROM rounds WHERE player_key = ? ORDER BY finished_at DESC, id DESC LIMIT 1",
        (key,),
    ).fetchone()
    return None if row is None else round_by_id(conn, int(row[0]))


def rounds_of(conn: Conn, key: str) -> list[StoredRound]:
    """Every round of a player, oldest first, with its results."""
    return _rounds(conn, "player_key = ?", [key])


def forget(conn: Conn, key: str) -> int:
    """Delete a player's rounds (with their results), cards and review logs; return the
    number of rounds. Call inside a write transaction."""
    n = int(conn.execute("SELECT COUNT(*) FROM rounds WHERE player_key = ?", (key,)).fetchone()[0])
    conn.execute("DELETE FROM daily_claims WHERE player_key = ?", (key,))
    conn.execute("DELETE FROM review_logs WHERE player_key = ?", (key,))
    conn.execute("DELETE FROM cards WHERE player_key = ?", (key,))
    sub = "SELECT id FROM rounds WHERE player_key = ?"
    conn.execute(f"DELETE FROM results WHERE round_id IN ({sub})", (key,))
    conn.execute(f"DELETE FROM round_packs WHERE round_id IN ({sub})", (key,))
    conn.execute("DELETE FROM rounds WHERE player_key = ?", (key,))
    return n


# --------------------------------------------------------------------------- stats figures


class RoundScore(NamedTuple):
    """A finished round, for the best round per board."""

    round_id: int
    score: int
    total: int
    timed: bool
    mode: str
    finished_at: float
    packs: tuple[str, ...]


def _pack_join(pack: str | None) -> tuple[str, list[Any]]:
    if pack is None:
        return "", []
    return " JOIN round_packs p ON p.round_id = r.id AND p.pack_id = ?", [pack]


def round_figures(conn: Conn, key: str, pack: str | None) -> tuple[int, int | None]:
    """How many rounds the player played (with ``pack`` if given), and the longest streak."""
    join, args = _pack_join(pack)
    n, streak = conn.execute(
        f"SELECT COUNT(*), MAX(r.best_streak) FROM rounds r{join} WHERE r.player_key = ?",
        [*args, key],
    ).fetchone()
    return int(n), None if streak is None else int(streak)


def finished_rounds(conn: Conn, key: str, pack: str | None) -> list[RoundScore]:
    """The player's finished rounds, best first, with their packs."""
    join, args = _pack_join(pack)
    rows = conn.execute(
        "SELECT r.id, r.score, r.total, r.time_limit, r.mode, r.finished_at, q.pack_id"
        f" FROM rounds r{join} JOIN round_packs q ON q.round_id = r.id"
        " WHERE r.player_key = ? AND r.finished = 1"
        " ORDER BY r.score DESC, r.finished_at, r.id, q.position",
        [*args, key],
    ).fetchall()
    out: list[RoundScore] = []
    for r in rows:
        if out and out[-1].round_id == r[0]:
            out[-1] = out[-1]._replace(packs=(*out[-1].packs, r[6]))
        else:
            out.append(RoundScore(r[0], r[1], r[2], r[3] is not None, r[4], r[5], (r[6],)))
    return out


def answers_since(
    conn: Conn, key: str, since: float, pack: str | None
) -> list[tuple[float, int, int]]:
    """(finishing time, right answers, answers) of each round of the player since ``since``."""
    sql = (
        "SELECT r.finished_at, SUM(s.correct), COUNT(*) FROM rounds r"
        " JOIN results s ON s.round_id = r.id WHERE r.player_key = ? AND r.finished_at >= ?"
    )
    args: list[Any] = [key, since]
    if pack is not None:
        sql += " AND s.pack_id = ?"
        args.append(pack)
    sql += " GROUP BY r.finished_at, r.id"
    return [(float(t), int(c), int(n)) for t, c, n in conn.execute(sql, args)]
