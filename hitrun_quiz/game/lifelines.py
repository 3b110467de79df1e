"""Lifelines: 50:50, hint and skip, each once per round, where the question allows.

Pure functions on a question and the options in the order the player sees them
(never the pack's order: a 50:50 that ignored the shuffle would hide the right
answer, as quizify's issue 254 did). :class:`Lifelines` keeps what a round has
left; a lifeline that is used up or does not fit the question is refused with a
reason and stays unused (quizify's issue 406: power-ups spent for nothing).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from hitrun_quiz.game.draw import Rng
from hitrun_quiz.packs.model import Question

FIFTY, HINT, SKIP = "50", "hint", "skip"
#: Every lifeline, in the order they are offered.
ALL: tuple[str, ...] = (FIFTY, HINT, SKIP)
#: As a player reads them.
TITLES = {FIFTY: "50:50", HINT: "hint", SKIP: "skip"}
#: The reply that asks for each (scripted mode, or typed at a text prompt); ``?walk``
#: walks away from a ladder.
REPLIES = {f"?{name}": name for name in ALL}
WALK = "walk"
WALK_REPLY = "?walk"


def parse(text: str) -> str | None:
    """The lifeline (or ``walk``) a reply asks for, or None for an ordinary answer."""
    word = text.strip().casefold()
    if word == WALK_REPLY:
        return WALK
    return REPLIES.get(word)


def refusal(name: str, question: Question) -> str | None:
    """Why ``name`` does not fit ``question`` (None: it fits)."""
    if name == FIFTY and (question.type != "choice" or len(question.choices) < 4):
        return "50:50 is only for a choice question with at least 4 options"
    if name == HINT and question.type not in ("text", "number"):
        return "a hint is only for a text or number question"
    return None


def fifty_fifty(question: Question, shown: Sequence[str], seed: int) -> tuple[int, ...]:
    """The indices into ``shown`` (the player's order) of two wrong options to hide.

    Never the right answer: the right option is found in ``shown`` itself. The
    two are picked by a PRNG seeded with ``seed``, so a replayed round hides the
    same two.
    """
    if refusal(FIFTY, question) is not None:
        raise ValueError("50:50 does not fit this question")
    wrong = [i for i, text in enumerate(shown) if text != question.answer]
    if len(wrong) != len(shown) - 1:
        raise ValueError("the right answer is not exactly once among the options shown")
    Rng(seed).shuffle(wrong)
    return tuple(sorted(wrong[:2]))


def hint(question: Question) -> str:
    """The first letter of each word (text), or a range holding the answer (number)."""
    if question.type == "text":
        return _first_letters(str(question.answer))
    if question.type == "number":
        lo, hi = number_range(float(question.answer))
        return f"between {_num(lo)} and {_num(hi)}"
    raise ValueError("a hint is only for a text or number question")


def _first_letters(answer: str) -> str:
    """ "Ford Mustang" -> "F___ M______": each word's first character, the rest as _."""
    out = []
    for word in answer.split(" "):
        out.append(word[:1] + "".join("_" if ch.isalnum() else ch for ch in word[1:]))
    return " ".join(out)


def number_range(answer: float) -> tuple[float, float]:
    """A range of whole steps holding ``answer``: 1997 -> (1900, 2000), 42 -> (40, 50).

    The step is a power of ten about a hundredth of the answer (at least 10), so
    the range narrows the answer down without giving it away, and the answer is
    not its midpoint.
    """
    digits = len(str(int(abs(answer)))) if abs(answer) >= 1 else 1
    step = 10 ** max(1, digits - 2)
    lo = math.floor(answer / step) * step
    return float(lo), float(lo + step)


def _num(x: float) -> str:
    return str(int(x)) if x.is_integer() else f"{x:g}"


@dataclass
class Lifelines:
    """What a round has left: each lifeline once, and what was used on each question.

    ``used`` maps a question's number in the round to the lifelines used on it,
    in order, for the summary and the record.
    """

    left: list[str] = field(default_factory=lambda: list(ALL))
    used: dict[int, list[str]] = field(default_factory=dict)

    def check(self, name: str, question: Question) -> str | None:
        """Why ``name`` cannot be used on ``question`` now (None: it can)."""
        if name not in self.left:
            return f"{TITLES[name]} is used up: each lifeline once a round"
        return refusal(name, question)

    def use(self, name: str, number: int) -> None:
        """Spend ``name`` on question ``number`` (checked first with :meth:`check`)."""
        self.left.remove(name)
        self.used.setdefault(number, []).append(name)

    def on(self, number: int) -> tuple[str, ...]:
        """The lifelines used on question ``number``."""
        return tuple(self.used.get(number, ()))
