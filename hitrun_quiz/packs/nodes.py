"""Reading composed YAML nodes: the checks every field of a pack goes through.

:class:`NodeChecker` walks the nodes of one file and collects every problem
with its line and column; ``schema.py`` says which fields a pack has.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from hitrun_quiz.errors import Problem
from hitrun_quiz.packs.model import Positions
from hitrun_quiz.packs.yamldoc import NULLS, STR_TAG, position

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z")
_LEADING_ZERO = re.compile(r"[-+]?0\d")
# C0 controls except tab and newline, DEL, C1 controls, bidi marks, embeddings,
# overrides and isolates, and the line and paragraph separators.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
#: The numbers a pack may hold: at most 15 significant digits (what a float
#: keeps exactly) and a magnitude of at most 1e15.
MAX_DIGITS = 15
MAX_MAGNITUDE = Decimal("1e15")
#: Entries in one list of answers ('accept', 'wrong', 'choices').
MAX_LIST = 10
# The only tags a pack may carry: the ones plain YAML data resolves to.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)


# --------------------------------------------------------------------------- validating


def slug_of(text: str) -> str:
    """An id made of ``text``: "Solar System" -> "solar-system"."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return "a single value"


class NodeChecker:
    """Walks the composed nodes of one file, collecting problems."""

    def __init__(self, path: str, positions: Positions | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # A side table of where things are, filled only for ``packs lint`` and
        # ``packs check`` (a normal load never asks for it).
        self.positions = positions
        # Keys the last mapping() suggested for a mistyped key: a check for
        # missing keys leaves them out, so "promt" gives one message, not two.
        self.suggested: set[str] = set()

    def mark(self, key: tuple[Any, ...], node: yaml.Node) -> None:
        """Remember where ``key`` (say ``("question", id, "prompt")``) was written."""
        if self.positions is not None:
            self.positions[key] = position(node)

    def report(self, node: yaml.Node, message: str) -> None:
        line, col = position(node)
        self.problems.append(Problem(self.path, line, col, message))

    # -- shapes

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...]
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, reporting duplicates and unknown keys."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping (key: value), not {_kind(node)}")
            return None
        out: dict[str, yaml.Node] = {}
        self.suggested = set()
        present = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, f"{what}: keys must be plain names")
                continue
            key = key_node.value
            if key == "<<":
                self.report(key_node, "YAML merge keys (<<) are not allowed in packs")
                continue
            if key in out:
                first = position(out[key])[0]
                self.report(
                    key_node, f"duplicate key '{key}' in {what} (first given on line {first})"
                )
                continue
            if key not in allowed:
                missing = [k for k in allowed if k not in present]
                close = difflib.get_close_matches(key, missing, n=1, cutoff=0.6)
                close = close or difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f": did you mean '{close[0]}'?" if close else ""
                self.report(key_node, f"unknown key '{key}' in {what}{hint}")
                self.suggested.update(close)
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
        if node.__class__ is yaml.ScalarNode and node.tag == STR_TAG:
            value = node.value
            stripped: str = value.strip()
            if (
                stripped
                and (node.style or value not in NULLS)
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
        if not scalar.style and value in NULLS:
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
            suggestion = slug_of(value)
            hint = f"; for example '{suggestion}'" if suggestion and suggestion != value else ""
            self.report(node, f"{what} '{value}' must use only {rule}{hint}")
            return None
        return value

    def text_list(
        self, node: yaml.Node, what: str, *, single: bool = True
    ) -> list[tuple[yaml.Node, str]]:
        """A list of texts; with ``single``, a single text is a list of one ("accept: Sun").

        Without it, a single text is refused: ``wrong: "June"`` is a slip for
        ``wrong: ["June", ...]``, not a choice question with two options.
        """
        if not single and isinstance(node, yaml.ScalarNode):
            self.report(
                node,
                f'{what} must be a list such as ["{node.value}", ...], not a single value',
            )
            return []
        out: list[tuple[yaml.Node, str]] = []
        items = [node] if isinstance(node, yaml.ScalarNode) else self.sequence(node, what)
        if len(items) > MAX_LIST:
            # Every entry is a string the answer matcher compares a guess with.
            self.report(node, f"{what} has {len(items)} entries; the limit is {MAX_LIST}")
            return out
        for item in items:
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
        try:
            exact = Decimal(raw)
        except ArithmeticError:  # an exponent beyond what Decimal holds
            self.report(node, f"{what} is too large; numbers must be within ±1e15")
            return None
        digits = "".join(str(d) for d in exact.as_tuple().digits).strip("0")
        if len(digits) > MAX_DIGITS:
            self.report(
                node,
                f"{what} has {len(digits)} significant digits; at most {MAX_DIGITS} are allowed",
            )
            return None
        if exact.adjusted() > MAX_DIGITS or abs(exact) > MAX_MAGNITUDE:
            self.report(node, f"{what} is too large; numbers must be within ±1e15")
            return None
        if re.fullmatch(r"[-+]?\d+", raw):
            return int(raw)
        return float(raw)

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        raw: str = scalar.value.strip().lower()
        if raw in ("true", "false"):
            return raw == "true"
        self.report(node, f"{what} must be true or false, not '{scalar.value}'")
        return None


@dataclass
class Required:
    checker: NodeChecker
    node: yaml.Node
    what: str

    def __call__(self, fields: dict[str, yaml.Node], *keys: str) -> bool:
        missing = [k for k in keys if k not in fields]
        for key in missing:
            if key not in self.checker.suggested:  # already named by "did you mean"
                self.checker.report(self.node, f"{self.what} is missing '{key}'")
        return not missing


def unique(c: NodeChecker, seen: dict[str, Any], node: yaml.Node, value: str, what: str) -> bool:
    if value in seen:
        c.report(node, f"duplicate {what} '{value}'")
        return False
    return True
