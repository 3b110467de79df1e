"""Validate a pack draft: write it as YAML and run that through the one pack validator.

An imported pack can therefore never pass a check a written pack fails; a
validator problem (a line of the generated YAML) is moved to the row of the
foreign file its question came from, and no message names a line of the
generated YAML.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.packs.formats.draft import PackDraft, check_collisions, duplicate_id, row_problem
from hitrun_quiz.packs.formats.writer import write_pack
from hitrun_quiz.packs.model import Pack
from hitrun_quiz.packs.schema import parse_pack


@dataclass
class Imported:
    """A validated import: the pack, its YAML text, and what was skipped or changed on the way."""

    pack: Pack
    text: str
    warnings: list[Problem] = field(default_factory=list)


def check_draft(
    draft: PackDraft,
    path: str,
    problems: list[Problem] | None = None,
    warnings: list[Problem] | None = None,
) -> Imported:
    """Validate a draft as YAML; the import, or a PackError with every problem.

    ``problems`` are those the importer found already: they are reported
    together with the validator's, all at once.  ``warnings`` (questions
    skipped, duplicates resolved) travel with the result.
    """
    found = list(problems or [])
    kept = []
    ids: dict[str, str] = {}
    for q in draft.questions:
        duplicate = duplicate_id(path, q, ids)
        if duplicate is not None:  # the validator would name a line of the YAML
            found.append(duplicate)
            continue
        collisions = check_collisions(path, q)
        found.extend(collisions)
        if not collisions:  # else the validator would report the same options again
            kept.append(q)
    draft.questions = kept
    if not kept:  # nothing left to validate: the reasons are all in ``found``
        raise PackError(sorted(found, key=_row) or [Problem(path, 0, 0, "no questions")])
    text, starts = write_pack(draft)
    try:
        pack = parse_pack(text, path=path)
    except PackError as exc:
        found.extend(_at_rows(path, draft, starts, exc.problems))
        raise PackError(sorted(found, key=_row)) from None
    if found:
        raise PackError(sorted(found, key=_row))
    return Imported(pack, text, sorted(warnings or [], key=_row))


def _row(problem: Problem) -> int:
    """Where a problem is in the foreign file, to report them in file order."""
    at = re.search(r":(?:results\[)?(\d+)\]?\Z", problem.path)
    return int(at.group(1)) if at else -1


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
