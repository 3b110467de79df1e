"""Daily attempts in the scores database: official or practice, the day's boards.

A daily round is recorded in ``rounds`` like any other (mode ``'daily'``, so it
never enters the normal high-score table) and, when it was played to the end,
gets one ``daily_attempts`` row in the same transaction.  At most one attempt
per player, day and pack is official: a partial unique index decides, through
``INSERT ... ON CONFLICT DO NOTHING`` in the round's own transaction, so two
processes finishing at once leave one official attempt and one practice.

Players are compared by a folded key (the cleaned name, casefolded): ``Ziva``
and ``ziva`` share one official attempt and one streak.  Stdlib only, no output.
"""

from __future__ import annotations

from dataclasses import dataclass

from hitrun_quiz.safetext import fold_name
from hitrun_quiz.store.base import Conn
from hitrun_quiz.store.cards import Schedule
from hitrun_quiz.store.records import RoundRecord, ScoreRow
from hitrun_quiz.store.scores import ScoreStore

__all__ = [
    "DailyAttempt",
    "StoredAttempt",
    "board",
    "board_rank",
    "has_official",
    "last_attempt",
    "official_days",
    "player_key",
    "record_attempt",
]


@dataclass(frozen=True, slots=True)
class DailyAttempt:
    """What a finished daily round adds to the round it belongs to."""

    player: str
    day: str  # local date, YYYY-MM-DD
    day_number: int
    pack_id: str
    pack_key: str  # the pack id and a digest of its content
    official: bool  # asked for; stored as practice if the day already has one


@dataclass(frozen=True, slots=True)
class StoredAttempt:
    """A recorded daily attempt with what its share line needs (no questions, no answers)."""

    round_id: int
    player: str
    day: str
    day_number: int
    pack_id: str
    official: bool
    score: int
    correct: int
    total: int
    marks: tuple[str, ...]  # per question: "right", "wrong" or "blank"
    lifelines: tuple[str, ...] = ()  # the lifelines used, in order ('50', 'hint', 'skip')


def player_key(name: str) -> str:
    """The key a player's daily attempts are filed under."""
    return fold_name(name)  # the one fold (safetext): NFKC, then casefold


_INSERT_SQL = (
    "INSERT INTO daily_attempts (round_id, player_key, day, day_number, pack_id, pack_key,"
    " official) VALUES (?, ?, ?, ?, ?, ?, {official})"
)
_IF_FIRST = " ON CONFLICT (player_key, day, pack_id) WHERE official = 1 DO NOTHING"
_OFFICIAL_SQL = (
    "SELECT 1 FROM daily_attempts WHERE player_key = ? AND day = ? AND pack_id = ? AND official = 1"
)


#: A claim older than this (seconds) is a run that crashed: another run takes it over.
CLAIM_LEASE_S = 3 * 3600


def claim_official(
    store: ScoreStore, player: str, day: str, pack_id: str, token: str, now: float
) -> bool:
    """Claim the official attempt of ``day`` for the run holding ``token``; True if it got it.

    False if the day already has its official attempt, or another run holds a
    live claim (it started first). One write transaction, so of several runs
    starting at once exactly one gets the claim.
    """
    key = player_key(player)

    def body(conn: Conn) -> bool:
        if conn.execute(_OFFICIAL_SQL, (key, day, pack_id)).fetchone() is not None:
            return False
        cur = conn.execute(
            "INSERT INTO daily_claims (player_key, day, pack_id, token, claimed_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (player_key, day, pack_id) DO UPDATE"
            " SET token = excluded.token, claimed_at = excluded.claimed_at"
            " WHERE daily_claims.claimed_at < ? OR daily_claims.token = excluded.token",
            (key, day, pack_id, token, now, now - CLAIM_LEASE_S),
        )
        return int(cur.rowcount) == 1

    return store.write(body)


def release_claim(store: ScoreStore, token: str) -> None:
    """Give up a claim (a run that ends without recording its round)."""
    store.write(lambda conn: conn.execute("DELETE FROM daily_claims WHERE token = ?", (token,)))


def record_attempt(
    store: ScoreStore,
    rec: RoundRecord,
    attempt: DailyAttempt,
    schedule: Schedule | None = None,
    claim: str | None = None,
) -> tuple[int, bool]:
    """Record the round and, if it finished, its attempt; return (round id, official).

    ``official`` is what was stored: False for practice, an unfinished round, or
    an attempt asked for as official when one was recorded meanwhile. ``claim``:
    the token of this run's claim (:func:`claim_official`), released here.
    """
    stored: list[bool] = [False]
    key = player_key(attempt.player)

    def after(conn: Conn, round_id: int) -> None:
        if claim is not None:
            conn.execute("DELETE FROM daily_claims WHERE token = ?", (claim,))
        if not rec.finished:
            return  # an abandoned attempt does not use up the day
        row = (round_id, key, attempt.day, attempt.day_number, attempt.pack_id, attempt.pack_key)
        official = False
        if attempt.official:
            # Portable and race-free: the partial unique index decides, on any backend.
            cur = conn.execute(_INSERT_SQL.format(official=1) + _IF_FIRST, row)
            official = cur.rowcount == 1
        if not official:
            conn.execute(_INSERT_SQL.format(official=0), row)
        stored[0] = official

    round_id = store.record(rec, schedule, after=after)  # its answers scheduled for review too
    return round_id, stored[0]


def has_official(store: ScoreStore, player: str, day: str, pack_id: str) -> bool:
    """Whether ``player`` already has the official attempt of ``day`` with ``pack_id``."""
    args = (player_key(player), day, pack_id)
    return store.read(lambda conn: conn.execute(_OFFICIAL_SQL, args).fetchone() is not None, False)


def official_days(store: ScoreStore, player: str, until: str) -> list[str]:
    """The days (YYYY-MM-DD, newest first, once each) ``player`` played officially, to ``until``."""
    sql = (
        "SELECT DISTINCT day FROM daily_attempts WHERE player_key = ? AND official = 1"
        " AND day <= ? ORDER BY day DESC"
    )
    args = (player_key(player), until)
    return store.read(lambda conn: [r[0] for r in conn.execute(sql, args)], [])


_BOARD_COLUMNS = (
    "r.id, r.player, r.score, r.correct, r.answered, r.total, r.mode, r.finished_at, r.seed,"
    " a.pack_id"
)
_BOARD_ORDER = "r.score DESC, r.finished_at ASC, r.id ASC"


def board(
    store: ScoreStore, day: str, pack_id: str | None = None, limit: int | None = 10
) -> list[ScoreRow]:
    """The official attempts of ``day`` (all packs, or one), best first."""
    sql = (
        f"SELECT {_BOARD_COLUMNS} FROM daily_attempts a JOIN rounds r ON r.id = a.round_id"
        " WHERE a.day = ? AND a.official = 1"
    )
    args: list[object] = [day]
    if pack_id is not None:
        sql += " AND a.pack_id = ?"
        args.append(pack_id)
    sql += f" ORDER BY {_BOARD_ORDER}"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))

    def body(conn: Conn) -> list[ScoreRow]:
        return [
            ScoreRow(
                rank=i,
                round_id=r[0],
                player=r[1],
                score=r[2],
                correct=r[3],
                answered=r[4],
                total=r[5],
                packs=[r[9]],
                mode=r[6],
                finished_at=r[7],
                seed=r[8],
            )
            for i, r in enumerate(conn.execute(sql, args).fetchall(), start=1)
        ]

    return store.read(body, [])


def board_rank(store: ScoreStore, round_id: int) -> int | None:
    """The place of an official attempt on its day's board for its pack; None for practice."""

    def body(conn: Conn) -> int | None:
        row = conn.execute(
            "SELECT a.day, a.pack_id, a.official, r.score, r.finished_at FROM daily_attempts a"
            " JOIN rounds r ON r.id = a.round_id WHERE a.round_id = ?",
            (round_id,),
        ).fetchone()
        if row is None or not row[2]:
            return None
        day, pack_id, _, score, finished_at = row
        above = conn.execute(
            "SELECT COUNT(*) FROM daily_attempts a JOIN rounds r ON r.id = a.round_id"
            " WHERE a.day = ? AND a.pack_id = ? AND a.official = 1"
            " AND (r.score > ? OR (r.score = ? AND (r.finished_at, r.id) < (?, ?)))",
            (day, pack_id, score, score, finished_at, round_id),
        ).fetchone()[0]
        return int(above) + 1

    return store.read(body, None)


def last_attempt(store: ScoreStore, player: str) -> StoredAttempt | None:
    """The player's most recent finished daily attempt (official or practice), if any."""

    def body(conn: Conn) -> StoredAttempt | None:
        row = conn.execute(
            "SELECT r.id, r.player, a.day, a.day_number, a.pack_id, a.official, r.score,"
            " r.correct, r.total FROM daily_attempts a JOIN rounds r ON r.id = a.round_id"
            " WHERE a.player_key = ? ORDER BY r.finished_at DESC, r.id DESC LIMIT 1",
            (player_key(player),),
        ).fetchone()
        if row is None:
            return None
        results = conn.execute(
            "SELECT correct, answered, lifelines FROM results WHERE round_id = ? ORDER BY position",
            (row[0],),
        ).fetchall()
        marks = tuple(
            "right" if correct else "wrong" if answered else "blank"
            for correct, answered, _ in results
        )
        used = tuple(name for *_, names in results if names for name in names.split(","))
        marks += ("blank",) * (int(row[8]) - len(marks))
        return StoredAttempt(
            round_id=row[0],
            player=row[1],
            day=row[2],
            day_number=row[3],
            pack_id=row[4],
            official=bool(row[5]),
            score=row[6],
            correct=row[7],
            total=row[8],
            marks=marks,
            lifelines=used,
        )

    return store.read(body, None)
