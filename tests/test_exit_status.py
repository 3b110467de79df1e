"""Every exit code of the table in README "Exit codes", through the real console script.

Like httpie's tests/test_exit_status.py: one test (or a few) per code, each
running the installed ``hitrun-quiz`` and checking the code and the one-line
message on stderr.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from hitrun_quiz.errors import ExitStatus

from .conftest import MINI, SCRIPT, Run

USAGE_HINT = "Try 'hitrun-quiz play --help'."


def test_0_done(script: Run) -> None:
    result = script("play", "--pack", str(MINI), "-n", "1", "--seed", "1", input="A\n")
    assert result.returncode == ExitStatus.OK == 0, result.stderr


def test_0_help_and_version(script: Run) -> None:
    assert script("--version").returncode == 0
    assert script("play", "--help").returncode == 0


def test_1_packs_lint_strict_with_warnings(script: Run, tmp_path: Path) -> None:
    pack = tmp_path / "lopsided.yaml"
    text = MINI.read_text(encoding="utf-8")
    pack.write_text(text, encoding="utf-8")
    plain = script("packs", "lint", str(pack))
    strict = script("packs", "lint", "--strict", str(pack))
    if "warning:" not in plain.stdout:
        pytest.fail(f"mini.yaml has no lint warning to test --strict with: {plain.stdout}")
    assert plain.returncode == 0, plain.stderr
    assert strict.returncode == ExitStatus.CHECK_FAILED == 1
    assert strict.stderr.startswith("hitrun-quiz: ")
    assert "(--strict)" in strict.stderr


def test_1_packs_check_failures(script: Run, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()  # no source document at all: every source fails
    result = script("packs", "check", "hit-and-run", "--sources", str(sources))
    assert result.returncode == ExitStatus.CHECK_FAILED
    assert "problem" in result.stderr


def test_1_packs_validate_finds_a_file_not_valid(script: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n", encoding="utf-8")
    result = script("packs", "validate", str(bad))
    assert result.returncode == ExitStatus.CHECK_FAILED
    assert f"{bad}:" in result.stderr
    assert "1 of 1 file not valid" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--count", "abc"), "Invalid value for '--count' / '-n': 'abc' is not a valid int."),
        (("--count", "0"), "Invalid value for '--count': 0 (must be at least 1)."),
        (("--seed", "-1"), "Invalid value for '--seed': -1 (must be a whole number from 0 to"),
        (("--time-limit", "nan"), "Invalid value for '--time-limit': nan (must be a number"),
        (("--frobnicate",), "No such option: --frobnicate"),
        (("--pack", "no-such-pack"), "no pack 'no-such-pack'"),
        (("--replay", "1", "--misses"), "--replay and --misses cannot be combined"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else "",
)
def test_2_usage_errors_all_read_alike(script: Run, args: tuple[str, ...], message: str) -> None:
    result = script("play", *args)
    assert result.returncode == ExitStatus.USAGE == 2
    first, hint = result.stderr.splitlines()
    assert first.startswith("hitrun-quiz: ")
    assert message in first
    assert hint == USAGE_HINT
    assert "╭" not in result.stderr  # no Rich panel
    assert result.stdout == ""


def test_2_an_unknown_command(script: Run) -> None:
    result = script("plya")
    assert result.returncode == ExitStatus.USAGE
    assert result.stderr.splitlines() == [
        "hitrun-quiz: No such command 'plya'. Did you mean 'play'?",
        "Try 'hitrun-quiz --help'.",
    ]


def test_2_a_confirmation_without_a_terminal(script: Run) -> None:
    result = script("scores", "reset")
    assert result.returncode == ExitStatus.USAGE
    assert "add --yes to confirm" in result.stderr
    assert result.stderr.splitlines()[-1] == "Try 'hitrun-quiz scores reset --help'."


def test_2_a_file_to_write_that_cannot_be_written(script: Run, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = script("packs", "new", str(tmp_path / "a-file" / "pack.yaml"))
    assert result.returncode == ExitStatus.USAGE, result.stderr
    assert result.stderr.startswith("hitrun-quiz: cannot ")


def test_3_a_pack_that_is_refused(script: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = script("play", "--pack", str(bad))
    assert result.returncode == ExitStatus.BAD_INPUT == 3
    assert result.stderr.startswith(f"{bad}:2:1: YAML: ")


def test_3_an_import_that_is_refused(script: Run, tmp_path: Path) -> None:
    bad = tmp_path / "questions.json"
    bad.write_text('{"response_code": 0, "results": [{"question": 1}]}', encoding="utf-8")
    result = script("packs", "import", str(bad), "--from", "opentdb")
    assert result.returncode == ExitStatus.BAD_INPUT, result.stderr
    assert f"{bad}" in result.stderr


def test_3_an_answers_file_that_cannot_be_read(script: Run, tmp_path: Path) -> None:
    missing = tmp_path / "answers.txt"
    result = script("play", "--pack", str(MINI), "--answers", str(missing))
    assert result.returncode == ExitStatus.BAD_INPUT
    assert (
        result.stderr
        == f"hitrun-quiz: cannot read --answers {missing}: no such file or directory\n"
    )


def test_4_a_corrupt_scores_file(script: Run, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "scores.db").write_bytes(b"this is not an SQLite database" * 100)
    result = script("scores")
    assert result.returncode == ExitStatus.STORE == 4
    assert result.stderr.startswith("hitrun-quiz: ")
    assert len(result.stderr.splitlines()) == 1


def test_4_a_scores_file_of_a_newer_version(script: Run, home: Path) -> None:
    played = script("play", "--pack", str(MINI), "-n", "1", "--seed", "1", input="A\n")
    assert played.returncode == 0, played.stderr  # creates the database
    conn = sqlite3.connect(home / "scores.db")
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    result = script("scores")
    assert result.returncode == ExitStatus.STORE, result.stderr


def test_4_an_unreachable_league(script: Run) -> None:
    # Port 9 on 127.0.0.1 (discard) refuses at once.
    result = script("scores", "--db", "postgresql://nobody@127.0.0.1:9/quiz?connect_timeout=2")
    assert result.returncode == ExitStatus.STORE, result.stderr
    assert "127.0.0.1:9" in result.stderr


def _wait_for(proc: subprocess.Popen[str], text: str, timeout: float = 30) -> str:
    """Read stdout until a line starts with ``text``."""
    assert proc.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while not any(line.startswith(text) for line in seen.splitlines()):
        if time.monotonic() > deadline:
            pytest.fail(f"no {text!r} within {timeout} s; got {seen!r}")
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"the program ended before {text!r}; got {seen!r}")
        seen += line
    return seen


@pytest.mark.parametrize(
    ("signum", "status"),
    [
        (signal.SIGINT, ExitStatus.INTERRUPTED),
        (signal.SIGTERM, 128 + signal.SIGTERM),
        (signal.SIGHUP, 128 + signal.SIGHUP),
        (signal.SIGQUIT, 128 + signal.SIGQUIT),
    ],
    ids=["SIGINT-130", "SIGTERM-143", "SIGHUP-129", "SIGQUIT-131"],
)
def test_130_and_128_plus_n(signum: int, status: int) -> None:
    proc = subprocess.Popen(
        [str(SCRIPT), "play", "--pack", str(MINI), "-n", "2", "--seed", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        _wait_for(proc, "Question 1/2")
        _wait_for(proc, "(")  # the hint, last line of a question: it now reads the answer
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == status
    assert "Traceback" not in err


def test_141_when_the_reader_of_stdout_went_away() -> None:
    # Our end of the pipe is closed before the program writes (it takes far longer
    # to start than this takes): its first write fails with EPIPE.
    proc = subprocess.Popen(
        [str(SCRIPT), "packs", "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGPIPE == 141
    assert err == b""
