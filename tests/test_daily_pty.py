"""`hitrun-quiz daily` on a terminal: the real program in a pseudo-terminal, with pexpect.

The date comes from the testing hook HITRUN_QUIZ_TODAY; expectations are on
text, never on timing.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith(("linux", "darwin")), reason="needs a POSIX pseudo-terminal"
)

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini.yaml"
PROGRAM = Path(sys.executable).parent / "hitrun-quiz"
DAY = "2026-05-09"
ESCAPES = r"(?:\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r|\n)*"
CTRL_C = "\x03"


class Session:
    def __init__(self, child: pexpect.spawn, log: io.StringIO) -> None:
        self.child = child
        self.log = log

    def expect(self, text: str) -> None:
        self.child.expect(re.compile(ESCAPES.join(re.escape(ch) for ch in text)))

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, f"killed by signal {self.child.signalstatus}"
        return self.child.exitstatus

    @property
    def plain(self) -> str:
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "", self.log.getvalue())


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": str(tmp_path / "no-clipboard-tools"),  # so the copy falls back to OSC 52
        "HOME": str(tmp_path),
        "HITRUN_QUIZ_HOME": str(tmp_path / "home"),
        "HITRUN_QUIZ_TODAY": DAY,
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": "30",
        "LANG": "C.UTF-8",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


@pytest.fixture
def spawn(env: dict[str, str]) -> Iterator[Callable[..., Session]]:
    children: list[pexpect.spawn] = []

    def start(*args: str) -> Session:
        log = io.StringIO()
        child = pexpect.spawn(
            str(PROGRAM),
            ["daily", "--pack", str(MINI), "--player", "Ziva", *args],
            env=env,
            dimensions=(30, 80),
            encoding="utf-8",
            timeout=10,
            cwd=str(ROOT),
        )
        child.logfile_read = log
        children.append(child)
        return Session(child, log)

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def board(env: dict[str, str]) -> list[dict[str, object]]:
    done = subprocess.run(
        [str(PROGRAM), "scores", "--daily", "--date", DAY, "--json"],
        env={**os.environ, **env, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def answer_all(s: Session, total: int = 4) -> None:
    """Enter at every question: the first option, or an empty (skipped) answer."""
    for n in range(1, total + 1):
        s.expect(f"Question {n}/{total}")
        s.expect("Your answer")
        s.send("\r")
        s.expect(
            "Press Enter for the results" if n == total else "Press Enter for the next question"
        )
        s.send("\r")


def test_an_official_round_then_the_streak_the_share_line_and_the_copy(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    s = spawn()
    s.expect("Daily")
    s.expect(f"#1738 · {DAY} · Ziva")
    s.expect("official attempt")
    answer_all(s)
    s.expect("Round over")
    s.expect("official, #1 on the day's board")
    s.expect("Day streak")
    s.expect("hitrun-quiz daily #1738 mini · ")
    s.expect("streak 1")
    s.expect("Copy the share line to the clipboard?")
    s.send("y")
    s.expect("sent to the terminal's clipboard (OSC 52")
    assert s.finish() == 0
    output = s.log.getvalue()
    assert "Traceback" not in output
    (payload,) = re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07", output)
    copied = base64.b64decode(payload).decode("utf-8")
    assert re.fullmatch(
        r"hitrun-quiz daily #1738 mini · \d/4 · \d+ pts · streak 1\n[🟩🟥⬜]{4}", copied
    )
    assert copied.splitlines()[1] in s.plain  # the line shown is the line copied
    rows = board(env)
    assert [(r["player"], r["mode"]) for r in rows] == [("Ziva", "daily")]


def test_a_second_round_the_same_day_is_announced_as_practice(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    first = spawn("--copy")  # --copy: no question at the end
    answer_all(first)
    first.expect("Round over")
    assert first.finish() == 0
    s = spawn()
    s.expect("PRACTICE, never ranked: today's official attempt")
    answer_all(s)  # the announcement came before the first question
    assert "PRACTICE" in s.plain.split("Question 1/4")[0]
    s.expect("Round over")
    s.expect("practice (today's official attempt")
    s.expect("hitrun-quiz daily #1738 mini (practice)")
    s.expect("Copy the share line to the clipboard?")
    s.send("n")
    assert s.finish() == 0
    assert len(board(env)) == 1


def test_ctrl_c_abandons_the_round_and_keeps_the_day(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    s = spawn()
    s.expect("official attempt")
    s.expect("Question 1/4")
    s.expect("Your answer")
    s.send("\r")
    s.expect("Press Enter for the next question")
    s.send("\r")
    s.expect("Question 2/4")
    s.expect("Your answer")
    s.send(CTRL_C)
    s.expect("Round abandoned (nothing recorded: today's official attempt is still yours)")
    assert s.finish() == 130
    assert "Traceback" not in s.log.getvalue()
    assert board(env) == []
    again = spawn("--copy")
    again.expect("official attempt")
    answer_all(again)
    again.expect("official, #1 on the day's board")
    assert again.finish() == 0
    assert len(board(env)) == 1
