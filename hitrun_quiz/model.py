"""The pack model: sources, facts and questions, all immutable.

Plain frozen dataclasses rather than pydantic models: the validator in
``packs.py`` works on YAML nodes (so every error has a line and column) and
builds these directly, and keeping pydantic out of the import graph keeps a
round fast to start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuestionType = Literal["choice", "truefalse", "text", "number"]
Difficulty = Literal["easy", "medium", "hard"]
Origin = Literal["builtin", "user", "file"]

QUESTION_TYPES: tuple[QuestionType, ...] = ("choice", "truefalse", "text", "number")
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")

Answer = str | bool | int | float


@dataclass(frozen=True, slots=True)
class Source:
    """A document that facts are taken from."""

    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement, backed by a short verbatim quote from a source."""

    id: str
    statement: str
    source: str  # a Source id
    quote: str


@dataclass(frozen=True, slots=True)
class Question:
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


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded, validated question pack."""

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
    _facts_by_id: dict[str, Fact] = field(default_factory=dict, repr=False, compare=False)
    _sources_by_id: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._facts_by_id.update((f.id, f) for f in self.facts)
        self._sources_by_id.update((s.id, s) for s in self.sources)

    def fact(self, fact_id: str | None) -> Fact | None:
        """The fact with this id, or None."""
        return self._facts_by_id.get(fact_id) if fact_id else None

    def source(self, source_id: str | None) -> Source | None:
        """The source with this id, or None."""
        return self._sources_by_id.get(source_id) if source_id else None

    def source_of(self, question: Question) -> Source | None:
        """The source behind a question's fact, or None."""
        fact = self.fact(question.fact)
        return self.source(fact.source) if fact else None

    @property
    def categories(self) -> list[str]:
        """Categories in order of first appearance."""
        return list(dict.fromkeys(q.category for q in self.questions))
