"""Issue 20, the first five minutes of a new player, in a real pty at 80x24 and 40x24.

Each test drives the installed ``hitrun-quiz`` with pexpect, at both sizes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .test_interactive import Session, env, go_on, home, spawn  # noqa: F401 - fixtures

pexpect = pytest.importorskip("pexpect")

SIZES = [pytest.param((24, 80), id="80x24"), pytest.param((24, 40), id="40x24")]

PROMPTS = [f"Capital number {n}?" for n in range(1, 9)]


def eight_questions(path: Path) -> Path:
    """A pack of eight text questions (one fact each), so a round of 3 leaves 5 unseen."""
    facts, questions = [], []
    for n in range(1, 9):
        facts.append(
            f'  - id: f{n}\n    statement: "Fact {n}."\n    source: notes\n'
            f'    quote: "The answer to number {n} is word{n}."\n'
        )
        questions.append(
            f"  - id: q{n}\n    fact: f{n}\n    category: plot\n    difficulty: easy\n"
            f'    type: text\n    prompt: "{PROMPTS[n - 1]}"\n    answer: "word{n}"\n'
        )
    path.write_text(
        'id: eight\ntitle: "Eight"\ndescription: "Eight questions."\nauthor: "tests"\n'
        'version: "1"\nsources:\n  - id: notes\n    title: "Notes"\n'
        '    publisher: "Tests"\n    date: "2021-08-10"\nfacts:\n'
        + "".join(facts)
        + "questions:\n"
        + "".join(questions),
        encoding="utf-8",
    )
    return path


def asked_in(s: Session, count: int, last_name: str | None) -> list[str]:
    """Skip ``count`` text questions; return their prompts in order."""
    seen: list[str] = []
    pattern = re.compile("|".join(re.escape(p) for p in PROMPTS))
    for number in range(1, count + 1):
        s.child.expect(pattern)
        seen.append(s.child.after)
        s.expect("Your answer:")
        s.send("\r")
        go_on(s, last=number == count)
    if last_name is not None:
        s.expect("Your name")
        s.send(last_name + "\r")
    return seen


# --------------------------------------------------------------------------- 1. play again


@pytest.mark.parametrize("size", SIZES)
def test_play_again_after_a_new_players_first_round_repeats_nothing(
    spawn: Callable[..., Session],  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    pack = eight_questions(tmp_path / "eight.yaml")
    s = spawn("play", "--pack", str(pack), "--count", "3", dimensions=size)
    first = asked_in(s, 3, "newcomer")
    s.expect("Play again?")
    s.send("y")
    second = asked_in(s, 3, "")  # Enter keeps the name: the one the round was drawn for
    assert not set(first) & set(second), (first, second)
    s.expect("Play again?")
    s.send("y")
    third = asked_in(s, 3, "")  # 2 unseen left: both come first
    assert set(PROMPTS) - set(first) - set(second) <= set(third)
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0
    assert "newcomer" in s.plain
