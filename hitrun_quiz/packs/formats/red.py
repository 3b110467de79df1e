"""Red-DiscordBot trivia lists: YAML mapping each question to its accepted answers.

Besides the questions, a list may have ``AUTHOR``, ``DESCRIPTION``, ``CONFIG``
(game settings for Red) and ``$schema``.  Red loads lists with PyYAML's safe
loader, that is YAML 1.1, and turns a boolean answer into all the words YAML
reads as it: ``true`` (or ``yes``, ``on``) accepts "True", "Yes" and "On";
numbers become their text.  We read them the same way.  PyYAML keeps the last
of two equal keys silently; we report a duplicate question instead.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.packs.formats.check import check_draft
from hitrun_quiz.packs.formats.common import file_problem, read_text, slug
from hitrun_quiz.packs.formats.draft import DraftQuestion, PackDraft, row_problem
from hitrun_quiz.packs.model import Pack
from hitrun_quiz.packs.yamldoc import problem_at

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

META_KEYS = ("AUTHOR", "DESCRIPTION", "CONFIG", "$schema")
RED_BOOLS = {True: ("True", "Yes", "On"), False: ("False", "No", "Off")}


def _value(node: yaml.Node) -> Any:
    """A scalar's value under YAML 1.1, as Red's loader would construct it."""
    return yaml.SafeLoader("").construct_object(node, deep=True)


def answers_of(node: yaml.Node) -> tuple[list[str], str | None]:
    """A question's answers as Red reads them, or a reason they cannot be used."""
    if not isinstance(node, yaml.SequenceNode):
        return [], "the answers must be a list"
    out: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            return [], "every answer must be a single value"
        value = _value(item)
        if isinstance(value, bool):
            out.extend(RED_BOOLS[value])
        elif value is None:
            return [], "an answer is empty"
        elif isinstance(value, datetime.date):
            return [], f"the answer {item.value} is read as a date; quote it"
        else:
            out.append(str(value))
    out = [a.strip() for a in dict.fromkeys(out) if a.strip()]
    if not out:
        return [], "the question has no answer"
    return out, None


def import_red(path: Path, *, pack_id: str | None = None) -> tuple[Pack, str]:
    """Read a Red trivia list; the validated pack and its YAML text, or every problem."""
    name = str(path)
    text = read_text(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise PackError([problem_at(name, text, exc)]) from None
    if not isinstance(root, yaml.MappingNode):
        raise file_problem(path, "a trivia list must be a mapping of questions to answers")
    meta: dict[str, Any] = {}
    problems: list[Problem] = []
    questions: list[DraftQuestion] = []
    seen: dict[str, int] = {}
    category = path.stem
    for key, value in root.value:
        line = key.start_mark.line + 1
        where = str(line)
        if isinstance(key, yaml.ScalarNode) and key.value in META_KEYS and not key.style:
            meta[key.value] = _value(value)
            continue
        prompt = _value(key) if isinstance(key, yaml.ScalarNode) else None
        if not isinstance(prompt, str):
            problems.append(
                row_problem(name, where, f"the question {key.value!r} is not text; quote it")
            )
            continue
        folded = " ".join(prompt.casefold().split())
        if folded in seen:
            problems.append(
                row_problem(
                    name, where, f"duplicate question (first on line {seen[folded]}): {prompt}"
                )
            )
            continue
        seen[folded] = line
        answers, why = answers_of(value)
        if why:
            problems.append(row_problem(name, where, f"{why}: {prompt}"))
            continue
        questions.append(
            DraftQuestion(
                where=where,
                id=f"line-{where}",
                type="text",
                category=category,
                difficulty="medium",
                prompt=prompt.strip(),
                answer=answers[0],
                accept=answers[1:],
            )
        )
    if not questions and not problems:
        raise file_problem(path, "the trivia list has no questions")

    comments = [f"Imported by hitrun-quiz from {path.name} (a Red-DiscordBot trivia list)."]
    config = meta.get("CONFIG")
    if config is not None:
        comments.append("Red's CONFIG for this list, kept for reference (hitrun-quiz ignores it):")
        dumped = yaml.safe_dump({"CONFIG": config}, sort_keys=False, allow_unicode=True)
        comments += ["  " + line for line in dumped.splitlines()]
    comments.append("Check it with: hitrun-quiz packs validate FILE")
    author, description = meta.get("AUTHOR"), meta.get("DESCRIPTION")
    draft = PackDraft(
        id=pack_id or slug(path.stem, "red-trivia"),
        title=path.stem,
        description=str(description).strip()
        if description
        else f"The Red trivia list {path.name}.",
        author=str(author).strip() if author else "",
        questions=questions,
        comments=comments,
    )
    return check_draft(draft, name, problems)
