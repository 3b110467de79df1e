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
from hitrun_quiz.game.draw import Asked, Filters, new_seed
from hitrun_quiz.game.events import (
    TIMEOUT,
    AnswerJudged,
    DailyInfo,
    Frontend,
    LifelineUsed,
    Missed,
    Outcome,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.game.lifelines import FIFTY, HINT, SKIP, TITLES, Lifelines, fifty_fifty, hint
from hitrun_quiz.game.modes import Rules
from hitrun_quiz.game.scoring import POINTS, STREAK_CAP, STREAK_STEP, points_for
from hitrun_quiz.packs.model import Answer, Pack

__all__ = ["POINTS", "STREAK_CAP", "STREAK_STEP", "Round", "answer_text", "points_for"]

DEFAULT_COUNT = 10
MAX_SEED = 2**63 - 1  # a seed is stored as a signed 64-bit integer
MAX_TIME_LIMIT = 3600  # seconds a question; the smallest is 1


def check_time_limit(seconds: float | None) -> None:
    """A time limit is None (untimed) or a finite number of seconds from 1 to 3600."""
    if seconds is not None and not (math.isfinite(seconds) and 1 <= seconds <= MAX_TIME_LIMIT):
        raise InvalidValue("time_limit", seconds, f"a number of seconds from 1 to {MAX_TIME_LIMIT}")


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
    rules: Rules = field(default_factory=Rules)  # the mode (game/modes.py)
    lifelines: Lifelines = field(default_factory=Lifelines)

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
        rules: Rules | None = None,
    ) -> Round:
        """A drawn round; ``priority`` orders a fresh draw (see :func:`draw`); ``rules``
        the mode (classic by default), which also decides how much is drawn."""
        check_time_limit(time_limit)
        if seed is not None and not 0 <= seed <= MAX_SEED:
            raise InvalidValue("seed", seed, f"a whole number from 0 to {MAX_SEED}")
        filters = filters or Filters()
        seed = new_seed() if seed is None else seed
        rules = rules or Rules()
        if count < 1:
            raise InvalidValue("count", count, "at least 1")
        asked, available, requested = rules.draw(packs, count, filters, seed, priority)
        return cls(
            packs=tuple(packs),
            asked=asked,
            seed=seed,
            filters=filters,
            requested=requested,
            available=available,
            time_limit=time_limit,
            clock=clock,
            kind=kind,
            rules=rules,
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
            count=min(len(self.asked), self.requested),
            requested=self.requested,
            available=self.available,
            packs=self.packs,
            filters=self.filters,
            time_limit=self.time_limit,
            daily=self.daily,
            draw=self.kind,
            mode=self.rules.name,
            status=self.rules.status(self._now()),
        )

    def _now(self) -> float:
        """The clock, for the mode's rules; only a mode with a clock of its own reads it."""
        return self.clock() if self.rules.clocked else 0.0

    @property
    def mode(self) -> str:
        return self.rules.name

    def play(self, frontend: Frontend) -> RoundFinished:
        """Ask every question through ``frontend``; return the summary (no rank yet)."""
        frontend.show(self.started())
        self.rules.start(self._now())
        while (asked := self.rules.next(self.asked, self.results, self._now())) is not None:
            reply = self.ask(frontend, asked)
            if reply.kind == "eof":
                break
            if reply.kind == "walk":  # allowed: ask() refuses it elsewhere
                break
            frontend.show(self.judge(asked, reply))
        return self.finish()

    def ask(self, frontend: Frontend, asked: Asked) -> Reply:
        """Ask one question until the reply is an answer (or a skip, timeout, eof, walk).

        A lifeline asked for is used (or refused, and left unused) and the same
        question is asked again; the clock of a timed question keeps running.
        """
        position = len(self.results)
        start: float | None = None
        hidden: tuple[int, ...] = ()
        hinted: str | None = None
        again = False
        while True:
            now = self.clock()
            start = now if start is None else start
            limit = self.rules.limit(self.time_limit, now - start, now)
            frontend.show(
                QuestionAsked(
                    asked,
                    self.score,
                    self.streak,
                    lifelines=tuple(self.lifelines.left),
                    hidden=hidden,
                    hint=hinted,
                    status=self.rules.status(now),
                    again=again,
                )
            )
            again = True
            if limit is not None and limit <= 0:
                return Reply(TIMEOUT.kind, "", self.clock() - start)
            reply = frontend.ask(asked, limit)
            if reply.kind == "eof":
                return reply
            seconds = self.clock() - start
            if reply.seconds is not None:  # measured by the frontend: this ask only
                seconds = reply.seconds + (now - start)
            reply = Reply(reply.kind, reply.text, seconds)
            if reply.kind == "walk":
                why = self.rules.walk()
                if why is None:
                    frontend.show(
                        LifelineUsed(asked, "walk", True, "walked away", tuple(self.lifelines.left))
                    )
                    return reply
                frontend.show(LifelineUsed(asked, "walk", False, why, tuple(self.lifelines.left)))
                continue
            if reply.kind != "lifeline":
                return reply
            name = reply.text
            why = self.lifelines.check(name, asked.question)
            if why is not None:
                frontend.show(LifelineUsed(asked, name, False, why, tuple(self.lifelines.left)))
                continue
            self.lifelines.use(name, position)
            left = tuple(self.lifelines.left)
            if name == FIFTY:
                hidden = fifty_fifty(asked.question, asked.choices, self.seed * 1009 + position)
                gone = ", ".join(asked.choices[i] for i in hidden)
                frontend.show(
                    LifelineUsed(asked, name, True, f"50:50 took away {gone}", left, hidden=hidden)
                )
            elif name == HINT:
                hinted = hint(asked.question)
                frontend.show(LifelineUsed(asked, name, True, f"hint: {hinted}", left, hint=hinted))
            else:
                assert name == SKIP
                frontend.show(
                    LifelineUsed(asked, name, True, f"{TITLES[name]}: passed, streak kept", left)
                )
                return Reply("skip", "", reply.seconds)

    def judge(self, asked: Asked, reply: Reply) -> AnswerJudged:
        """Judge one reply, update score, streak and the mode's state; return the result."""
        q = asked.question
        position = len(self.results)
        used = self.lifelines.on(position)
        given: str | None = reply.text if reply.kind == "answer" else None
        outcome: Outcome
        late = (
            self.time_limit is not None
            and reply.seconds is not None
            and reply.seconds > self.time_limit
        ) or self.rules.late(self._now())
        if reply.kind == "timeout" or (reply.kind == "answer" and late):
            outcome = "timeout"
        elif reply.kind == "skip" or (given is not None and not given.strip()):
            outcome, given = "skipped", None
        else:
            assert given is not None
            outcome = "correct" if judge(q, given, asked.choices) else "wrong"
        points, breakdown = 0, None
        if outcome == "correct":
            breakdown = self.rules.award(q, self.streak, reply.seconds, self.time_limit)
            if HINT in used and self.rules.hint_halves:
                breakdown = breakdown._replace(total=breakdown.total // 2, hint=True)
            points = breakdown.total
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
        elif SKIP not in used:  # the skip lifeline keeps the streak
            self.streak = 0
        note = not_an_option(q, given, asked.choices) if outcome == "wrong" and given else None
        self.rules.after(outcome, used)
        self.score = self.rules.score(self.score + points)
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
            lifelines=used,
            status=self.rules.status(self._now()),
            final=self._final(asked),
        )
        self.results.append(result)
        return result

    def _final(self, asked: Asked) -> bool:
        """Whether the round ends after this answer (the last question, or the mode's end)."""
        if self.rules.name == "classic":
            return asked.number == asked.total
        if self.rules.over or self.rules.late(self._now()):
            return True
        return self.rules.open_ended and asked.number == len(self.asked)

    def finish(self) -> RoundFinished:
        """The summary; unanswered questions are those never judged."""
        by_cat: dict[str, list[int]] = {}
        classic = self.rules.name == "classic"
        for a in self.asked if classic else [r.asked for r in self.results]:
            by_cat.setdefault(a.question.category, [0, 0])[1] += 1
        for r in self.results:
            if r.correct:
                by_cat[r.asked.question.category][0] += 1
        return RoundFinished(
            score=self.score,
            correct=sum(r.correct for r in self.results),
            answered=sum(r.outcome in ("correct", "wrong") for r in self.results),
            total=len(self.asked) if classic else len(self.results),
            seed=self.seed,
            best_streak=self.best_streak,
            finished=self.rules.ended(self.asked, self.results),
            by_category=tuple((c, right, n) for c, (right, n) in by_cat.items()),
            missed=tuple(
                Missed(r.asked, r.outcome, r.given, answer_text(r.asked.question.answer))
                for r in self.results
                if not r.correct
            ),
            draw=self.kind,
            mode=self.rules.name,
            lifelines=tuple(
                (self.results[p].asked.number, name)
                for p, names in sorted(self.lifelines.used.items())
                if p < len(self.results)
                for name in names
            ),
            status=self.rules.status(self._now()),
            walked=getattr(self.rules, "walked", False),
        )

    def unplayed(self) -> list[Asked]:
        """The questions drawn but never reached (classic; other modes draw a whole pool)."""
        return self.asked[len(self.results) :] if self.rules.name == "classic" else []


def answer_text(answer: Answer) -> str:
    """An answer as a player reads it."""
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, float) and answer.is_integer():
        return str(int(answer))
    return str(answer)
