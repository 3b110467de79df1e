"""Cards: what the store remembers of each player and question, and the review logs.

One card per player and question, keyed on (folded player name, pack id,
question id), never on the question's text. A card counts the answers recorded
(``asked``, ``correct``), remembers the last round it was in (fresh draws read
this rather than the whole results table) and holds the FSRS state the
application computed (the store never imports fsrs: it takes a
:data:`Schedule` function and stores what it returns).

The functions here take the store's connection (:class:`~hitrun_quiz.store.base.Conn`,
statements with ``?`` placeholders) and are run by
:class:`~hitrun_quiz.store.scores.ScoreStore`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from hitrun_quiz.safetext import fold_name
from hitrun_quiz.store.base import Conn
from hitrun_quiz.store.records import QuestionResult, sql_text

#: Stability (days) from which a card counts as mastered (Anki's "mature" interval).
MASTERED_DAYS = 21.0


def player_key(name: str) -> str:
    """The folded form of a (cleaned) player name: how a player is looked up."""
    return fold_name(name)  # the one fold (safetext): NFKC, then casefold


@dataclass(frozen=True, slots=True)
class CardRecord:
    """One player's card for one question (times are unix seconds)."""

    pack_id: str
    question_id: str
    asked: int
    correct: int
    last_round_id: int
    last_seen_at: float
    state: int | None = None  # None: never scheduled
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: float | None = None
    last_review: float | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.pack_id, self.question_id)


class Scheduled(NamedTuple):
    """A card's FSRS state after one answer, and the rating that answer got."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: float
    last_review: float
    rating: int


#: Computes a card's next FSRS state: (card before or None, the result, the
#: round's time limit, now) -> Scheduled, or None to leave the FSRS state alone.
Schedule = Callable[[CardRecord | None, QuestionResult, float | None, float], Scheduled | None]

_COLUMNS = (
    "pack_id, question_id, asked, correct, last_round_id, last_seen_at,"
    " state, step, stability, difficulty, due, last_review"
)


def _card(row: Sequence[Any]) -> CardRecord:
    return CardRecord(*row)


def update_cards(
    conn: Conn,
    key: str,
    round_id: int,
    when: float,
    results: Iterable[QuestionResult],
    time_limit: float | None,
    schedule: Schedule | None,
) -> None:
    """Count a round's answers on the player's cards, schedule them, log the reviews.

    Runs inside the round's write transaction, so two processes recording at once
    never lose an update.
    """
    for r in results:
        pack_id, question_id = sql_text(r.pack_id), sql_text(r.question_id)
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM cards WHERE player_key = ? AND pack_id = ?"
            " AND question_id = ?",
            (key, pack_id, question_id),
        ).fetchone()
        old = None if row is None else _card(row)
        nxt = schedule(old, r, time_limit, when) if schedule is not None else None
        fsrs: tuple[Any, ...] = (
            (nxt.state, nxt.step, nxt.stability, nxt.difficulty, nxt.due, nxt.last_review)
            if nxt is not None
            else (None,) * 6
            if old is None
            else (old.state, old.step, old.stability, old.difficulty, old.due, old.last_review)
        )
        conn.execute(
            "INSERT INTO cards (player_key, pack_id, question_id, asked, correct,"
            " last_round_id, last_seen_at, state, step, stability, difficulty, due, last_review)"
            " VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (player_key, pack_id, question_id) DO UPDATE SET"
            " asked = cards.asked + 1, correct = cards.correct + excluded.correct,"
            " last_round_id = excluded.last_round_id, last_seen_at = excluded.last_seen_at,"
            " state = excluded.state, step = excluded.step, stability = excluded.stability,"
            " difficulty = excluded.difficulty, due = excluded.due,"
            " last_review = excluded.last_review",
            (key, pack_id, question_id, 1 if r.correct else 0, round_id, when, *fsrs),
        )
        if nxt is not None:
            conn.execute(
                "INSERT INTO review_logs (player_key, pack_id, question_id, round_id, rating,"
                " reviewed_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, pack_id, question_id, round_id, nxt.rating, when, r.seconds),
            )


def last_seen(conn: Conn, key: str, pack_ids: Sequence[str]) -> dict[tuple[str, str], int]:
    """(pack id, question id) -> the id of the last round it was in, for one player."""
    out: dict[tuple[str, str], int] = {}
    for pack_id in pack_ids:
        for qid, round_id in conn.execute(
            "SELECT question_id, last_round_id FROM cards WHERE player_key = ? AND pack_id = ?",
            (key, pack_id),
        ):
            out[(pack_id, qid)] = int(round_id)
    return out


def due_cards(
    conn: Conn, key: str, now: float, *, pack: str | None, limit: int | None, ahead: bool
) -> list[CardRecord]:
    """The player's scheduled cards due by ``now`` (all of them with ``ahead``), soonest first."""
    sql = f"SELECT {_COLUMNS} FROM cards WHERE player_key = ? AND due IS NOT NULL"
    args: list[Any] = [key]
    if not ahead:
        sql += " AND due <= ?"
        args.append(now)
    if pack is not None:
        sql += " AND pack_id = ?"
        args.append(pack)
    sql += " ORDER BY due, pack_id, question_id"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return [_card(row) for row in conn.execute(sql, args)]


def cards_of(conn: Conn, key: str, pack: str | None = None) -> list[CardRecord]:
    """Every card of a player (of one pack if given)."""
    sql = f"SELECT {_COLUMNS} FROM cards WHERE player_key = ?"
    args: list[Any] = [key]
    if pack is not None:
        sql += " AND pack_id = ?"
        args.append(pack)
    return [_card(row) for row in conn.execute(sql + " ORDER BY pack_id, question_id", args)]


def card(conn: Conn, key: str, pack_id: str, question_id: str) -> CardRecord | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM cards WHERE player_key = ? AND pack_id = ? AND question_id = ?",
        (key, pack_id, question_id),
    ).fetchone()
    return None if row is None else _card(row)


def next_due(conn: Conn, key: str, now: float, pack: str | None) -> tuple[float, int] | None:
    """When the player's next card falls due after ``now``, and how many fall due by an hour
    after that (a review's answers are scheduled together); None if nothing is scheduled."""
    extra, args = ("", [key, now]) if pack is None else (" AND pack_id = ?", [key, now, pack])
    row = conn.execute(
        f"SELECT MIN(due) FROM cards WHERE player_key = ? AND due > ?{extra}", args
    ).fetchone()
    if row is None or row[0] is None:
        return None
    first = float(row[0])
    n = conn.execute(
        f"SELECT COUNT(*) FROM cards WHERE player_key = ? AND due > ? AND due <= ?{extra}",
        [key, now, first + 3600, *args[2:]],
    ).fetchone()[0]
    return first, int(n)


def due_count(conn: Conn, key: str, now: float, pack: str | None = None) -> int:
    sql = "SELECT COUNT(*) FROM cards WHERE player_key = ? AND due <= ?"
    args: list[Any] = [key, now]
    if pack is not None:
        sql += " AND pack_id = ?"
        args.append(pack)
    return int(conn.execute(sql, args).fetchone()[0])
