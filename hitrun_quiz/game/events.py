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

    #: "lifeline": ``text`` names one (game/lifelines.py); "walk": walk away (ladder).
    kind: Literal["answer", "skip", "timeout", "eof", "lifeline", "walk"]
    text: str = ""
    seconds: float | None = None  # measured by the frontend, else by the engine

    @classmethod
    def answer(cls, text: str, seconds: float | None = None) -> Reply:
        return cls("answer", text, seconds)

    @classmethod
    def typed(cls, text: str, seconds: float | None = None) -> Reply:
        """A typed reply: ``?50``, ``?hint``, ``?skip`` ask for a lifeline, ``?walk`` walks
        away, an empty one skips, anything else is an answer."""
        from hitrun_quiz.game.lifelines import WALK, parse

        asked_for = parse(text)
        if asked_for == WALK:
            return cls("walk", "", seconds)
        if asked_for is not None:
            return cls("lifeline", asked_for, seconds)
        return cls.answer(text, seconds) if text.strip() else cls("skip", "", seconds)


SKIP = Reply("skip")
TIMEOUT = Reply("timeout")
EOF = Reply("eof")


class Points(NamedTuple):
    """The points of a correct answer and how they were reached (README, "Scoring")."""

    base: int  # by difficulty
    streak_percent: int  # +10% for each correct answer in a row before this one, at most 50
    speed: float | None  # the speed factor (1 down to 0.5) of a timed round; None untimed
    total: int
    hint: bool = False  # halved: a hint was used

    @property
    def streak_bonus(self) -> int:
        return round(self.base * self.streak_percent / 100)

    def describe(self) -> str:
        """ "200 + 20 streak − 55 time − 82 hint": whole points that add up to ``total``
        (shown after " = "), or "" when the base is all there is.  The time a timed
        answer took and a hint (half) cost the differences, so rounding never shows
        sums that do not add up."""
        text = str(self.base)
        if self.streak_percent:
            text += f" + {self.streak_bonus} streak"
        factor = 1.0 if self.speed is None else self.speed
        before_hint = round(self.base * (1 + self.streak_percent / 100) * factor)
        slower = self.base + self.streak_bonus - before_hint
        if self.speed is not None and slower:
            text += f" − {slower} time" if slower > 0 else f" + {-slower} time"
        if self.hint:
            text += f" − {before_hint - self.total} hint"
        return "" if text == str(self.base) else text

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "streak_bonus": self.streak_bonus,
            "streak_percent": self.streak_percent,
            "speed_factor": None if self.speed is None else round(self.speed, 4),
            "total": self.total,
            "hint_halved": self.hint,
        }


@dataclass(frozen=True, slots=True)
class Status:
    """The mode's state as shown with each question (None: not part of this mode)."""

    mode: str
    lives: int | None = None  # survival: lives left
    knocked_out: bool = False  # survival: no lives left
    rung: int | None = None  # ladder: the rung being played, 1 to 15
    prize: int | None = None  # ladder: the prize won so far
    safe: int | None = None  # ladder: the prize kept if this answer is wrong
    next_prize: int | None = None  # ladder: the prize if this answer is right
    seconds_left: float | None = None  # blitz: time left in the round
    max_lives: int = 3

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mode": self.mode}
        if self.lives is not None:
            out.update(lives=self.lives, knocked_out=self.knocked_out)
        if self.rung is not None:
            out.update(rung=self.rung, prize=self.prize, safe=self.safe, next=self.next_prize)
        if self.seconds_left is not None:
            out["seconds_left"] = round(self.seconds_left, 1)
        return out

    def describe(self) -> str:
        """One line: "Lives: ♥♥♡", "Rung 6/15 · 2,000 for a right answer · safe 1,000"."""
        if self.lives is not None:
            return f"Lives: {self.lives} of {self.max_lives}"
        if self.rung is not None:
            return (
                f"Rung {self.rung}/15 · {self.next_prize:,} if right"
                f" · banked {self.prize:,} · safe {self.safe:,}"
            )
        if self.seconds_left is not None:
            return f"Time left: {max(0.0, self.seconds_left):.0f} s"
        return ""


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
    mode: str = "classic"  # game/modes.py
    status: Status | None = None  # the mode's state at the start (lives, the clock)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event": "start",
            "mode": self.mode,
            "seed": self.seed,
            "count": self.count,
            "requested": self.requested,
            "packs": [p.id for p in self.packs],
            "filters": self.filters.to_json(),
            "time_limit": self.time_limit,
            "draw": self.draw,
        }
        if self.status is not None and self.mode != "classic":
            out["status"] = self.status.to_json()
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
    #: Lifelines still to use this round, and the indices into ``asked.choices`` a
    #: 50:50 hid (the player's own order: the letters stay as first shown).
    lifelines: tuple[str, ...] = ()
    hidden: tuple[int, ...] = ()
    hint: str | None = None
    status: Status | None = None  # the mode's state: lives, the prize, the clock
    again: bool = False  # the same question asked again after a lifeline

    @property
    def shown(self) -> list[tuple[int, str]]:
        """The options still shown, each with its index into ``asked.choices``."""
        return [(i, c) for i, c in enumerate(self.asked.choices) if i not in self.hidden]

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
        out["lifelines"] = list(self.lifelines)
        if self.hidden:
            out["hidden"] = list(self.hidden)
        if self.hint is not None:
            out["hint"] = self.hint
        if self.status is not None and self.status.mode != "classic":
            out["status"] = self.status.to_json()
        if self.again:
            out["again"] = True
        return out


@dataclass(frozen=True, slots=True)
class LifelineUsed:
    """A lifeline asked for: used (``ok``), or refused with ``message`` and left unused."""

    asked: Asked
    lifeline: str  # '50' | 'hint' | 'skip' | 'walk'
    ok: bool
    message: str
    left: tuple[str, ...]  # lifelines still to use this round
    hidden: tuple[int, ...] = ()  # 50:50: the indices into the choices hidden
    hint: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "event": "lifeline",
            "number": self.asked.number,
            "id": self.asked.question.id,
            "lifeline": self.lifeline,
            "used": self.ok,
            "message": self.message,
            "left": list(self.left),
        }
        if self.hidden:
            out["hidden"] = list(self.hidden)
            out["removed"] = [self.asked.choices[i] for i in self.hidden]
        if self.hint is not None:
            out["hint"] = self.hint
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
    lifelines: tuple[str, ...] = ()  # used on this question
    status: Status | None = None  # the mode's state after the answer
    final: bool = False  # the round ends with this answer

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
            "lifelines": list(self.lifelines),
        }
        if self.status is not None and self.status.mode != "classic":
            out["status"] = self.status.to_json()
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
    mode: str = "classic"  # game/modes.py
    #: (question number, lifeline) for each lifeline used, in order.
    lifelines: tuple[tuple[int, str], ...] = ()
    status: Status | None = None  # the mode's state at the end (lives, the prize)
    walked: bool = False  # ladder: walked away with the prize

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
            "mode": self.mode,
            "lifelines": [{"number": n, "lifeline": name} for n, name in self.lifelines],
        }
        if self.status is not None and self.mode != "classic":
            out["status"] = self.status.to_json()
        if self.walked:
            out["walked"] = True
        if self.daily is not None:
            out["daily"] = self.daily.to_json()
        return out


Event = RoundStarted | QuestionAsked | LifelineUsed | AnswerJudged | RoundFinished


class Frontend(Protocol):
    """What the engine needs from a frontend."""

    def show(self, event: Event) -> None:
        """Render one event."""

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        """Ask one question; return the player's reply."""
