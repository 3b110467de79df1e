"""The seeded draw: a portable PRNG, filters, and the questions of a round.

Reproducible: the same packs, filters and seed give the same questions in the
same order with the same order of choices, on any machine and Python, for one
version of the rules: since rounds were made fair (``fairness.py``), a seed may
give another round than it did before that change.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hitrun_quiz.errors import InvalidValue, UsageError
from hitrun_quiz.game.fairness import pick
from hitrun_quiz.packs.model import Fact, Pack, Question, Quote, Source

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


#: Question types as the game says them to a player ("true or false", not "truefalse").
TYPE_WORDS = {"truefalse": "true or false"}


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
                ("type", tuple(TYPE_WORDS.get(t, t) for t in self.types)),
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

    @property
    def quotes(self) -> tuple[tuple[Quote, Source | None], ...]:
        """Every quote behind the question's fact, each with its source."""
        return self.pack.quotes_of(self.question)

    @property
    def sources_text(self) -> str | None:
        """Every source behind the question's fact, once each: "The Independent, 2021-08-10"."""
        seen = dict.fromkeys(f"{s.publisher}, {s.date}" for _, s in self.quotes if s is not None)
        return "; ".join(seen) or None


def draw(
    packs: Sequence[Pack],
    count: int,
    filters: Filters,
    seed: int,
    priority: Mapping[tuple[str, str], int] | None = None,
) -> tuple[list[Asked], int]:
    """The questions of a round and how many the filters allowed.

    Reproducible: the same packs, filters and seed give the same questions in
    the same order with the same order of choices.  Questions that give each
    other's answer away, cite the same fact or are ``related`` are kept apart
    when the pool allows it (:func:`~hitrun_quiz.game.fairness.pick`).

    ``priority`` (fresh draws): (pack id, question id) -> a rank, lower first,
    missing = 0 (e.g. 0 for unseen questions, then the id of the round a question
    was last seen in). The seeded shuffle only breaks ties, and no question is
    taken before one of a lower rank, even to keep two of the same fact apart
    (but a giveaway still waits for the very end: fairness comes first).
    """
    if count < 1:
        raise InvalidValue("count", count, "at least 1")
    # Filters ignore case: "--category Cast" is the category "cast".
    cats = {c.casefold() for c in filters.categories}
    diffs = {d.casefold() for d in filters.difficulties}
    types = {t.casefold() for t in filters.types}
    pool = [
        (pack, q)
        for pack in packs
        for q in pack.questions
        if (not cats or q.category.casefold() in cats)
        and (not diffs or q.difficulty in diffs)
        and (not types or q.type in types)
    ]
    if not pool:
        raise UsageError(_empty_pool_message(packs, filters))
    rng = Rng(seed)
    rng.shuffle(pool)
    rank: Mapping[tuple[str, str], int] = priority or {}
    picked = pick(pool, count, (lambda e: rank.get((e[0].id, e[1].id), 0)) if rank else None)
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
        folded = {k.casefold() for k in known}
        for value in values:
            if value.casefold() not in folded:
                close = difflib.get_close_matches(value, known, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                return (
                    f"{name} {value}: no such {attr} in the chosen packs; "
                    f"{hint}(known: {', '.join(known)})"
                )
    return f"no question matches all the filters together ({filters.describe()})"
