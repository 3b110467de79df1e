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


# --------------------------------------------------------------------------- 40 columns


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c) or "root")
def test_help_at_40_columns_matches_its_golden_file(command: tuple[str, ...], script: Run) -> None:
    """Narrow help: every option on its own line, no word, id or variable broken."""
    result = script(*command, "--help", COLUMNS="40", LINES="24", TERM="dumb")
    assert result.returncode == 0, result.stderr
    assert all(len(line) <= 40 for line in result.stdout.splitlines()), result.stdout
    path = GOLDEN / "help-40" / f"{'-'.join(command) or 'root'}.txt"
    if os.environ.get("HITRUN_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


STATS = GOLDEN / "stats-40.json"  # a `stats --json` (no next review: no clock in the file)


class _Terminal:
    """A text stream that says it is a terminal (the tables' terminal layout)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_tables_at_40_columns_match_their_golden_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """stats, history, a daily board and the high scores on a 40-column terminal."""
    import json
    import re
    import time

    from hitrun_quiz.store.records import ScoreRow
    from hitrun_quiz.ui.charts import print_stats
    from hitrun_quiz.ui.daily import print_board
    from hitrun_quiz.ui.tables import print_history, print_scores

    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("LINES", "24")
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    time.tzset()
    at = 1_796_400_000.0  # 2026-12-04 16:00 UTC
    rows = [
        ScoreRow(1, 3, "interactive-player", 1450, 8, 9, 10, ["hit-and-run"], "daily", at, 1),
        ScoreRow(2, 5, "ann", 900, 6, 10, 10, ["hit-and-run", "season-2-pack"], "daily", at, 2),
    ]
    rounds = [
        {
            "round_id": n,
            "player": "interactive-player",
            "finished_at": "2026-12-04T12:00:00Z",
            "draw": draw,
            "packs": ["hit-and-run"],
            "score": 100 * n,
            "correct": n % 10,
            "total": 10,
        }
        for n, draw in ((1, "fresh"), (2, "seeded"), (12, "review"))
    ]
    out = _Terminal()
    print_stats(json.loads(STATS.read_text(encoding="utf-8")), out=out)  # type: ignore[arg-type]
    print(file=out)  # type: ignore[arg-type]
    print_history(rounds, out=out)  # type: ignore[arg-type]
    print(file=out)  # type: ignore[arg-type]
    print_board(rows, "Daily #1947 · 2026-12-04", out=out)  # type: ignore[arg-type]
    print(file=out)  # type: ignore[arg-type]
    print_scores(rows, out=out, board=None)  # type: ignore[arg-type]
    print(file=out)  # type: ignore[arg-type]
    print_scores(
        [],
        out=out,
        empty="No finished rounds on the board hit-and-run · 10 questions · "
        "untimed · interactive yet (see every board: hitrun-quiz scores --board all).",
    )  # type: ignore[arg-type]
    monkeypatch.undo()
    time.tzset()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", "".join(out.parts))
    assert all(len(line) <= 40 for line in text.splitlines()), text
    path = GOLDEN / "tables-40.txt"
    if os.environ.get("HITRUN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
