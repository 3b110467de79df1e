"""Golden files: whole outputs of the installed program, byte for byte.

They pin what a user sees (help of every command, the JSON views of packs, a
seeded round in both scripted formats), so a refactoring that moves code
cannot change behaviour unnoticed.  After a deliberate change, re-record with
``HITRUN_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import MINI, ROOT, Run

GOLDEN = Path(__file__).resolve().parent / "golden"
ANSWERS = "A\nB\ntrue\n9\nLior Raz\n\nA\nB\nC\nD\n"
COMMANDS = [
    (),
    ("play",),
    ("daily",),
    ("packs",),
    ("packs", "list"),
    ("packs", "show"),
    ("packs", "validate"),
    ("packs", "add"),
    ("packs", "remove"),
    ("packs", "new"),
    ("packs", "export"),
    ("packs", "lint"),
    ("packs", "check"),
    ("packs", "format"),
    ("packs", "import"),
    ("packs", "schema"),
    ("scores",),
    ("scores", "reset"),
    ("league",),
    ("league", "init"),
    ("league", "grant"),
    ("league", "sync"),
    ("scores", "forget"),
    ("review",),
    ("stats",),
    ("history",),
]

CASES: dict[str, tuple[tuple[str, ...], str]] = {
    **{"help-" + ("-".join(c) or "root"): ((*c, "--help"), "") for c in COMMANDS},
    "packs-list-json": (("packs", "list", "--json"), ""),
    "packs-show-json": (("packs", "show", "hit-and-run", "--json"), ""),
    "packs-export-json": (("packs", "export", "hit-and-run", "--json"), ""),
    "play-json": (("play", "--pack", str(MINI), "--seed", "42", "--json"), ANSWERS),
    "play-plain": (("play", "--pack", str(MINI), "--seed", "42"), ANSWERS),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_its_golden_file(name: str, script: Run) -> None:
    args, stdin = CASES[name]
    result = script(*args, input=stdin, COLUMNS="80", LINES="24", TERM="dumb")
    text = f"exit {result.returncode}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    text = text.replace(str(ROOT), "<ROOT>")
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("HITRUN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
