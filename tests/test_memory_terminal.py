"""Review and fresh rounds on a terminal (a real pty, pexpect): the same events as scripted."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import MINI
from .test_interactive import Session, env, go_on, home, spawn  # noqa: F401 - fixtures

pexpect = pytest.importorskip("pexpect")


def test_review_on_a_terminal(
    spawn: Callable[..., Session],  # noqa: F811
    env: dict[str, str],  # noqa: F811
) -> None:
    import subprocess

    from .test_interactive import PROGRAM, ROOT

    # A round with premiere-tf wrong and lead-text skipped: both due for review at once.
    subprocess.run(
        [str(PROGRAM), "play", "--pack", str(MINI), "--seed", "7", "--player", "ann"],
        input="9\nfalse\nA\n\n",
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    s = spawn("review", "--pack", str(MINI), "--player", "ann")
    s.expect("Draw")
    s.expect("review (questions due for review)")
    s.expect("Which actor plays Segev?")  # due together: then by question id
    s.expect("Your answer:")
    s.send("Riaz\r")
    s.expect("Correct!")
    go_on(s)
    s.expect("Season 1 premiered on Netflix.")
    s.expect("False")
    s.send("t")
    s.expect("Correct!")
    go_on(s, last=True)
    s.expect("2 of 2")
    s.expect("Replay this round with:")
    from .test_first_minutes import printed_program

    s.expect(f"{printed_program(env)} play --replay 2 --pack")
    s.expect("Play again?")
    s.send("y")
    s.expect("Nothing due; next review in")
    assert s.finish() == 0


def test_a_fresh_round_on_a_terminal_says_so(spawn: Callable[..., Session]) -> None:  # noqa: F811
    s = spawn("play", "--pack", str(MINI), "--player", "ann", "--type", "text")
    s.expect("Draw")
    s.expect("fresh (questions you have not seen first)")
    s.expect("Your answer:")
    s.send("\r")
    go_on(s, last=True)
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0
