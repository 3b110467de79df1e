"""The YAML front door: compose a pack's text into nodes, safely.

libyaml (when present) parses the text into a stream of events; this module
builds the nodes from that stream itself, with an explicit stack, and checks
every event on the way, so that before anything deep is built:

* nesting deeper than :data:`MAX_DEPTH` collections is refused at the
  collection that goes too deep (PyYAML's own composer recurses once per level,
  and 30,000 nested brackets crash it);
* every anchor (``&a``), alias (``*a``), tag (``!!set``, ``!x``) and ``%TAG``
  directive is refused wherever it stands, block or flow style, on scalars,
  collections and documents, so an alias bomb is never expanded;
* a file holds exactly one document.

Each node keeps where it starts as ``start_mark``, a plain ``(line, column)``
tuple (0-based; read it with :func:`position`) rather than PyYAML's ``Mark``
object, and no end: a tuple of two ints is left alone by the cycle collector.
The items of a pack's ``questions`` list can be streamed to the validator as
they are read (see :func:`compose`), so a big pack never lives as nodes all at
once.  One pass over the events, so time and memory grow linearly with the
file's size, and scanning stops after :data:`MAX_PROBLEMS` problems.  Every
scalar stays text (no YAML 1.1 implicit typing): the validator reads each field's
literal text and decides itself what is a number, a boolean or empty, so
``yes`` or ``010`` can never be silently retyped.  Every problem is a
:class:`~hitrun_quiz.errors.Problem` with its line and column; the validator
(``schema.py``) walks the nodes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.safetext import safe

try:  # libyaml is about ten times faster when present
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

STR_TAG, SEQ_TAG, MAP_TAG = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
NULLS = frozenset(("~", "null", "Null", "NULL"))
#: Collections nested deeper than this are refused (a pack needs 4).
MAX_DEPTH = 64
#: Scanning stops after this many anchors, aliases, tags or too-deep collections.
MAX_PROBLEMS = 20


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type,unused-ignore]
    """Parses without YAML 1.1's implicit typing (every scalar stays a string)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


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
    if "maximum nesting depth" in message:  # libyaml's own limit, met while looking ahead
        message = f"nesting deeper than {MAX_DEPTH} levels is not allowed in packs"
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the control character U+{char:04X} is not allowed"
    else:
        raw = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
        words = plain_words(raw)
        if words != raw:
            message = words
    return Problem(path, line, col, f"YAML: {safe(message)}")


def position(node: yaml.Node) -> tuple[int, int]:
    """Where a node built here starts: its 1-based line and column."""
    at: Any = node.start_mark
    line, column = at
    return line + 1, column + 1


def _refusal(ev: Any) -> str | None:
    """Why this event cannot be in a pack, or None."""
    if ev.__class__ is yaml.AliasEvent:
        return "YAML aliases are not allowed in packs"
    anchor = getattr(ev, "anchor", None)
    if anchor is not None:
        return f"YAML anchors are not allowed in packs (&{safe(anchor)})"
    tag = getattr(ev, "tag", None)
    if tag is not None:
        return f"YAML tags such as {safe(tag)} are not allowed in packs"
    if ev.__class__ is yaml.DocumentStartEvent and ev.tags:
        return "YAML %TAG directives are not allowed in packs"
    return None


#: Takes each item of a streamed sequence as soon as it is composed (see :func:`compose`).
Sink = Callable[[yaml.Node], None]


def _compose(
    path: str, events: Any, stream: str | None = None, sink: Sink | None = None
) -> yaml.Node | None:
    """Build the nodes of one document from parser events, checking each event.

    The items of the root mapping's sequence under the key ``stream`` go to
    ``sink`` one by one as they are complete, and are not kept in the tree.
    """
    problems: list[Problem] = []
    target: Any = None  # the streamed sequence, once it has started

    def refuse(ev: Any, message: str) -> None:
        mark = ev.start_mark
        problems.append(Problem(path, mark.line + 1, mark.column + 1, message))
        if len(problems) >= MAX_PROBLEMS:
            raise _Stop

    ScalarEvent, ScalarNode = yaml.ScalarEvent, yaml.ScalarNode
    SeqStart, MapStart = yaml.SequenceStartEvent, yaml.MappingStartEvent
    SeqEnd, MapEnd = yaml.SequenceEndEvent, yaml.MappingEndEvent
    SeqNode, MapNode = yaml.SequenceNode, yaml.MappingNode
    # The open collections, and the children of each: a sequence's own value
    # list, or a mapping's keys and values in turn (paired when it closes).
    nodes: list[Any] = []
    children: list[list[Any]] = []
    kids: list[Any] | None = None  # the children of the innermost open collection
    root: yaml.Node | None = None
    documents = 0
    try:
        for ev in events:
            cls = ev.__class__
            if cls is ScalarEvent:
                if ev.anchor is not None or ev.tag is not None:
                    refuse(ev, _refusal(ev) or "")
                    continue
                m = ev.start_mark
                at: Any = (m.line, m.column)
                node: Any = ScalarNode(STR_TAG, ev.value, at, None, ev.style)
                if kids is None:
                    root = node
                elif nodes[-1] is target:
                    sink(node)  # type: ignore[misc]
                else:
                    kids.append(node)
            elif cls is SeqStart or cls is MapStart:
                if len(nodes) >= MAX_DEPTH:
                    refuse(ev, f"nesting deeper than {MAX_DEPTH} levels is not allowed in packs")
                    raise _Stop
                if ev.anchor is not None or ev.tag is not None:
                    refuse(ev, _refusal(ev) or "")
                mine: list[Any] = []
                m = ev.start_mark
                at = (m.line, m.column)
                if cls is SeqStart:
                    node = SeqNode(SEQ_TAG, mine, at, None, flow_style=ev.flow_style)
                else:
                    node = MapNode(MAP_TAG, [], at, None, flow_style=ev.flow_style)
                if (
                    sink is not None
                    and target is None
                    and cls is SeqStart
                    and len(nodes) == 1
                    and nodes[0].__class__ is MapNode
                    and kids is not None
                    and len(kids) % 2 == 1  # a value: its key is the last child
                    and kids[-1].__class__ is ScalarNode
                    and kids[-1].value == stream
                ):
                    target = node
                if kids is not None and nodes[-1] is not target:
                    kids.append(node)  # an item of the streamed sequence goes to the sink
                nodes.append(node)
                children.append(mine)
                kids = mine
            elif cls is SeqEnd or cls is MapEnd:
                node = nodes.pop()
                flat = children.pop()
                if cls is MapEnd:
                    node.value = list(zip(flat[::2], flat[1::2], strict=False))
                if children:
                    kids = children[-1]
                    if nodes[-1] is target:
                        sink(node)  # type: ignore[misc]
                else:
                    kids = None
                    root = node
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = ev.start_mark
                    message = "a pack file holds one YAML document; found a second one"
                    problems.append(Problem(path, mark.line + 1, mark.column + 1, message))
                    raise _Stop
                reason = _refusal(ev)
                if reason:
                    refuse(ev, reason)
            elif cls is yaml.AliasEvent:
                refuse(ev, _refusal(ev) or "")
            # stream start and end, document end: nothing to build
    except _Stop:
        pass
    if problems:
        raise PackError(problems)
    return root


class _Stop(Exception):
    """Enough problems: stop reading the file."""


def compose(path: str, text: str, stream: str | None = None, sink: Sink | None = None) -> yaml.Node:
    """Compose the YAML text into nodes, refusing deep nesting, anchors, aliases and tags.

    With ``stream`` and ``sink``, each item of the sequence under the root
    mapping's key ``stream`` is handed to ``sink`` as soon as it is read, and
    that sequence is left empty: a pack's questions are validated one by one,
    so at no time does the whole file live as nodes (memory stays small, and
    the cycle collector has little to scan).
    """
    try:
        node = _compose(path, yaml.parse(text, Loader=_Loader), stream, sink)
    except yaml.YAMLError as exc:
        raise PackError([problem_at(path, text, exc)]) from None
    if node is None:
        raise PackError([Problem(path, 0, 0, "file is empty")])
    return node


_TAB_INDENT = re.compile(r"^[ ]*\t[ \t]*(?=\S)", re.MULTILINE)


def _tabs_as(spaces: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(0).replace("\t", spaces)


def compose_recovering(
    path: str,
    text: str,
    stream: str | None = None,
    new_sink: Callable[[], Sink] | None = None,
) -> tuple[yaml.Node, list[Problem]]:
    """Compose like :func:`compose`, recovering from tabs used for indentation.

    Each line indented with a tab is reported ("tabs can't indent YAML"); the
    tabs are then read as spaces (two, else four) so that every other problem
    in the file is still found in the same pass.  ``new_sink`` makes a fresh
    sink for each attempt (see :func:`compose`).
    """

    def attempt(text: str) -> yaml.Node:
        return compose(path, text, stream, new_sink() if new_sink else None)

    tabbed = list(_TAB_INDENT.finditer(text))
    if not tabbed:
        return attempt(text), []
    problems = []
    for m in tabbed:
        line = text.count("\n", 0, m.start()) + 1
        col = m.group(0).index("\t") + 1
        problems.append(Problem(path, line, col, "YAML: tabs can't indent YAML: use spaces"))
    last: PackError | None = None
    for width in (2, 4):
        fixed = _TAB_INDENT.sub(_tabs_as(" " * width), text)
        try:
            return attempt(fixed), problems
        except PackError as exc:
            last = exc
    assert last is not None
    seen = {(q.line, q.message) for q in problems}
    raise PackError(problems + [p for p in last.problems if (p.line, p.message) not in seen])
