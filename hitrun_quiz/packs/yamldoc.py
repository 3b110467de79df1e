"""The YAML front door: compose a pack's text into nodes, safely.

Composes with libyaml (when present) without YAML 1.1's implicit typing, and
refuses anchors and aliases before anything is composed, so an alias bomb is
never expanded.  Every problem is a :class:`~hitrun_quiz.errors.Problem` with
its line and column.  The validator (``schema.py``) walks the nodes.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hitrun_quiz.errors import PackError, Problem

try:  # libyaml is about ten times faster when present
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

STR_TAG, SEQ_TAG, MAP_TAG = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
NULLS = frozenset(("~", "null", "Null", "NULL"))


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Composes without YAML 1.1's implicit typing.

    Every untagged scalar stays a string: the validator reads each field's
    literal text and decides itself what is a number, a boolean or empty, so
    ``yes`` or ``010`` can never be silently retyped.  It also skips PyYAML's
    per-scalar regex resolution, a third of the time a large pack takes.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


# Where an anchor (&a) or alias (*a) could stand: at the start of a line or
# after "- ", "? ", ": ", "[", "{" or ",".  It may over-match (inside a quoted
# string), which only costs an exact event scan.  Missing one would not be a
# danger: the validator walks a fixed depth, so an alias is never expanded.
_MAYBE_ANCHOR = re.compile(
    r"(?:^[ \t]*(?:[-?][ \t]+)*|:[ \t]+|[\[{,][ \t]*)[&*][^\s,\[\]{}]", re.MULTILINE
)


# PyYAML's words for a syntax error, and what a pack author should read instead.
_PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    (
        "found character '\\t' that cannot start any token",
        "a tab here: tabs can't indent YAML: use spaces",
    ),
    (
        "mapping values are not allowed",
        "a ':' YAML did not expect: check this line's indentation against the lines above,"
        " or put the text in quotes if it holds ': '",
    ),
    (
        "could not find expected ':'",
        "expected 'key: value': check the indentation, or add the missing ':'",
    ),
    (
        "did not find expected key",
        "this line's indentation does not match the lines above: line up the keys of one"
        " question (or list item) with spaces",
    ),
    (
        "did not find expected '-' indicator",
        "this line's indentation does not match the list above: start each item with '- '"
        " at the same column",
    ),
    (
        "found unexpected end of stream",
        "the file ends inside a quoted text: add the closing quote",
    ),
    (
        "expected ',' or ']'",
        "a '[ ... ]' list is not closed: add ']' (or a ',' between items)",
    ),
    (
        "expected ',' or '}'",
        "a '{ ... }' mapping is not closed: add '}' (or a ',' between items)",
    ),
    (
        "expected <block end>",
        "this line's indentation does not match the lines above: line up items of the same"
        " list or mapping with spaces",
    ),
    (
        "found unknown escape character",
        "an unknown backslash escape inside double quotes: write \\\\ for a backslash, or"
        " use single quotes",
    ),
)


def plain_words(message: str) -> str:
    """A PyYAML message in words a pack author can act on."""
    for jargon, words in _PLAIN_WORDS:
        if jargon in message:
            return words
    return message


def problem_at(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    """Turn a PyYAML error into a Problem at the right place."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, col = mark.line + 1, mark.column + 1
    else:  # ReaderError has a character position only
        pos = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    message = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark is not mark:
        message += f" ({context} that started on line {context_mark.line + 1})"
    elif context:
        message = f"{context}: {message}"
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the control character U+{char:04X} is not allowed"
    else:
        raw = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
        words = plain_words(raw)
        if words != raw:
            message = words
    return Problem(path, line, col, f"YAML: {message}")


_TAB_INDENT = re.compile(r"^[ ]*\t[ \t]*(?=\S)", re.MULTILINE)


def compose_recovering(path: str, text: str) -> tuple[yaml.Node, list[Problem]]:
    """Compose like :func:`compose`, recovering from tabs used for indentation.

    Each line indented with a tab is reported ("tabs can't indent YAML"); the
    tabs are then read as spaces (two, else four) so that every other problem
    in the file is still found in the same pass.
    """
    tabbed = list(_TAB_INDENT.finditer(text))
    if not tabbed:
        return compose(path, text), []
    problems = []
    for m in tabbed:
        line = text.count("\n", 0, m.start()) + 1
        col = m.group(0).index("\t") + 1
        problems.append(Problem(path, line, col, "YAML: tabs can't indent YAML: use spaces"))
    last: PackError | None = None
    for width in (2, 4):
        fixed = _TAB_INDENT.sub(lambda m, w=width: m.group(0).replace("\t", " " * w), text)
        try:
            return compose(path, fixed), problems
        except PackError as exc:
            last = exc
    assert last is not None
    seen = {(q.line, q.message) for q in problems}
    raise PackError(problems + [p for p in last.problems if (p.line, p.message) not in seen])


def compose(path: str, text: str) -> yaml.Node:
    """Compose the YAML text, refusing anchors and aliases."""
    try:
        if _MAYBE_ANCHOR.search(text):  # a cheap pre-check; the event scan is exact
            found = [
                Problem(
                    path,
                    ev.start_mark.line + 1,
                    ev.start_mark.column + 1,
                    "YAML aliases are not allowed in packs"
                    if isinstance(ev, yaml.AliasEvent)
                    else f"YAML anchors are not allowed in packs (&{ev.anchor})",
                )
                for ev in yaml.parse(text, Loader=_Loader)
                if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None)
            ]
            if found:
                raise PackError(found)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise PackError([problem_at(path, text, exc)]) from None
    if node is None:
        raise PackError([Problem(path, 0, 0, "file is empty")])
    return node
