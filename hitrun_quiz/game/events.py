"""What the engine and a frontend say to each other: replies and events.

Both frontends render these same objects (the terminal as screens, the
scripted frontend as text or JSON Lines), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from hitrun_quiz.game.draw import Asked, Filters
from hitrun_quiz.packs.model import Pack

# --------------------------------------------------------------------------- replies and events


@dataclass(frozen=True, slots=True)
class Reply:
    """What a frontend gives back for one question."""

    kind: Literal["answer", "skip", "timeout", "eof"]
    text: str = ""
    seconds: float | None = None  # measured by the frontend, else by the engine

    @classmethod
    def answer(cls, text: str, seconds: float | None = None) -> Reply:
        return cls("answer", text, seconds)


SKIP = Reply("skip")
TIMEOUT = Reply("timeout")
EOF = Reply("eof")


@dataclass(frozen=True, slots=True)
class RoundStarted:
    seed: int
    count: int
    requested: int
    available: int
    packs: tuple[Pack, ...]
    filters: Filters
    time_limit: float | None
    draw: str = "seeded"  # 'seeded' | 'fresh' | 'replay' | 'review' | 'misses'

    def to_json(self) -> dict[str, Any]:
        return {
            "event": "start",
            "seed": self.seed,
            "count": self.count,
            "requested": self.requested,
            "packs": [p.id for p in self.packs],
            "filters": self.filters.to_json(),
            "time_limit": self.time_limit,
            "draw": self.draw,
        }


@dataclass(frozen=True, slots=True)
class QuestionAsked:
    asked: Asked
    score: int
    streak: int

    def to_json(self) -> dict[str, Any]:
        a, q = self.asked, self.asked.question
        out: dict[str, Any] = {
            "event": "question",
            "number": a.number,
            "total": a.total,
            "id": q.id,
            "pack": a.pack.id,
            "type": q.type,
            "category": q.category,
            "difficulty": q.difficulty,
            "prompt": q.prompt,
        }
        if q.type == "choice":
            out["choices"] = list(a.choices)
        return out


Outcome = Literal["correct", "wrong", "skipped", "timeout", "unanswered"]


@dataclass(frozen=True, slots=True)
class AnswerJudged:
    asked: Asked
    outcome: Outcome
    given: str | None
    points: int
    score: int
    streak: int
    seconds: float | None

    @property
    def correct(self) -> bool:
        return self.outcome == "correct"

    def to_json(self) -> dict[str, Any]:
        q = self.asked.question
        return {
            "event": "result",
            "number": self.asked.number,
            "id": q.id,
            "given": self.given,
            "correct": self.correct,
            "outcome": self.outcome,
            "answer": q.answer,
            "points": self.points,
            "score": self.score,
            "streak": self.streak,
            "explanation": q.explanation,
        }


@dataclass(frozen=True, slots=True)
class RoundFinished:
    score: int
    correct: int
    answered: int
    total: int
    seed: int
    best_streak: int
    finished: bool  # False when the answers ran out before the round did
    by_category: tuple[tuple[str, int, int], ...]  # (category, correct, asked)
    rank: int | None = None
    draw: str = "seeded"
    round_id: int | None = None  # filled in once the round is recorded

    def to_json(self) -> dict[str, Any]:
        return {
            "event": "summary",
            "score": self.score,
            "correct": self.correct,
            "answered": self.answered,
            "total": self.total,
            "seed": self.seed,
            "rank": self.rank,
            "finished": self.finished,
            "best_streak": self.best_streak,
            "draw": self.draw,
            "round_id": self.round_id,
        }


Event = RoundStarted | QuestionAsked | AnswerJudged | RoundFinished


class Frontend(Protocol):
    """What the engine needs from a frontend."""

    def show(self, event: Event) -> None:
        """Render one event."""

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        """Ask one question; return the player's reply."""
