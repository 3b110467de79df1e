"""What an importer builds: a pack draft, each question remembering its row.

Importers turn a foreign file into a :class:`PackDraft` (plain values);
``validate.py`` writes it as YAML and validates it; :func:`check_collisions`
finds options that only the answer normalisation tells apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hitrun_quiz.errors import Problem
from hitrun_quiz.normalise import answer_key


@dataclass
class DraftQuestion:
    """One question as an importer read it; ``where`` names its row in the foreign file."""

    where: str
    type: str
    category: str
    difficulty: str
    prompt: str
    answer: Any
    wrong: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    choices: list[str] | None = None  # choice questions that keep their own order
    tolerance: float | None = None
    explanation: str | None = None
    id: str | None = None
    fact: str | None = None
    related: list[str] = field(default_factory=list)


@dataclass
class PackDraft:
    """A pack before validation: metadata, optional sources and facts, questions."""

    id: str
    title: str
    description: str = ""
    author: str = ""
    version: str = ""
    license: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    questions: list[DraftQuestion] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # the header, one line each


def row_problem(path: str, where: str, message: str) -> Problem:
    """A problem shown as ``FILE:ROW: message`` (``where`` is the row or a JSON path)."""
    return Problem(f"{path}:{where}", 0, 0, message)


_KEYS: dict[str, str] = {}


def _key(option: str) -> str:
    """``normalise.answer_key``, remembered: imports repeat options ("1990", "France")."""
    key = _KEYS.get(option)
    if key is None:
        key = _KEYS[option] = answer_key(option)
    return key


def duplicate_id(path: str, q: DraftQuestion, seen: dict[str, str]) -> Problem | None:
    """A question id given before (``seen``: id -> row), reported at this row naming the first."""
    if q.id is None:
        return None
    key = q.id.strip()
    first = seen.setdefault(key, q.where)
    if first == q.where:
        return None
    at = f"on line {first}" if first.isdigit() else f"at {first}"
    return row_problem(path, q.where, f"duplicate question id '{q.id}' (first used {at})")


def check_collisions(path: str, q: DraftQuestion) -> list[Problem]:
    """Options a player could not tell apart once normalised, reported at their row.

    The answer matcher compares normalised text (``normalise.answer_key``), so
    two options of a choice question, or a wrong answer of a text question
    that equals an accepted one, would be judged alike.  An ``accept`` alias
    the matcher cannot tell from the answer or from another alias is dropped:
    it changes nothing.
    """
    problems: list[Problem] = []
    if q.type == "choice":
        options = q.choices if q.choices is not None else [str(q.answer), *q.wrong]
        seen: dict[str, str] = {}
        for option in options:
            key = _key(option)
            if key in seen:
                problems.append(
                    row_problem(
                        path,
                        q.where,
                        f"the options '{seen[key]}' and '{option}' are the same answer "
                        "once normalised (case, accents, punctuation and a leading "
                        "article do not count)",
                    )
                )
            else:
                seen[key] = option
    elif q.type == "text":
        # Aliases the matcher cannot tell from the answer or from each other (the
        # validator refuses them as duplicates) change nothing: they are dropped.
        folded = {_key(str(q.answer))}
        kept = []
        for alias in q.accept:
            fold = _key(alias)
            if fold not in folded:
                folded.add(fold)
                kept.append(alias)
        q.accept = kept
        right = {_key(str(q.answer)), *(_key(a) for a in kept)}
        for w in q.wrong:
            if _key(w) in right:
                problems.append(
                    row_problem(path, q.where, f"'{w}' is given as wrong but is an accepted answer")
                )
    return problems
