"""The pack model: sources, facts and questions, all immutable.

Sources, facts and questions are NamedTuples (plain records, compared and
hashed by value) and the pack a frozen dataclass.  The validator in
``schema.py`` works on YAML nodes (so every error has a line and column) and
builds these directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

QuestionType = Literal["choice", "truefalse", "text", "number"]
Difficulty = Literal["easy", "medium", "hard"]
Origin = Literal["builtin", "user", "file", "link", "plugin"]

QUESTION_TYPES: tuple[QuestionType, ...] = ("choice", "truefalse", "text", "number")
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")

Answer = str | bool | int | float

# Where the parts of a pack were written, as (line, column), 1-based: filled by
# the validator on request (``schema.parse_pack(..., positions={})``) for
# ``packs lint`` and ``packs check``.  Keys: ``("pack", key)``,
# ``("source", id)``, ``("fact", id)``, ``("fact", id, "quote", i)``,
# ``("question", id)``, ``("question", id, key)`` and
# ``("question", id, key, i)`` for the i-th entry of a list (``choices``,
# ``wrong``, ``accept``, ``related``).
Positions = dict[tuple[Any, ...], tuple[int, int]]


class Source(NamedTuple):
    """A document that facts are taken from."""

    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None
    document: str | None = None  # the file that ``packs check --sources DIR`` reads


class Quote(NamedTuple):
    """A short verbatim quote from one source."""

    source: str  # a Source id
    text: str


class Fact(NamedTuple):
    """One statement, backed by one or more short verbatim quotes.

    ``source`` and ``quote`` are the first quote; ``extra_quotes`` holds the
    others (a fact written with ``quotes:`` in the pack).  :attr:`quotes`
    gives them all, the first included.
    """

    id: str
    statement: str
    source: str  # a Source id: the first quote's
    quote: str
    extra_quotes: tuple[Quote, ...] = ()

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every quote of the fact, the first one first."""
        return (Quote(self.source, self.quote), *self.extra_quotes)


class Question(NamedTuple):
    """One question.

    ``answer`` is a str for choice and text questions, a bool for truefalse and
    an int or float for number.  ``choices`` (choice questions only) holds every
    option including the answer, in the pack's order.  ``wrong`` holds the
    distractors: for choice questions the wrong options, for text questions
    known wrong answers that typo-tolerant matching must never accept.
    """

    id: str
    type: QuestionType
    category: str
    difficulty: Difficulty
    prompt: str
    answer: Answer
    fact: str | None = None  # a Fact id
    choices: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    tolerance: float = 0.0
    explanation: str | None = None
    # Ids of questions of the same pack never drawn into one round with this
    # one; the validator makes the relation symmetric.
    related: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded, validated question pack (immutable)."""

    id: str
    title: str
    description: str = ""
    author: str = ""
    version: str = ""
    license: str | None = None
    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    questions: tuple[Question, ...] = ()
    origin: Origin = "file"
    path: str = ""
    # Look-ups by id, made once from ``facts`` and ``sources``.
    _facts_by_id: dict[str, Fact] = field(init=False, repr=False, compare=False)
    _sources_by_id: dict[str, Source] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_facts_by_id", {f.id: f for f in self.facts})
        object.__setattr__(self, "_sources_by_id", {s.id: s for s in self.sources})

    def __repr__(self) -> str:
        return f"Pack(id={self.id!r}, title={self.title!r}, questions={len(self.questions)})"

    def fact(self, fact_id: str | None) -> Fact | None:
        """The fact with this id, or None."""
        return self._facts_by_id.get(fact_id) if fact_id else None

    def source(self, source_id: str | None) -> Source | None:
        """The source with this id, or None."""
        return self._sources_by_id.get(source_id) if source_id else None

    def quotes_of(self, question: Question) -> tuple[tuple[Quote, Source | None], ...]:
        """Every quote behind a question's fact, each with its source."""
        fact = self.fact(question.fact)
        if fact is None:
            return ()
        return tuple((q, self.source(q.source)) for q in fact.quotes)

    def source_of(self, question: Question) -> Source | None:
        """The source behind a question's fact, or None."""
        fact = self.fact(question.fact)
        return self.source(fact.source) if fact else None

    @property
    def categories(self) -> list[str]:
        """Categories in order of first appearance."""
        return list(dict.fromkeys(q.category for q in self.questions))
