"""Rounds of given questions (replay, retry of misses, review) and recorded choice orders.

A replay must show the same questions with the same choice order as the
original round, whatever the draw rules have become since: the order of each
choice question is recorded (:func:`choice_order`) and set back
(:func:`arrange`). Questions without a recorded order get theirs from the seed.
"""

from __future__ import annotations

from collections.abc import Sequence

from hitrun_quiz.game.draw import Asked, Rng
from hitrun_quiz.packs.model import Pack, Question


def choice_order(asked: Asked) -> str | None:
    """The order the choices were shown in, as indices into the pack's list ("2013")."""
    if asked.question.type != "choice" or not asked.choices:
        return None
    remaining = list(enumerate(asked.question.choices))
    out = []
    for shown in asked.choices:
        for n, (i, c) in enumerate(remaining):
            if c == shown:
                out.append(str(i))
                del remaining[n]
                break
        else:
            return None
    return "".join(out)


def _ordered(question: Question, order: str | None) -> tuple[str, ...] | None:
    """The choices in a recorded order; None if it no longer fits the question."""
    if order is None or not order.isdigit():
        return None
    idx = [int(c) for c in order]
    if sorted(idx) != list(range(len(question.choices))):
        return None
    return tuple(question.choices[i] for i in idx)


def arrange(items: Sequence[tuple[Pack, Question, str | None]], seed: int) -> list[Asked]:
    """A round of exactly these questions, in this order.

    Each item is (pack, question, recorded choice order or None); a choice
    question without a usable order has its choices shuffled from ``seed``.
    """
    rng = Rng(seed)
    total = len(items)
    out = []
    for number, (pack, q, order) in enumerate(items, 1):
        choices = _ordered(q, order)
        if choices is None:
            shuffled = list(q.choices)
            rng.shuffle(shuffled)
            choices = tuple(shuffled)
        out.append(Asked(number, total, pack, q, choices))
    return out
