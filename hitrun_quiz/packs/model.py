"""The pack model: sources, facts and questions, all immutable.

Sources, facts and questions are NamedTuples and the pack a small slotted
class, rather than pydantic models or dataclasses: the validator in
``schema.py`` works on YAML nodes (so every error has a line and column) and
builds these directly, and a cached pack is rebuilt from them without
importing ``dataclasses`` (which pulls in ``inspect``) or pydantic: a start
that only loads a pack stays within a few milliseconds.
"""

from __future__ import annotations

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


class Pack:
    """A loaded, validated question pack (immutable)."""

    __slots__ = (
        "_facts_by_id",
        "_sources_by_id",
        "author",
        "description",
        "facts",
        "id",
        "license",
        "origin",
        "path",
        "questions",
        "sources",
        "title",
        "version",
    )
    FIELDS = (
        "id",
        "title",
        "description",
        "author",
        "version",
        "license",
        "sources",
        "facts",
        "questions",
        "origin",
        "path",
    )

    id: str
    title: str
    description: str
    author: str
    version: str
    license: str | None
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    questions: tuple[Question, ...]
    origin: Origin
    path: str

    def __init__(
        self,
        id: str,
        title: str,
        description: str = "",
        author: str = "",
        version: str = "",
        license: str | None = None,
        sources: tuple[Source, ...] = (),
        facts: tuple[Fact, ...] = (),
        questions: tuple[Question, ...] = (),
        origin: Origin = "file",
        path: str = "",
    ) -> None:
        values = locals()
        for name in self.FIELDS:
            object.__setattr__(self, name, values[name])
        object.__setattr__(self, "_facts_by_id", {f.id: f for f in facts})
        object.__setattr__(self, "_sources_by_id", {s.id: s for s in sources})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Pack is immutable: cannot set {name!r}")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pack) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

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
