"""The round engine: draw a round from a seed, run it over a frontend, score it.

The engine does no I/O.  It hands each question to a frontend and gets back a
:class:`Reply`; it tells the frontend what happened through event objects,
which the terminal frontend renders as screens and the scripted frontend
prints as text or JSON Lines, so the two cannot drift apart.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from hitrun_quiz.answers import judge
from hitrun_quiz.errors import UsageError
from hitrun_quiz.model import Answer, Fact, Pack, Question, Source

DEFAULT_COUNT = 10
POINTS = {"easy": 100, "medium": 200, "hard": 300}
STREAK_STEP = 0.10  # +10% for each consecutive correct answer before this one
STREAK_CAP = 0.50  # at most +50%
LETTERS = "ABCDE"


# --------------------------------------------------------------------------- seeded draws


class Rng:
    """SplitMix64: a tiny PRNG whose output is fixed by its seed alone.

    ``random.Random`` would do today, but its algorithms are not promised to
    stay the same across Python versions; a seed must replay the same round
    on any machine and any Python.
    """

    MASK = (1 << 64) - 1

    def __init__(self, seed: int) -> None:
        self.state = seed & self.MASK

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """A uniform integer in [0, n) (rejection sampling, no modulo bias)."""
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            r = self.next()
            if r < limit:
                return r % n

    def shuffle(self, items: list[Any]) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def new_seed() -> int:
    """A fresh seed, short enough to read out and type back."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000_000


# --------------------------------------------------------------------------- drawing a round


@dataclass(frozen=True, slots=True)
class Filters:
    """What a round is drawn from: each tuple empty means "any"."""

    categories: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    def to_json(self) -> dict[str, list[str]]:
        return {
            "category": list(self.categories),
            "difficulty": list(self.difficulties),
            "type": list(self.types),
        }

    def describe(self) -> str:
        parts = [
            f"{name} {', '.join(values)}"
            for name, values in (
                ("category", self.categories),
                ("difficulty", self.difficulties),
                ("type", self.types),
            )
            if values
        ]
        return "; ".join(parts) or "none"


@dataclass(frozen=True, slots=True)
class Asked:
    """One question of a round, as a frontend shows it."""

    number: int
    total: int
    pack: Pack
    question: Question
    choices: tuple[str, ...]  # choice questions: the options in the order shown

    @property
    def fact(self) -> Fact | None:
        return self.pack.fact(self.question.fact)

    @property
    def source(self) -> Source | None:
        return self.pack.source_of(self.question)


def draw(packs: Sequence[Pack], count: int, filters: Filters, seed: int) -> tuple[list[Asked], int]:
    """The questions of a round and how many the filters allowed.

    Reproducible: the same packs, filters and seed give the same questions in
    the same order with the same order of choices.  Two questions citing the
    same fact are kept apart when the pool allows it.
    """
    if count < 1:
        raise UsageError("--count must be at least 1")
    pool = [
        (pack, q)
        for pack in packs
        for q in pack.questions
        if (not filters.categories or q.category in filters.categories)
        and (not filters.difficulties or q.difficulty in filters.difficulties)
        and (not filters.types or q.type in filters.types)
    ]
    if not pool:
        raise UsageError(_empty_pool_message(packs, filters))
    rng = Rng(seed)
    rng.shuffle(pool)
    picked: list[tuple[Pack, Question]] = []
    later: list[tuple[Pack, Question]] = []
    facts_used: set[tuple[str, str]] = set()
    for pack, q in pool:
        if len(picked) == count:
            break
        key = (pack.id, q.fact) if q.fact else None
        if key is None or key not in facts_used:
            picked.append((pack, q))
            if key:
                facts_used.add(key)
        else:
            later.append((pack, q))
    picked.extend(later[: count - len(picked)])
    total = len(picked)
    asked = []
    for number, (pack, q) in enumerate(picked, 1):
        choices: list[str] = list(q.choices)
        rng.shuffle(choices)
        asked.append(Asked(number, total, pack, q, tuple(choices)))
    return asked, len(pool)


def _empty_pool_message(packs: Sequence[Pack], filters: Filters) -> str:
    everything = [q for p in packs for q in p.questions]
    for name, values, attr in (
        ("--category", filters.categories, "category"),
        ("--difficulty", filters.difficulties, "difficulty"),
        ("--type", filters.types, "type"),
    ):
        known = sorted({getattr(q, attr) for q in everything})
        for value in values:
            if value not in known:
                close = difflib.get_close_matches(value, known, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                return (
                    f"{name} {value}: no such {attr} in the chosen packs; "
                    f"{hint}(known: {', '.join(known)})"
                )
    return f"no question matches all the filters together ({filters.describe()})"


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

    def to_json(self) -> dict[str, Any]:
        return {
            "event": "start",
            "seed": self.seed,
            "count": self.count,
            "requested": self.requested,
            "packs": [p.id for p in self.packs],
            "filters": self.filters.to_json(),
            "time_limit": self.time_limit,
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
        }


Event = RoundStarted | QuestionAsked | AnswerJudged | RoundFinished


class Frontend(Protocol):
    """What the engine needs from a frontend."""

    def show(self, event: Event) -> None:
        """Render one event."""

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        """Ask one question; return the player's reply."""


# --------------------------------------------------------------------------- scoring


def points_for(
    question: Question, streak_before: int, seconds: float | None, time_limit: float | None
) -> int:
    """Points for a correct answer (see README, "Scoring")."""
    base = POINTS[question.difficulty]
    bonus = min(STREAK_STEP * streak_before, STREAK_CAP)
    speed = 1.0
    if time_limit:
        t = min(max(seconds or 0.0, 0.0), time_limit)
        speed = 1 - (t / time_limit) / 2
    return round(base * (1 + bonus) * speed)


# --------------------------------------------------------------------------- the round


@dataclass
class Round:
    """One round: its questions, and the state of play as it runs."""

    packs: tuple[Pack, ...]
    asked: list[Asked]
    seed: int
    filters: Filters = field(default_factory=Filters)
    requested: int = DEFAULT_COUNT
    available: int = 0
    time_limit: float | None = None
    clock: Callable[[], float] = time.monotonic
    results: list[AnswerJudged] = field(default_factory=list)
    score: int = 0
    streak: int = 0
    best_streak: int = 0

    @classmethod
    def create(
        cls,
        packs: Sequence[Pack],
        *,
        count: int = DEFAULT_COUNT,
        filters: Filters | None = None,
        seed: int | None = None,
        time_limit: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> Round:
        if time_limit is not None and time_limit <= 0:
            raise UsageError("--time-limit must be a positive number of seconds")
        filters = filters or Filters()
        seed = new_seed() if seed is None else seed
        asked, available = draw(packs, count, filters, seed)
        return cls(
            packs=tuple(packs),
            asked=asked,
            seed=seed,
            filters=filters,
            requested=count,
            available=available,
            time_limit=time_limit,
            clock=clock,
        )

    @property
    def short(self) -> bool:
        """Fewer questions than asked for: the filters left too few."""
        return len(self.asked) < self.requested

    def started(self) -> RoundStarted:
        return RoundStarted(
            seed=self.seed,
            count=len(self.asked),
            requested=self.requested,
            available=self.available,
            packs=self.packs,
            filters=self.filters,
            time_limit=self.time_limit,
        )

    def play(self, frontend: Frontend) -> RoundFinished:
        """Ask every question through ``frontend``; return the summary (no rank yet)."""
        frontend.show(self.started())
        for asked in self.asked:
            frontend.show(QuestionAsked(asked, self.score, self.streak))
            start = self.clock()
            reply = frontend.ask(asked, self.time_limit)
            if reply.seconds is None and reply.kind != "eof":
                reply = Reply(reply.kind, reply.text, self.clock() - start)
            if reply.kind == "eof":
                break
            frontend.show(self.judge(asked, reply))
        return self.finish()

    def judge(self, asked: Asked, reply: Reply) -> AnswerJudged:
        """Judge one reply, update score and streak, and return the result event."""
        q = asked.question
        given: str | None = reply.text if reply.kind == "answer" else None
        outcome: Outcome
        late = (
            self.time_limit is not None
            and reply.seconds is not None
            and reply.seconds > self.time_limit
        )
        if reply.kind == "timeout" or (reply.kind == "answer" and late):
            outcome = "timeout"
        elif reply.kind == "skip" or (given is not None and not given.strip()):
            outcome, given = "skipped", None
        else:
            assert given is not None
            outcome = "correct" if judge(q, given, asked.choices) else "wrong"
        points = 0
        if outcome == "correct":
            points = points_for(q, self.streak, reply.seconds, self.time_limit)
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
        else:
            self.streak = 0
        self.score += points
        result = AnswerJudged(asked, outcome, given, points, self.score, self.streak, reply.seconds)
        self.results.append(result)
        return result

    def finish(self) -> RoundFinished:
        """The summary; unanswered questions are those never judged."""
        by_cat: dict[str, list[int]] = {}
        for a in self.asked:
            by_cat.setdefault(a.question.category, [0, 0])[1] += 1
        for r in self.results:
            if r.correct:
                by_cat[r.asked.question.category][0] += 1
        return RoundFinished(
            score=self.score,
            correct=sum(r.correct for r in self.results),
            answered=sum(r.outcome in ("correct", "wrong") for r in self.results),
            total=len(self.asked),
            seed=self.seed,
            best_streak=self.best_streak,
            finished=len(self.results) == len(self.asked),
            by_category=tuple((c, right, n) for c, (right, n) in by_cat.items()),
        )


def answer_text(answer: Answer) -> str:
    """An answer as a player reads it."""
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, float) and answer.is_integer():
        return str(int(answer))
    return str(answer)
