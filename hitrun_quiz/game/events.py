"""What the engine and a frontend say to each other: replies and events.

Both frontends render these same objects (the terminal as screens, the
scripted frontend as text or JSON Lines), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol

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


class Points(NamedTuple):
    """The points of a correct answer and how they were reached (README, "Scoring")."""

    base: int  # by difficulty
    streak_percent: int  # +10% for each correct answer in a row before this one, at most 50
    speed: float | None  # the speed factor (1 down to 0.5) of a timed round; None untimed
    total: int

    @property
    def streak_bonus(self) -> int:
        return round(self.base * self.streak_percent / 100)

    def describe(self) -> str:
        """ "200 + 20 streak − 55 time": whole points that add up to ``total`` (shown after
        " = "), or "" when the base is all there is.  The time a timed answer took
        costs the difference, so rounding never shows sums that do not add up."""
        text = str(self.base)
        if self.streak_percent:
            text += f" + {self.streak_bonus} streak"
        slower = self.base + self.streak_bonus - self.total
        if self.speed is not None and slower:
            text += f" − {slower} time" if slower > 0 else f" + {-slower} time"
        return "" if text == str(self.base) else text

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "streak_bonus": self.streak_bonus,
            "streak_percent": self.streak_percent,
            "speed_factor": None if self.speed is None else round(self.speed, 4),
            "total": self.total,
        }


def plural(n: int, word: str) -> str:
    """ "1 question", "2 questions"."""
    return f"{n} {word}{'s' * (n != 1)}"


def fact_json(asked: Asked) -> dict[str, Any] | None:
    """The fact behind a question, as the JSON events carry it."""
    fact, source = asked.fact, asked.source
    if fact is None:
        return None
    return {
        "statement": fact.statement,
        "quote": fact.quote,
        "source": None
        if source is None
        else {
            "title": source.title,
            "publisher": source.publisher,
            "date": source.date,
            "url": source.url,
        },
    }


@dataclass(frozen=True, slots=True)
class DailyInfo:
    """A daily round (app/daily.py): its day, whether it counts, the streak, the share line.

    In the start event ``share`` is None and ``streak`` is the streak before the
    round; in the summary both are after it.  ``reason`` says why a round is
    practice (None when official); ``rank`` is the place on the day's board.
    """

    date: str  # local date, YYYY-MM-DD
    day: int  # day number: #1 is the first day (app/daily.FIRST_DAY)
    player: str  # cleaned: no control characters
    official: bool
    streak: int
    reason: str | None = None
    rank: int | None = None
    share: str | None = None  # with 🟩🟥⬜
    share_plain: str | None = None  # the same in plain characters

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "day": self.day,
            "player": self.player,
            "official": self.official,
            "reason": self.reason,
            "streak": self.streak,
            "rank": self.rank,
            "share": self.share,
            "share_plain": self.share_plain,
        }


@dataclass(frozen=True, slots=True)
class RoundStarted:
    seed: int
    count: int
    requested: int
    available: int
    packs: tuple[Pack, ...]
    filters: Filters
    time_limit: float | None
    daily: DailyInfo | None = None
    draw: str = "seeded"  # 'seeded' | 'fresh' | 'replay' | 'review' | 'misses'

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event": "start",
            "seed": self.seed,
            "count": self.count,
            "requested": self.requested,
            "packs": [p.id for p in self.packs],
            "filters": self.filters.to_json(),
            "time_limit": self.time_limit,
            "draw": self.draw,
        }
        if self.daily is not None:
            out["daily"] = self.daily.to_json()
        return out

    @property
    def title(self) -> str:
        """The round's title: its packs' titles."""
        return " + ".join(p.title for p in self.packs)

    def shortfall(self) -> str | None:
        """Why the round has fewer questions than asked for, or None."""
        if self.count >= self.requested:
            return None
        n = plural(self.count, "question")
        why = (
            f"only {n} match the filters"
            if self.filters.describe() != "none"
            else f"the chosen pack{'s' * (len(self.packs) > 1)} hold{'s' * (len(self.packs) == 1)}"
            f" only {n}"
        )
        return f"{why}; playing {self.count} of the {self.requested} asked for"


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
    breakdown: Points | None = None  # how the points of a correct answer were reached
    note: str | None = None  # e.g. the reply named no option

    @property
    def correct(self) -> bool:
        return self.outcome == "correct"

    def to_json(self) -> dict[str, Any]:
        q = self.asked.question
        out: dict[str, Any] = {
            "event": "result",
            "number": self.asked.number,
            "id": q.id,
            "given": self.given,
            "correct": self.correct,
            "outcome": self.outcome,
            "answer": q.answer,
            "points": self.points,
            "breakdown": None if self.breakdown is None else self.breakdown.to_json(),
            "score": self.score,
            "streak": self.streak,
            "explanation": q.explanation,
            "fact": fact_json(self.asked),
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Missed:
    """A question of the round not answered right, for the end-of-round list."""

    asked: Asked
    outcome: Outcome
    given: str | None
    answer: str  # as a player reads it

    def to_json(self) -> dict[str, Any]:
        q = self.asked.question
        return {
            "number": self.asked.number,
            "id": q.id,
            "pack": self.asked.pack.id,
            "prompt": q.prompt,
            "outcome": self.outcome,
            "given": self.given,
            "answer": self.answer,
            "source": self.asked.sources_text,
            "fact": fact_json(self.asked),
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
    missed: tuple[Missed, ...] = ()
    rank: int | None = None  # the place on its board, filled in once recorded
    board: str | None = None  # the board's key, filled in once recorded
    board_title: str | None = None  # the board as a player reads it
    personal_best: bool = False  # the player's best round on this board so far
    daily: DailyInfo | None = None
    draw: str = "seeded"
    round_id: int | None = None  # filled in once the round is recorded

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event": "summary",
            "score": self.score,
            "correct": self.correct,
            "answered": self.answered,
            "total": self.total,
            "seed": self.seed,
            "rank": self.rank,
            "board": self.board,
            "personal_best": self.personal_best,
            "finished": self.finished,
            "best_streak": self.best_streak,
            "missed": [m.to_json() for m in self.missed],
            "draw": self.draw,
            "round_id": self.round_id,
        }
        if self.daily is not None:
            out["daily"] = self.daily.to_json()
        return out


Event = RoundStarted | QuestionAsked | AnswerJudged | RoundFinished


class Frontend(Protocol):
    """What the engine needs from a frontend."""

    def show(self, event: Event) -> None:
        """Render one event."""

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        """Ask one question; return the player's reply."""
