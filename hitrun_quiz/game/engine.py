"""The round engine: draw a round from a seed, run it over a frontend, score it.

The engine does no I/O.  It hands each question to a frontend and gets back a
:class:`Reply`; it tells the frontend what happened through event objects,
which the terminal frontend renders as screens and the scripted frontend
prints as text or JSON Lines, so the two cannot drift apart.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from hitrun_quiz.errors import InvalidValue
from hitrun_quiz.game.answers import judge, not_an_option
from hitrun_quiz.game.draw import Asked, Filters, draw, new_seed
from hitrun_quiz.game.events import (
    AnswerJudged,
    DailyInfo,
    Frontend,
    Missed,
    Outcome,
    Points,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.packs.model import Answer, Pack, Question

DEFAULT_COUNT = 10
MAX_SEED = 2**63 - 1  # a seed is stored as a signed 64-bit integer
MAX_TIME_LIMIT = 3600  # seconds a question; the smallest is 1


def check_time_limit(seconds: float | None) -> None:
    """A time limit is None (untimed) or a finite number of seconds from 1 to 3600."""
    if seconds is not None and not (math.isfinite(seconds) and 1 <= seconds <= MAX_TIME_LIMIT):
        raise InvalidValue("time_limit", seconds, f"a number of seconds from 1 to {MAX_TIME_LIMIT}")


POINTS = {"easy": 100, "medium": 200, "hard": 300}
STREAK_STEP = 0.10  # +10% for each consecutive correct answer before this one
STREAK_CAP = 0.50  # at most +50%


# --------------------------------------------------------------------------- scoring


def points_for(
    question: Question, streak_before: int, seconds: float | None, time_limit: float | None
) -> Points:
    """Points for a correct answer, with their breakdown (see README, "Scoring")."""
    base = POINTS[question.difficulty]
    # Whole percent steps: round() keeps 3 * 0.1 from becoming 0.30000000000000004.
    percent = round(100 * min(STREAK_STEP * streak_before, STREAK_CAP))
    speed: float | None = None
    if time_limit:
        t = min(max(seconds or 0.0, 0.0), time_limit)
        speed = 1 - (t / time_limit) / 2
    total = round(base * (1 + percent / 100) * (1.0 if speed is None else speed))
    return Points(base=base, streak_percent=percent, speed=speed, total=total)


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
    kind: str = "seeded"  # how it was drawn: 'seeded' | 'fresh' | 'replay' | 'review' | 'misses'
    results: list[AnswerJudged] = field(default_factory=list)
    score: int = 0
    streak: int = 0
    best_streak: int = 0
    daily: DailyInfo | None = None  # a daily round: shown in the start event

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
        priority: Mapping[tuple[str, str], int] | None = None,
        kind: str = "seeded",
    ) -> Round:
        """A drawn round; ``priority`` orders a fresh draw (see :func:`draw`)."""
        check_time_limit(time_limit)
        if seed is not None and not 0 <= seed <= MAX_SEED:
            raise InvalidValue("seed", seed, f"a whole number from 0 to {MAX_SEED}")
        filters = filters or Filters()
        seed = new_seed() if seed is None else seed
        asked, available = draw(packs, count, filters, seed, priority)
        return cls(
            packs=tuple(packs),
            asked=asked,
            seed=seed,
            filters=filters,
            requested=count,
            available=available,
            time_limit=time_limit,
            clock=clock,
            kind=kind,
        )

    @classmethod
    def of_questions(
        cls,
        packs: Sequence[Pack],
        asked: list[Asked],
        *,
        seed: int,
        kind: str,
        time_limit: float | None = None,
        filters: Filters | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> Round:
        """A round of given questions (replay, misses, review)."""
        check_time_limit(time_limit)
        return cls(
            packs=tuple(packs),
            asked=asked,
            seed=seed,
            filters=filters or Filters(),
            requested=len(asked),
            available=len(asked),
            time_limit=time_limit,
            clock=clock,
            kind=kind,
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
            daily=self.daily,
            draw=self.kind,
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
        points, breakdown = 0, None
        if outcome == "correct":
            breakdown = points_for(q, self.streak, reply.seconds, self.time_limit)
            points = breakdown.total
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
        else:
            self.streak = 0
        note = not_an_option(q, given, asked.choices) if outcome == "wrong" and given else None
        self.score += points
        result = AnswerJudged(
            asked,
            outcome,
            given,
            points,
            self.score,
            self.streak,
            reply.seconds,
            breakdown=breakdown,
            note=note,
        )
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
            missed=tuple(
                Missed(r.asked, r.outcome, r.given, answer_text(r.asked.question.answer))
                for r in self.results
                if not r.correct
            ),
            draw=self.kind,
        )


def answer_text(answer: Answer) -> str:
    """An answer as a player reads it."""
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, float) and answer.is_integer():
        return str(int(answer))
    return str(answer)
