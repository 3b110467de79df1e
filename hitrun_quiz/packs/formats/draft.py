"""What an importer builds: a pack draft, checked the same way as any pack.

Importers turn a foreign file into a :class:`PackDraft` (plain values, each
question remembering the row it came from), :func:`check_draft` writes it as
a commented YAML pack (``writer.py``) and runs that text through the one pack
validator, so an imported pack can never pass a check a written pack fails.
A validator problem is reported at the row of the foreign file it came from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.normalise import answer_key
from hitrun_quiz.packs.model import Pack


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


def check_collisions(path: str, q: DraftQuestion) -> list[Problem]:
    """Options a player could not tell apart once normalised, reported at their row.

    The answer matcher compares normalised text (``normalise.answer_key``), so
    two options of a choice question, or a wrong answer of a text question
    that equals an accepted one, would be judged alike.  An ``accept`` alias
    equal to the answer or to another alias (ignoring case and spacing) is
    dropped: it changes nothing.
    """
    problems: list[Problem] = []
    if q.type == "choice":
        options = q.choices if q.choices is not None else [str(q.answer), *q.wrong]
        seen: dict[str, str] = {}
        for option in options:
            key = answer_key(option)
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
        # Aliases the validator would refuse as duplicates (equal ignoring case and
        # spacing) are dropped; aliases that only normalise alike are kept as given.
        folded = {" ".join(str(q.answer).casefold().split())}
        kept = []
        for alias in q.accept:
            fold = " ".join(alias.casefold().split())
            if fold not in folded:
                folded.add(fold)
                kept.append(alias)
        q.accept = kept
        right = {answer_key(str(q.answer)), *(answer_key(a) for a in kept)}
        for w in q.wrong:
            if answer_key(w) in right:
                problems.append(
                    row_problem(path, q.where, f"'{w}' is given as wrong but is an accepted answer")
                )
    return problems


def check_draft(
    draft: PackDraft, path: str, problems: list[Problem] | None = None
) -> tuple[Pack, str]:
    """Validate a draft as YAML; returns the pack and its text, or raises every problem.

    ``problems`` are those the importer found already: they are reported
    together with the validator's, all at once.
    """
    from hitrun_quiz.packs.formats.writer import write_pack
    from hitrun_quiz.packs.schema import parse_pack

    found = list(problems or [])
    kept = []
    for q in draft.questions:
        collisions = check_collisions(path, q)
        found.extend(collisions)
        if not collisions:  # else the validator would report the same options again
            kept.append(q)
    draft.questions = kept
    text, starts = write_pack(draft)
    try:
        pack = parse_pack(text, path=path)
    except PackError as exc:
        found.extend(_at_rows(path, draft, starts, exc.problems))
        raise PackError(found) from None
    if found:
        raise PackError(found)
    return pack, text


def _at_rows(
    path: str, draft: PackDraft, starts: list[int], problems: list[Problem]
) -> list[Problem]:
    """Validator problems (lines of the generated YAML) moved to the foreign file's rows."""
    out = []
    for p in problems:
        i = bisect.bisect_right(starts, p.line) - 1
        if p.line > 0 and 0 <= i < len(draft.questions):
            out.append(row_problem(path, draft.questions[i].where, p.message))
        else:
            out.append(Problem(path, 0, 0, p.message))
    return out
