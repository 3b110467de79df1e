"""The store's own record types: what a round leaves behind, and a table row.

The store never imports the game; the application layer translates a played
round into these records.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


def new_round_uuid() -> str:
    """A random (version 4) UUID in its usual text form, without importing ``uuid``."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def sql_text(s: str) -> str:
    """``s`` with lone surrogates (undecodable argv or stdin bytes) replaced: storable."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return s.encode("utf-8", "replace").decode("utf-8")
    return s


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """How one question of a round went."""

    pack_id: str
    question_id: str
    correct: bool
    answered: bool  # False: skipped or timed out
    points: int
    seconds: float | None  # None: not timed
    given: str | None  # the answer given, None if none
    outcome: str | None = None  # 'correct' | 'wrong' | 'skipped' | 'timeout'; None: derived
    choices: str | None = None  # choice order shown, as indices into the pack's list ('2013')
    lifelines: str | None = None  # lifelines used on it, comma-separated ('50,hint'); None: none

    @property
    def kind(self) -> str:
        """The outcome, derived from ``correct``/``answered`` when not given."""
        if self.outcome:
            return self.outcome
        return "correct" if self.correct else "wrong" if self.answered else "skipped"


@dataclass(slots=True)
class RoundRecord:
    """One played round, as handed to :meth:`ScoreStore.record`."""

    player: str  # cleaned again on record; must not clean to ""
    score: int
    correct: int
    answered: int
    total: int
    packs: list[str]
    filters: dict[str, Any]  # stored as JSON
    seed: int
    mode: str  # "interactive" | "scripted"
    started_at: float  # unix time
    finished_at: float  # unix time
    finished: bool  # False: quit or interrupted; recorded but never ranked
    results: list[QuestionResult] = field(default_factory=list)
    board: str = ""  # the board it is ranked on (see store/boards.py)
    #: Made where the round was played; a round sent twice is stored once.
    uuid: str = field(default_factory=new_round_uuid)
    draw: str = "seeded"  # 'seeded' | 'fresh' | 'replay' | 'review' | 'misses'
    time_limit: float | None = None
    best_streak: int | None = None
    # Questions drawn but never reached (the answers ran out): (pack id, question id, choices).
    unplayed: list[tuple[str, str, str | None]] = field(default_factory=list)
    game_mode: str = "classic"  # 'classic' | 'survival' | 'ladder' | 'blitz'

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the outbox keeps queued rounds so)."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "results"}
        d["results"] = [_result_list(r) for r in self.results]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RoundRecord:
        """The record :meth:`to_json` wrote."""
        fields = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        fields["results"] = [QuestionResult(*r) for r in d.get("results", [])]
        return cls(**fields)


def _result_list(r: QuestionResult) -> list[Any]:
    return [getattr(r, k) for k in QuestionResult.__dataclass_fields__]


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One line of the high-score table.

    ``finished_at`` is unix time (float); :meth:`to_json` writes it as an ISO 8601
    UTC string. ``rank`` is the 1-based place in the table that was asked for
    (with a pack or player filter: the place in that filtered table).
    """

    rank: int
    round_id: int
    player: str
    score: int
    correct: int
    answered: int
    total: int
    packs: list[str]
    mode: str
    finished_at: float
    seed: int
    board: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; ``finished_at`` as ISO 8601 UTC, e.g. ``2026-05-09T07:35:25Z``."""
        when = datetime.fromtimestamp(self.finished_at, timezone.utc)
        return {
            "rank": self.rank,
            "round_id": self.round_id,
            "player": self.player,
            "score": self.score,
            "correct": self.correct,
            "answered": self.answered,
            "total": self.total,
            "packs": list(self.packs),
            "mode": self.mode,
            "finished_at": when.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "seed": self.seed,
            "board": self.board,
        }
