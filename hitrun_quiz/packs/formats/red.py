"""Red-DiscordBot trivia lists: YAML mapping each question to its accepted answers.

Besides the questions, a list may have ``AUTHOR``, ``DESCRIPTION``, ``CONFIG``
(game settings for Red) and ``$schema``.  The file comes in through the same
front door as a pack (``yamldoc.compose``: size and depth limits, no anchors,
aliases or tags), so no alias bomb can hang or bloat an import.  Red loads
lists with PyYAML's safe loader, that is YAML 1.1, and turns a boolean answer
into all the words YAML reads as it: ``true`` (or ``yes``, ``on``) accepts
"True", "Yes" and "On"; numbers become their text.  Each plain scalar is
typed here the same way.

Where Red plays a list anyway, the import goes on with a warning: a question
without answers is skipped (Red could never accept an answer to it), an empty
answer is dropped, and of two equal questions the last one is kept (PyYAML's
rule, so Red's too).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml

from hitrun_quiz.errors import Problem
from hitrun_quiz.packs.formats.common import file_problem, read_text, shown_name, slug
from hitrun_quiz.packs.formats.draft import DraftQuestion, PackDraft, row_problem
from hitrun_quiz.packs.formats.validate import Imported, check_draft
from hitrun_quiz.packs.yamldoc import compose, position

META_KEYS = ("AUTHOR", "DESCRIPTION", "CONFIG", "$schema")
RED_BOOLS = {True: ("True", "Yes", "On"), False: ("False", "No", "Off")}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _value(node: yaml.Node) -> Any:
    """A node's value under YAML 1.1, as Red's loader would construct it."""
    if isinstance(node, yaml.SequenceNode):
        return [_value(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(_value(k)): _value(v) for k, v in node.value}
    style = getattr(node, "style", None)
    plain = not style
    tag = _RESOLVER.resolve(yaml.ScalarNode, node.value, (plain, not plain))  # type: ignore[no-untyped-call]
    typed = yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, style)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, typed)
    except (ValueError, yaml.YAMLError):  # say, a timestamp with month 13: Red fails too
        return node.value


def answers_of(node: yaml.Node) -> tuple[list[str], str | None, list[str]]:
    """A question's answers as Red reads them, a reason they cannot be used, and warnings."""
    if not isinstance(node, yaml.SequenceNode):
        return [], "the answers must be a list", []
    out: list[str] = []
    notes: list[str] = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            return [], "every answer must be a single value", []
        value = _value(item)
        if isinstance(value, bool):
            out.extend(RED_BOOLS[value])
        elif value is None or not str(value).strip():
            notes.append(f"an empty answer on line {position(item)[0]} is left out")
        elif isinstance(value, datetime.date):
            return [], f"the answer {item.value} is read as a date; quote it", []
        else:
            out.append(str(value))
    return [a.strip() for a in dict.fromkeys(out) if a.strip()], None, notes


def import_red(path: Path, *, pack_id: str | None = None) -> Imported:
    """Read a Red trivia list; the validated pack, its YAML text and warnings, or every problem."""
    name = str(path)
    root = compose(name, read_text(path))
    if not isinstance(root, yaml.MappingNode):
        raise file_problem(path, "a trivia list must be a mapping of questions to answers")
    meta: dict[str, Any] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    by_prompt: dict[str, int] = {}  # prompt -> its index in ``questions``
    questions: list[DraftQuestion | None] = []
    category = shown_name(path, stem=True)
    for key, value in root.value:
        where = str(position(key)[0])
        if isinstance(key, yaml.ScalarNode) and key.value in META_KEYS and not key.style:
            meta[key.value] = _value(value)
            continue
        prompt = _value(key) if isinstance(key, yaml.ScalarNode) else None
        if not isinstance(prompt, str):
            problems.append(
                row_problem(name, where, f"the question {key.value!r} is not text; quote it")
            )
            continue
        answers, why, notes = answers_of(value)
        warnings += [row_problem(name, where, f"{note}: {prompt}") for note in notes]
        if why:
            problems.append(row_problem(name, where, f"{why}: {prompt}"))
            continue
        earlier = by_prompt.get(prompt)
        if earlier is not None:
            first = questions[earlier]
            line = first.where if first is not None else "?"
            warnings.append(
                row_problem(
                    name,
                    where,
                    f"the question on line {line} is given again on line {where}; "
                    f"keeping this one, as Red does: {prompt}",
                )
            )
            questions[earlier] = None
        if not answers:
            warnings.append(row_problem(name, where, f"skipped: no answer to: {prompt}"))
            continue
        by_prompt[prompt] = len(questions)
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
    kept = [q for q in questions if q is not None]
    if not kept and not problems:
        raise file_problem(path, "the trivia list has no questions")

    comments = [f"Imported by hitrun-quiz from {shown_name(path)} (a Red-DiscordBot trivia list)."]
    config = meta.get("CONFIG")
    if config is not None:
        comments.append("Red's CONFIG for this list, kept for reference (hitrun-quiz ignores it):")
        dumped = yaml.safe_dump({"CONFIG": config}, sort_keys=False, allow_unicode=True)
        comments += ["  " + line for line in dumped.splitlines()]
    comments.append("Check it with: hitrun-quiz packs validate FILE")
    author, description = meta.get("AUTHOR"), meta.get("DESCRIPTION")
    draft = PackDraft(
        id=pack_id or slug(path.stem, "red-trivia"),
        title=shown_name(path, stem=True),
        description=str(description).strip()
        if description
        else f"The Red trivia list {shown_name(path)}.",
        author=str(author).strip() if author else "",
        questions=kept,
        comments=comments,
    )
    return check_draft(draft, name, problems, warnings)
