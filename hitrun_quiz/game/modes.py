"""The rules of each mode: classic, survival, ladder and blitz.

Each mode is a small strategy object the round engine asks three things: what
the next question is (or that the round is over), how many points an answer
earns, and what the answer does to the mode's state (lives, the prize, the
clock). The state is public and read-only to everyone else: a frontend shows it
from :meth:`Rules.status`, and a hosted room can read ``knocked_out``
(survival) and ``seconds_left(now)`` (blitz) for each player.

Every mode draws from the same seeded draw (:func:`~hitrun_quiz.game.draw.draw`),
so a seed replays a mode's round exactly; only the clock of a blitz round is
not in the seed (it is injectable: ``Round.clock``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from hitrun_quiz.errors import InvalidValue, UsageError
from hitrun_quiz.game.draw import Asked, Filters, draw
from hitrun_quiz.game.events import Points, Status
from hitrun_quiz.game.scoring import points_for
from hitrun_quiz.packs.model import Pack, Question

CLASSIC, SURVIVAL, LADDER, BLITZ = "classic", "survival", "ladder", "blitz"
MODES: tuple[str, ...] = (CLASSIC, SURVIVAL, LADDER, BLITZ)
#: One line each, for the menu and ``--help``.
DESCRIPTIONS = {
    CLASSIC: "a round of N questions",
    SURVIVAL: "3 lives; a wrong answer or a timeout costs one",
    LADDER: "15 questions of rising difficulty for a prize; walk away any time",
    BLITZ: "as many as you can answer in 60 seconds",
}
LIVES = 3
BLITZ_SECONDS = 60.0
MIN_BLITZ_SECONDS, MAX_BLITZ_SECONDS = 5, 3600
#: The prize ladder: the prize after each right answer, rung 1 to 15.
PRIZES: tuple[int, ...] = (
    100, 200, 300, 500, 1_000,
    2_000, 4_000, 8_000, 16_000, 32_000,
    64_000, 125_000, 250_000, 500_000, 1_000_000,
)  # fmt: skip
#: Safe havens: after this many right answers the prize is kept whatever happens.
HAVENS = (5, 10)
LEVELS = ("easy", "medium", "hard")
WHOLE_POOL = 1_000_000  # survival, ladder and blitz draw the whole (filtered) pool


# --------------------------------------------------------------------------- the rules


class Rules:
    """Classic: the questions drawn, one after the other; points as in README "Scoring"."""

    name = CLASSIC
    #: The round's length is not known ahead (survival, blitz): its total is what was asked.
    open_ended = False
    #: Draw the whole (filtered) pool rather than ``--count`` questions.
    whole_pool = False
    #: Wait for Enter after each answer (blitz does not).
    pause = True
    #: A hint halves the points (not on a ladder: the prize is the ladder's).
    hint_halves = True
    #: The mode has a clock of its own (blitz): the engine passes ``now`` to it.
    clocked = False

    def __init__(self) -> None:
        self.over = False  # ended by the rules (not by the answers running out)

    # -- the draw

    def draw(
        self,
        packs: Sequence[Pack],
        count: int,
        filters: Filters,
        seed: int,
        priority: Mapping[tuple[str, str], int] | None,
    ) -> tuple[list[Asked], int, int]:
        """(the questions, how many the filters allowed, how many the round means to ask)."""
        asked, available = draw(
            packs, WHOLE_POOL if self.whole_pool else count, filters, seed, priority
        )
        return asked, available, self.planned(count, asked)

    def planned(self, count: int, asked: Sequence[Asked]) -> int:
        """How many questions the round means to ask: ``--count``, or the pool when open-ended."""
        return len(asked) if self.open_ended else count

    # -- the round

    def start(self, now: float) -> None:
        """The round begins at ``now`` (the round's clock)."""

    def next(self, pool: Sequence[Asked], results: Sequence[Any], now: float) -> Asked | None:
        """The next question, or None when the round is over."""
        n = len(results)
        return pool[n] if n < len(pool) else None

    def limit(self, time_limit: float | None, elapsed: float, now: float) -> float | None:
        """Seconds left for this question (``elapsed``: spent on it so far); None: untimed."""
        return None if time_limit is None else time_limit - elapsed

    def late(self, now: float) -> bool:
        """The round's own clock ran out (blitz)."""
        return False

    def award(
        self,
        question: Question,
        streak: int,
        seconds: float | None,
        time_limit: float | None,
    ) -> Points:
        """The points of a right answer."""
        return points_for(question, streak, seconds, time_limit)

    def after(self, outcome: str, lifelines: Sequence[str]) -> None:
        """What an answer does to the mode's state."""

    def score(self, points: int) -> int:
        """The round's score, given the points won so far."""
        return points

    def walk(self) -> str | None:
        """Walk away now: None when allowed, else why not."""
        return "walking away is only for a ladder round (--mode ladder)"

    def status(self, now: float) -> Status:
        return Status(self.name)

    def ended(self, pool: Sequence[Asked], results: Sequence[Any]) -> bool:
        """The round was played to its end (for the record: ``finished``)."""
        return self.over or len(results) >= len(pool)


class Survival(Rules):
    """Three lives; a wrong answer, a timeout or a skip costs one (the skip lifeline does not)."""

    name = SURVIVAL
    whole_pool = True
    open_ended = True

    def __init__(self, lives: int = LIVES) -> None:
        super().__init__()
        self.lives = lives

    @property
    def knocked_out(self) -> bool:
        return self.lives <= 0

    def next(self, pool: Sequence[Asked], results: Sequence[Any], now: float) -> Asked | None:
        if self.knocked_out:
            self.over = True
            return None
        return super().next(pool, results, now)

    def after(self, outcome: str, lifelines: Sequence[str]) -> None:
        if outcome != "correct" and "skip" not in lifelines:
            self.lives -= 1
            self.over = self.knocked_out

    def status(self, now: float) -> Status:
        return Status(self.name, lives=max(0, self.lives), knocked_out=self.knocked_out)


class Ladder(Rules):
    """15 rungs, easy to hard; a wrong answer ends the round at the last safe haven."""

    name = LADDER
    whole_pool = True
    hint_halves = False

    def __init__(self) -> None:
        super().__init__()
        self.rung = 1  # the rung being played
        self.prize = 0
        self.walked = False
        self._used: set[int] = set()  # numbers (in the pool) of the questions asked

    @property
    def safe(self) -> int:
        """The prize kept after a wrong answer: the last haven reached."""
        reached = [h for h in HAVENS if self.rung > h]
        return PRIZES[reached[-1] - 1] if reached else 0

    def planned(self, count: int, asked: Sequence[Asked]) -> int:
        return len(PRIZES)

    @staticmethod
    def level_of(rung: int) -> str:
        """The difficulty a rung asks for: 1-5 easy, 6-10 medium, 11-15 hard."""
        return LEVELS[min(2, (rung - 1) // 5)]

    def next(self, pool: Sequence[Asked], results: Sequence[Any], now: float) -> Asked | None:
        if self.over or self.rung > len(PRIZES):
            self.over = True
            return None
        want = LEVELS.index(self.level_of(self.rung))
        free = [a for a in pool if a.number not in self._used]
        if not free:
            return None
        # The first unused question (in seeded order) of the rung's level, else of the
        # nearest level (harder first).
        best = min(
            free,
            key=lambda a: (
                abs(LEVELS.index(a.question.difficulty) - want),
                LEVELS.index(a.question.difficulty) < want,
            ),
        )
        self._used.add(best.number)
        return replace(best, number=self.rung, total=len(PRIZES))

    def award(
        self,
        question: Question,
        streak: int,
        seconds: float | None,
        time_limit: float | None,
    ) -> Points:
        step = PRIZES[self.rung - 1] - (PRIZES[self.rung - 2] if self.rung > 1 else 0)
        return Points(base=step, streak_percent=0, speed=None, total=step)

    def after(self, outcome: str, lifelines: Sequence[str]) -> None:
        if outcome == "correct":
            self.prize = PRIZES[self.rung - 1]
            self.rung += 1
            if self.rung > len(PRIZES):
                self.over = True
        elif "skip" not in lifelines:
            self.prize = self.safe
            self.over = True

    def score(self, points: int) -> int:
        return self.prize

    def walk(self) -> str | None:
        self.walked = True
        self.over = True
        return None

    def status(self, now: float) -> Status:
        return Status(
            self.name,
            rung=self.rung,
            prize=self.prize,
            safe=self.safe,
            next_prize=PRIZES[min(self.rung, len(PRIZES)) - 1],
        )

    def ended(self, pool: Sequence[Asked], results: Sequence[Any]) -> bool:
        return self.over or len(self._used) >= len(pool)


class Blitz(Rules):
    """As many questions as answered before the clock runs out; no pause between them."""

    name = BLITZ
    whole_pool = True
    open_ended = True
    pause = False
    clocked = True

    def __init__(self, seconds: float = BLITZ_SECONDS) -> None:
        super().__init__()
        if not (math.isfinite(seconds) and MIN_BLITZ_SECONDS <= seconds <= MAX_BLITZ_SECONDS):
            rule = f"a number of seconds from {MIN_BLITZ_SECONDS} to {MAX_BLITZ_SECONDS}"
            raise InvalidValue("seconds", seconds, rule)
        self.seconds = seconds
        self.deadline: float | None = None

    def start(self, now: float) -> None:
        self.deadline = now + self.seconds

    def seconds_left(self, now: float) -> float:
        return self.seconds if self.deadline is None else self.deadline - now

    def late(self, now: float) -> bool:
        return self.seconds_left(now) <= 0

    def next(self, pool: Sequence[Asked], results: Sequence[Any], now: float) -> Asked | None:
        if self.late(now):
            self.over = True
            return None
        return super().next(pool, results, now)

    def limit(self, time_limit: float | None, elapsed: float, now: float) -> float | None:
        return self.seconds_left(now)

    def award(
        self,
        question: Question,
        streak: int,
        seconds: float | None,
        time_limit: float | None,
    ) -> Points:
        return points_for(question, streak, None, None)  # no speed factor: the clock is the round

    def status(self, now: float) -> Status:
        return Status(self.name, seconds_left=max(0.0, self.seconds_left(now)))


def rules_for(mode: str, *, seconds: float | None = None) -> Rules:
    """The rules of ``mode`` (a UsageError for an unknown one)."""
    if mode == CLASSIC:
        return Rules()
    if mode == SURVIVAL:
        return Survival()
    if mode == LADDER:
        return Ladder()
    if mode == BLITZ:
        return Blitz(BLITZ_SECONDS if seconds is None else seconds)
    raise UsageError(f"--mode {mode}: no such mode (known: {', '.join(MODES)})")
