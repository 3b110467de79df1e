"""Validate pack text on its composed YAML nodes.

Validation works on the nodes rather than on constructed Python objects, so
that:

* every problem carries the line and column it was found at;
* every problem in a file is reported in one pass;
* YAML 1.1 surprises cannot slip through: a text field keeps the scalar's
  literal text (``yes`` stays "yes", ``010`` stays "010"), and a number field
  refuses ``010`` (octal in YAML 1.1) and ``1:30`` (base 60);
* duplicate keys, which PyYAML silently overwrites, are caught;
* anchors and aliases are refused before anything is composed, so an alias
  bomb never gets expanded.

This is the only module that imports PyYAML; ``packs.py`` imports it only when
a pack has to be parsed (not when it comes from the cache).
"""

from __future__ import annotations

import difflib
import gc
import re
from dataclasses import dataclass
from typing import Any

import yaml

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.model import (
    DIFFICULTIES,
    QUESTION_TYPES,
    Fact,
    Origin,
    Pack,
    Question,
    Source,
)

try:  # libyaml is about ten times faster when present
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))
_NULLS = frozenset(("~", "null", "Null", "NULL"))


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Composes without YAML 1.1's implicit typing.

    Every untagged scalar stays a string: the validator reads each field's
    literal text and decides itself what is a number, a boolean or empty, so
    ``yes`` or ``010`` can never be silently retyped.  It also skips PyYAML's
    per-scalar regex resolution, a third of the time a large pack takes.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


MAX_QUESTIONS = 100_000
MAX_QUOTE = 300
# Where an anchor (&a) or alias (*a) could stand: at the start of a line or
# after "- ", "? ", ": ", "[", "{" or ",".  It may over-match (inside a quoted
# string), which only costs an exact event scan.  Missing one would not be a
# danger: the validator walks a fixed depth, so an alias is never expanded.
_MAYBE_ANCHOR = re.compile(
    r"(?:^[ \t]*(?:[-?][ \t]+)*|:[ \t]+|[\[{,][ \t]*)[&*][^\s,\[\]{}]", re.MULTILINE
)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z")
_LEADING_ZERO = re.compile(r"[-+]?0\d")
# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The only tags a pack may carry: the ones plain YAML data resolves to.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)


def _problem_at(path: str, text: str, exc: yaml.YAMLError) -> Problem:
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
    return Problem(path, line, col, f"YAML: {message}")


def _compose(path: str, text: str) -> yaml.Node:
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
        raise PackError([_problem_at(path, text, exc)]) from None
    if node is None:
        raise PackError([Problem(path, 0, 0, "file is empty")])
    return node


# --------------------------------------------------------------------------- validating


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


class _Checker:
    """Walks the composed nodes of one file, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))

    # -- shapes

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, reporting duplicates and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping (key: value), not {_kind(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, f"{what}: keys must be plain names")
                continue
            key = key_node.value
            if key == "<<":
                self.report(key_node, "YAML merge keys (<<) are not allowed in packs")
                continue
            if key in out:
                first = out[key].start_mark.line + 1
                self.report(
                    key_node, f"duplicate key '{key}' in {what} (first given on line {first})"
                )
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.report(key_node, f"unknown key '{key}' in {what}{hint}")
                continue
            out[key] = value_node
        return out

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, f"{what} must be a list, not {_kind(node)}")
            return []
        return list(node.value)

    def scalar(self, node: yaml.Node, what: str) -> yaml.ScalarNode | None:
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, f"{what} must be a single value, not {_kind(node)}")
            return None
        if node.tag not in _PLAIN_TAGS:
            self.report(node, f"{what}: YAML tags such as {node.tag} are not allowed")
            return None
        return node

    # -- values

    def text(self, node: yaml.Node, what: str, *, max_len: int | None = None) -> str | None:
        """A text value, kept literally whatever YAML 1.1 would have made of it."""
        # The fast path: a plain string scalar with nothing wrong in it.
        if node.__class__ is yaml.ScalarNode and node.tag == _STR:
            value = node.value
            stripped = value.strip()
            if (
                stripped
                and (node.style or value not in _NULLS)
                and (max_len is None or len(value) <= max_len)
                and not _CONTROL.search(value)
            ):
                return stripped
        return self._text_checked(node, what, max_len)

    def _text_checked(self, node: yaml.Node, what: str, max_len: int | None) -> str | None:
        """:meth:`text` for anything off the fast path: reports what is wrong."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        value: str = scalar.value
        if not scalar.style and value in _NULLS:
            value = ""  # a plain null is an empty value, not the text "null"
        if not value.strip():
            self.report(node, f"{what} must not be empty")
            return None
        bad = _CONTROL.search(value)
        if bad:
            self.report(
                node,
                f"{what} contains the control character U+{ord(bad.group()):04X}; "
                "control characters are not allowed",
            )
            return None
        if max_len is not None and len(value) > max_len:
            self.report(node, f"{what} is {len(value)} characters long; the limit is {max_len}")
            return None
        return value.strip()

    def ident(self, node: yaml.Node, what: str, *, slug: bool = False) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        pattern, rule = (
            (_SLUG, "lowercase letters, digits and single hyphens")
            if slug
            else (_ID, "letters, digits, '.', '_' and '-', starting with a letter or digit")
        )
        if not pattern.match(value):
            self.report(node, f"{what} '{value}' must use only {rule}")
            return None
        return value

    def text_list(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, str]]:
        out = []
        for item in self.sequence(node, what):
            value = self.text(item, f"an entry of {what}")
            if value is not None:
                out.append((item, value))
        return out

    def number(self, node: yaml.Node, what: str) -> int | float | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        raw = scalar.value.strip().replace("_", "") if not scalar.style else scalar.value.strip()
        if ":" in raw and not scalar.style:
            self.report(
                node,
                f"{what} '{raw}' would be read by YAML 1.1 as a base-60 number; "
                "write the number itself",
            )
            return None
        if _LEADING_ZERO.match(raw) and not re.match(r"[-+]?0\.", raw):
            self.report(
                node,
                f"{what} '{raw}' has a leading zero, which YAML 1.1 reads as octal; "
                "write it without the zero",
            )
            return None
        if not _NUMBER.match(raw):
            self.report(node, f"{what} must be a number, not '{scalar.value}'")
            return None
        if re.fullmatch(r"[-+]?\d+", raw):
            return int(raw)
        return float(raw)

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        raw = scalar.value.strip().lower()
        if raw in ("true", "false"):
            return raw == "true"
        self.report(node, f"{what} must be true or false, not '{scalar.value}'")
        return None


# --------------------------------------------------------------------------- schema

PACK_KEYS = (
    "id",
    "title",
    "description",
    "author",
    "version",
    "license",
    "sources",
    "facts",
    "questions",
)
SOURCE_KEYS = ("id", "title", "publisher", "date", "url")
FACT_KEYS = ("id", "statement", "source", "quote")
QUESTION_KEYS = (
    "id",
    "fact",
    "category",
    "difficulty",
    "type",
    "prompt",
    "answer",
    "explanation",
    "choices",
    "wrong",
    "accept",
    "tolerance",
)
# Keys that only some question types take.
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "choice": ("choices", "wrong"),
    "truefalse": (),
    "text": ("accept", "wrong"),
    "number": ("tolerance",),
}
MIN_CHOICES, MAX_CHOICES = 3, 5


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class _Required:
    checker: _Checker
    node: yaml.Node
    what: str

    def __call__(self, fields: dict[str, yaml.Node], *keys: str) -> bool:
        missing = [k for k in keys if k not in fields]
        for key in missing:
            self.checker.report(self.node, f"{self.what} is missing '{key}'")
        return not missing


def _validate(root: yaml.Node, path: str, origin: Origin, display: str) -> Pack:
    c = _Checker(display)
    top = c.mapping(root, "the pack", PACK_KEYS)
    if top is None:
        raise PackError(c.problems)
    builtin = origin == "builtin"
    need = ("id", "title", "questions") + (
        ("description", "author", "version", "sources", "facts") if builtin else ()
    )
    _Required(c, root, "the pack")(top, *need)

    def opt_text(key: str) -> str | None:
        return c.text(top[key], f"'{key}'") if key in top else None

    pack_id = c.ident(top["id"], "the pack id", slug=True) if "id" in top else None

    sources = _sources(c, top.get("sources"))
    facts = _facts(c, top.get("facts"), sources)
    questions = _questions(c, top.get("questions"), facts, require_fact=builtin)

    if c.problems:
        raise PackError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return Pack(
        id=pack_id or "",
        title=opt_text("title") or "",
        description=opt_text("description") or "",
        author=opt_text("author") or "",
        version=opt_text("version") or "",
        license=opt_text("license"),
        sources=tuple(sources.values()),
        facts=tuple(facts.values()),
        questions=tuple(questions),
        origin=origin,
        path=path,
    )


def _unique(c: _Checker, seen: dict[str, Any], node: yaml.Node, value: str, what: str) -> bool:
    if value in seen:
        c.report(node, f"duplicate {what} '{value}'")
        return False
    return True


def _sources(c: _Checker, node: yaml.Node | None) -> dict[str, Source]:
    out: dict[str, Source] = {}
    if node is None:
        return out
    for item in c.sequence(node, "'sources'"):
        f = c.mapping(item, "a source", SOURCE_KEYS)
        if f is None or not _Required(c, item, "a source")(f, "id", "title", "publisher", "date"):
            continue
        sid = c.ident(f["id"], "the source id")
        values = {k: c.text(f[k], f"the source's '{k}'") for k in ("title", "publisher", "date")}
        url = c.text(f["url"], "the source's 'url'") if "url" in f else None
        if sid is None or None in values.values() or not _unique(c, out, f["id"], sid, "source id"):
            continue
        out[sid] = Source(id=sid, url=url, **values)  # type: ignore[arg-type]
    return out


def _facts(c: _Checker, node: yaml.Node | None, sources: dict[str, Source]) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    if node is None:
        return out
    for item in c.sequence(node, "'facts'"):
        f = c.mapping(item, "a fact", FACT_KEYS)
        if f is None or not _Required(c, item, "a fact")(f, "id", "statement", "source", "quote"):
            continue
        fid = c.ident(f["id"], "the fact id")
        statement = c.text(f["statement"], "the fact's statement")
        quote = c.text(f["quote"], "the fact's quote", max_len=MAX_QUOTE)
        source = c.ident(f["source"], "the fact's source")
        if source is not None and source not in sources:
            c.report(f["source"], f"the fact's source '{source}' is not among the pack's sources")
            source = None
        if None in (fid, statement, quote, source):
            continue
        assert fid is not None and statement and quote and source
        if _unique(c, out, f["id"], fid, "fact id"):
            out[fid] = Fact(id=fid, statement=statement, source=source, quote=quote)
    return out


def _questions(
    c: _Checker, node: yaml.Node | None, facts: dict[str, Fact], *, require_fact: bool
) -> list[Question]:
    out: list[Question] = []
    if node is None:
        return out
    items = c.sequence(node, "'questions'")
    if isinstance(node, yaml.SequenceNode) and not items:
        c.report(node, "'questions' is empty; a pack needs at least one question")
    if len(items) > MAX_QUESTIONS:
        c.report(node, f"{len(items):,} questions; a pack may hold at most {MAX_QUESTIONS:,}")
        return out
    seen: dict[str, yaml.Node] = {}
    for item in items:
        q = _question(c, item, facts, require_fact=require_fact)
        id_node = _peek(item, "id")
        qid = id_node.value if isinstance(id_node, yaml.ScalarNode) else None
        if qid is not None and qid in seen:
            first = seen[qid].start_mark.line + 1
            c.report(id_node, f"duplicate question id '{qid}' (first used on line {first})")
            continue
        if qid is not None:
            seen[qid] = id_node
        if q is not None:
            out.append(q)
    return out


def _peek(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value of ``key`` in a mapping node, without checking anything."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _question(
    c: _Checker, item: yaml.Node, facts: dict[str, Fact], *, require_fact: bool
) -> Question | None:
    f = c.mapping(item, "a question", QUESTION_KEYS)
    if f is None:
        return None
    before = len(c.problems)
    required = ("id", "category", "difficulty", "type", "prompt", "answer")
    _Required(c, item, "a question")(f, *required, *(("fact",) if require_fact else ()))

    qid = c.ident(f["id"], "the question id") if "id" in f else None
    where = f"question '{qid}'" if qid else "the question"
    category = c.text(f["category"], f"the category of {where}") if "category" in f else None
    prompt = c.text(f["prompt"], f"the prompt of {where}") if "prompt" in f else None
    explanation = (
        c.text(f["explanation"], f"the explanation of {where}") if "explanation" in f else None
    )
    difficulty = _choose(c, f.get("difficulty"), DIFFICULTIES, f"the difficulty of {where}")
    qtype = _choose(c, f.get("type"), QUESTION_TYPES, f"the type of {where}")

    fact_id = c.ident(f["fact"], f"the fact of {where}") if "fact" in f else None
    if fact_id is not None and fact_id not in facts:
        c.report(f["fact"], f"{where} cites fact '{fact_id}', which the pack does not define")

    extra: dict[str, Any] = {}
    if qtype is not None:
        for key in ("choices", "wrong", "accept", "tolerance"):
            if key in f and key not in TYPE_KEYS[qtype]:
                takes = [t for t, keys in TYPE_KEYS.items() if key in keys]
                c.report(
                    f[key], f"'{key}' applies only to {' and '.join(takes)} questions, not {qtype}"
                )
        if "answer" in f:
            extra = _answer(c, qtype, f, where)

    if len(c.problems) > before or qid is None:
        return None
    assert category and prompt and difficulty and qtype and "answer" in extra
    return Question(
        id=qid,
        type=qtype,  # type: ignore[arg-type]
        category=category,
        difficulty=difficulty,  # type: ignore[arg-type]
        prompt=prompt,
        fact=fact_id,
        explanation=explanation,
        **extra,
    )


def _choose(c: _Checker, node: yaml.Node | None, options: tuple[str, ...], what: str) -> str | None:
    if node is None:
        return None
    value = c.text(node, what)
    if value is None:
        return None
    if value not in options:
        close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        c.report(node, f"{what} must be one of {', '.join(options)}, not '{value}'{hint}")
        return None
    return value


def _answer(c: _Checker, qtype: str, f: dict[str, yaml.Node], where: str) -> dict[str, Any]:
    """The answer and type-specific fields of one question."""
    node = f["answer"]
    what = f"the answer of {where}"
    if qtype == "truefalse":
        value = c.boolean(node, what)
        return {} if value is None else {"answer": value}
    if qtype == "number":
        number = c.number(node, what)
        tolerance: int | float = 0
        if "tolerance" in f:
            tol = c.number(f["tolerance"], f"the tolerance of {where}")
            if tol is not None and tol < 0:
                c.report(f["tolerance"], f"the tolerance of {where} must not be negative")
            tolerance = tol if tol is not None and tol >= 0 else 0
        return {} if number is None else {"answer": number, "tolerance": float(tolerance)}

    answer = c.text(node, what)
    wrong = c.text_list(f["wrong"], f"'wrong' of {where}") if "wrong" in f else []
    if qtype == "text":
        accept = c.text_list(f["accept"], f"'accept' of {where}") if "accept" in f else []
        if answer is None:
            return {}
        _no_duplicates(c, [(node, answer), *accept], "accepted answer", where)
        right = {_fold(answer), *(_fold(a) for _, a in accept)}
        for wnode, w in wrong:
            if _fold(w) in right:
                c.report(wnode, f"'{w}' is listed as wrong but is an accepted answer of {where}")
        return {
            "answer": answer,
            "accept": tuple(a for _, a in accept),
            "wrong": tuple(w for _, w in wrong),
        }

    # choice
    if "choices" in f and "wrong" in f:
        c.report(f["wrong"], f"{where}: give either 'choices' or 'wrong', not both")
        return {}
    if "choices" in f:
        given = c.text_list(f["choices"], f"'choices' of {where}")
        seq_node = f["choices"]
        options = given
    elif "wrong" in f:
        seq_node = f["wrong"]
        options = ([(node, answer)] if answer is not None else []) + wrong
    else:
        c.report(node, f"{where} is a choice question: add 'wrong' (2 to 4 distractors)")
        return {}
    if answer is None:
        return {}
    distinct = _no_duplicates(c, options, "choice", where)
    if distinct and "choices" in f and _fold(answer) not in {_fold(o) for _, o in options}:
        c.report(node, f"the answer '{answer}' of {where} is not among its choices")
    if "wrong" in f and _fold(answer) in {_fold(w) for _, w in wrong}:
        return {}  # reported as a duplicate choice above
    count = len(options)
    if isinstance(seq_node, yaml.SequenceNode) and not MIN_CHOICES <= count <= MAX_CHOICES:
        c.report(
            seq_node,
            f"{where} has {count} options in all; a choice question needs "
            f"{MIN_CHOICES} to {MAX_CHOICES} (the answer and 2 to 4 wrong ones)",
        )
    choices = tuple(answer if _fold(o) == _fold(answer) else o for _, o in options)
    return {
        "answer": answer,
        "choices": choices,
        "wrong": tuple(o for o in choices if o != answer),
    }


def _no_duplicates(c: _Checker, values: list[tuple[yaml.Node, str]], what: str, where: str) -> bool:
    seen: set[str] = set()
    ok = True
    for node, value in values:
        key = _fold(value)
        if key in seen:
            c.report(node, f"duplicate {what} '{value}' in {where}")
            ok = False
        seen.add(key)
    return ok


def parse_pack(text: str, *, path: str = "<string>", origin: Origin = "file") -> Pack:
    """Validate pack text; raises PackError listing every problem."""
    # A large pack makes hundreds of thousands of nodes, none of them cyclic:
    # the cycle collector would only rescan them over and over (2x the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(_compose(path, text), path, origin, path)
    finally:
        if enabled:
            gc.enable()
