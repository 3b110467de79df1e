"""Writing one round: the rows of ``rounds``, ``round_packs`` and ``results``, and its cards.

Statements with ``?`` placeholders on the store's connection (the new round's id
comes from ``INSERT ... RETURNING id`` on both engines), run by the store inside
one write transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store.base import Conn
from hitrun_quiz.store.cards import Schedule, player_key, update_cards
from hitrun_quiz.store.records import RoundRecord, sql_text

MODES = ("interactive", "scripted", "daily", "party")
# daily: never on the normal boards; party: a room's rounds, on boards of their own
DRAWS = ("seeded", "fresh", "replay", "review", "misses")
GAME_MODES = ("classic", "survival", "ladder", "blitz")


class PreparedRound:
    """A round's rows, checked and cleaned before the transaction starts."""

    def __init__(self, rec: RoundRecord) -> None:
        player = clean_player_name(rec.player)
        if not player:
            raise ValueError("player name is empty after cleaning")
        if rec.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {rec.mode!r}")
        if rec.draw not in DRAWS:
            raise ValueError(f"draw must be one of {DRAWS}, not {rec.draw!r}")
        if rec.game_mode not in GAME_MODES:
            raise ValueError(f"game_mode must be one of {GAME_MODES}, not {rec.game_mode!r}")
        if not -(2**63) <= int(rec.seed) < 2**63:
            raise ValueError(f"seed {rec.seed} does not fit in 64 bits (SQLite INTEGER)")
        self.rec = rec
        self.key = player_key(player)
        self.packs = list(dict.fromkeys(sql_text(p) for p in rec.packs))
        filters = json.dumps(rec.filters, sort_keys=True, ensure_ascii=False, default=str)
        unplayed = (
            json.dumps([list(u) for u in rec.unplayed], ensure_ascii=False)
            if rec.unplayed
            else None
        )
        self.round_row: tuple[Any, ...] = (
            player,
            int(rec.score),
            int(rec.correct),
            int(rec.answered),
            int(rec.total),
            sql_text(filters),
            int(rec.seed),
            rec.mode,
            float(rec.started_at),
            float(rec.finished_at),
            1 if rec.finished else 0,
            self.key,
            rec.draw,
            None if rec.time_limit is None else float(rec.time_limit),
            None if rec.best_streak is None else int(rec.best_streak),
            None if unplayed is None else sql_text(unplayed),
            sql_text(rec.board),
            sql_text(rec.uuid),
            rec.game_mode,
        )
        self.results = [
            (
                i,
                sql_text(r.pack_id),
                sql_text(r.question_id),
                1 if r.correct else 0,
                1 if r.answered else 0,
                int(r.points),
                None if r.seconds is None else float(r.seconds),
                None if r.given is None else sql_text(r.given),
                r.kind,
                r.choices,
                None if r.lifelines is None else sql_text(r.lifelines),
            )
            for i, r in enumerate(rec.results)
        ]

    def insert(
        self,
        conn: Conn,
        schedule: Schedule | None = None,
        after: Callable[[Conn, int], None] | None = None,
    ) -> int:
        """Insert the round; return its id.

        Idempotent by the round's UUID: a round already stored (an outbox
        resending it) is not stored again, and its existing id is returned.
        ``after(conn, round_id)`` runs in the same transaction (daily attempts).
        """
        row = conn.execute(
            "INSERT INTO rounds (player, score, correct, answered, total, filters, seed,"
            " mode, started_at, finished_at, finished, player_key, draw, time_limit,"
            " best_streak, unplayed, board, uuid, game_mode)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (uuid) DO NOTHING RETURNING id",
            self.round_row,
        ).fetchone()
        if row is None:  # already stored: a resend
            found = conn.execute("SELECT id FROM rounds WHERE uuid = ?", (self.rec.uuid,))
            return int(found.fetchone()[0])
        round_id = int(row[0])
        finished, score, finished_at = self.round_row[10], self.round_row[1], self.round_row[9]
        conn.executemany(
            "INSERT INTO round_packs (round_id, pack_id, position, finished, score,"
            " finished_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(round_id, p, i, finished, score, finished_at) for i, p in enumerate(self.packs)],
        )
        conn.executemany(
            "INSERT INTO results (round_id, position, pack_id, question_id, correct,"
            " answered, points, seconds, given, outcome, choices, lifelines)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(round_id, *r) for r in self.results],
        )
        update_cards(
            conn,
            self.key,
            round_id,
            finished_at,
            self.rec.results,
            self.rec.time_limit,
            schedule,
        )
        if after is not None:
            after(conn, round_id)
        return round_id
