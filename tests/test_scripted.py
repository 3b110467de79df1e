"""Scripted play over real pipes: streaming, JSON Lines, plain text, unfinished rounds."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hitrun_quiz.game.answers import LETTERS
from hitrun_quiz.packs.loader import load_pack

from .conftest import MINI, ROOT, SCRIPT, Run

BANK = ROOT / "questions" / "hit-and-run.yaml"


def right_answer(question_event: dict[str, object], answers: dict[str, object]) -> str:
    """What a well-informed program would answer to the question it just read."""
    answer = answers[str(question_event["id"])]
    if question_event["type"] == "choice":
        choices = question_event["choices"]
        assert isinstance(choices, list)
        return LETTERS[choices.index(answer)]
    if isinstance(answer, bool):
        return "true" if answer else "false"
    return str(answer)


def test_a_program_answers_question_by_question_through_pipes(home: Path) -> None:
    answers = {q.id: q.answer for q in load_pack(BANK).questions}
    proc = subprocess.Popen(
        [str(SCRIPT), "play", "--json", "--seed", "2024", "--count", "12", "--player", "bot"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        bufsize=1,
    )
    assert proc.stdin and proc.stdout
    events = []
    while True:
        line = proc.stdout.readline()  # blocks until the program has flushed it
        assert line, "the program closed stdout before the summary"
        event = json.loads(line)
        events.append(event)
        if event["event"] == "question":
            # The answer is chosen from the question just read, then sent.
            proc.stdin.write(right_answer(event, answers) + "\n")
            proc.stdin.flush()
        if event["event"] == "summary":
            break
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    assert proc.stderr and proc.stderr.read() == ""

    kinds = [e["event"] for e in events]
    assert kinds == ["start"] + ["question", "result"] * 12 + ["summary"]
    results = [e for e in events if e["event"] == "result"]
    assert all(r["correct"] for r in results), [r for r in results if not r["correct"]]
    assert [r["streak"] for r in results] == list(range(1, 13))
    summary = events[-1]
    assert summary["correct"] == summary["answered"] == summary["total"] == 12
    assert summary["score"] == results[-1]["score"] == sum(r["points"] for r in results)
    assert summary["seed"] == 2024 and summary["rank"] == 1


def test_json_events_follow_the_documented_schema(cli: Run) -> None:
    result = cli("play", "--json", "--pack", str(MINI), "--seed", "7", input="A\n9\ntrue\nRiaz\n")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    start, *middle, summary = events
    assert set(start) >= {"event", "seed", "count", "packs", "filters"}
    assert start["packs"] == ["mini"] and start["seed"] == 7 and start["count"] == 4
    for q in middle[::2]:
        assert q["event"] == "question"
        assert set(q) >= {"number", "total", "id", "type", "category", "difficulty", "prompt"}
        assert ("choices" in q) == (q["type"] == "choice")
    for r in middle[1::2]:
        assert r["event"] == "result"
        assert set(r) >= {"number", "id", "given", "correct", "answer", "points", "score", "streak"}
    assert set(summary) >= {"score", "correct", "answered", "total", "seed", "rank"}
    # A filter shortfall note goes to stderr, never into the JSON stream.
    assert "the chosen pack holds only 4 questions" in result.stderr


def test_same_seed_same_output(cli: Run) -> None:
    args = ("play", "--json", "--seed", "99", "--count", "10")
    first = cli(*args, input="a\n" * 10)
    second = cli(*args, input="a\n" * 10)
    assert first.returncode == second.returncode == 0
    strip = [json.loads(x) for x in first.stdout.splitlines()]
    again = [json.loads(x) for x in second.stdout.splitlines()]
    strip[-1].pop("rank"), again[-1].pop("rank")
    assert (strip[-1].pop("round_id"), again[-1].pop("round_id")) == (1, 2)
    assert strip == again


def test_plain_output_is_readable_and_has_no_escapes(cli: Run) -> None:
    result = cli("play", "--pack", str(MINI), "--seed", "7", input="9\n\nA\nlior raz\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert out.startswith("Mini pack: 4 questions, seed 7\n")
    assert (
        "Question 1/4 · release · medium\nHow many episodes are in season 1?\n(a number)\n" in out
    )
    assert "Correct! +200 points (score 200, streak 1)" in out
    assert "  A) Lior Raz\n  B) Igal Naor\n  C) Gal Toren\n  D) Kevin Mambo\n" in out
    assert "Skipped. The answer is: True" in out
    assert "Correct! +100 points (score 300, streak 1)" in out
    assert "Correct! +330 points (300 + 30 streak; score 630, streak 2)" in out
    assert 'Source: "The first season consists of 9 episodes." (Test Publisher, 2021-08-10)' in out
    assert "Seed: 7 (replay with --seed 7)" in out


def test_answers_from_a_file(cli: Run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("9\ntrue\nA\nRiaz\n")
    result = cli("play", "--pack", str(MINI), "--seed", "7", "--answers", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["correct"] == 4


def test_input_ending_early_records_an_unfinished_round(cli: Run, home: Path) -> None:
    result = cli("play", "--json", "--pack", str(MINI), "--seed", "7", input="9\n")
    assert result.returncode == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"] for e in events] == ["start", "question", "result", "question", "summary"]
    summary = events[-1]
    assert summary["answered"] == 1 and summary["total"] == 4
    assert summary["rank"] is None and summary["finished"] is False
    with sqlite3.connect(home / "scores.db") as db:
        assert db.execute("SELECT finished, answered FROM rounds").fetchall() == [(0, 1)]
    # Unfinished rounds are recorded but never enter the high-score table.
    assert json.loads(cli("scores", "--json").stdout) == []


def test_every_round_and_question_is_recorded(cli: Run, home: Path) -> None:
    cli("play", "--pack", str(MINI), "--seed", "7", "--player", " Ann ", input="9\nfalse\nA\n\n")
    with sqlite3.connect(home / "scores.db") as db:
        rounds = db.execute(
            "SELECT player, score, correct, answered, total, seed, mode, finished FROM rounds"
        ).fetchall()
        results = db.execute(
            "SELECT question_id, correct, answered FROM results ORDER BY position"
        ).fetchall()
    assert rounds == [("Ann", 200 + 100, 2, 3, 4, 7, "scripted", 1)]
    assert results == [
        ("episodes-number", 1, 1),
        ("premiere-tf", 0, 1),
        ("lead-choice", 1, 1),
        ("lead-text", 0, 0),
    ]


def test_no_color_and_no_escapes_even_when_forced(cli: Run) -> None:
    result = cli("play", "--pack", str(MINI), "--seed", "1", input="", NO_COLOR="1", TERM="xterm")
    assert result.returncode == 0 and "\x1b" not in result.stdout + result.stderr


def test_a_bad_pack_exits_3_before_reading_answers(cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: t\nquestions: []\n")
    result = cli("play", "--pack", str(bad), input="a\n")
    assert result.returncode == 3
    assert result.stdout == ""
    assert (
        result.stderr == f"{bad}:3:12: 'questions' is empty; a pack needs at least one question\n"
    )


def test_read_only_data_dir_still_plays_and_warns(cli: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    result = cli(
        "play", "--pack", str(MINI), "--seed", "1", input="9\n" * 4, HITRUN_QUIZ_HOME=str(blocker)
    )
    assert result.returncode == 0
    assert "Round over:" in result.stdout
    assert "scores not saved" in result.stderr
    assert blocker.read_text() == "a file where the data dir should be"


def test_corrupt_scores_file_is_refused_and_kept(cli: Run, home: Path) -> None:
    home.mkdir()
    db = home / "scores.db"
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    for args in (["play", "--pack", str(MINI)], ["scores"], ["scores", "reset", "--yes"]):
        result = cli(*args, input="9\n")
        assert result.returncode == 4, args
        assert str(db) in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_interrupted_scripted_round_exits_130(home: Path) -> None:
    import signal
    import time

    proc = subprocess.Popen(
        [str(SCRIPT), "play", "--json", "--pack", str(MINI)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout
    proc.stdout.readline()  # start
    proc.stdout.readline()  # first question: now waiting for an answer
    time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert not (home / "scores.db").exists()


WORKER = textwrap.dedent("""\
    import io, os, sys, time
    from hitrun_quiz.cli import main
    go, pack = sys.argv[1], sys.argv[2]
    while not os.path.exists(go):
        time.sleep(0.005)
    for i in range(25):
        sys.argv = ["hitrun-quiz", "play", "--pack", pack, "-n", "4", "--seed", str(i), "--json",
                    "--player", "p%s" % os.getpid()]
        sys.stdin = io.StringIO("9\\ntrue\\nA\\nRiaz\\n")
        sys.stdout = io.StringIO()
        try:
            main()
        except SystemExit as e:
            if e.code:
                raise
""")


def test_eight_processes_finishing_rounds_together_lose_nothing(
    cli: Run, home: Path, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(go), str(MINI)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for _ in range(8)
    ]
    go.touch()  # all eight start at once
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert err == ""
    with sqlite3.connect(home / "scores.db") as db:
        assert db.execute("SELECT count(*) FROM rounds").fetchone() == (200,)
        assert db.execute("SELECT count(*) FROM results").fetchone() == (800,)
        assert db.execute("SELECT count(DISTINCT player) FROM rounds").fetchone() == (8,)
    top = json.loads(cli("scores", "--json", "--board", "all", "--limit", "3").stdout)
    assert [r["rank"] for r in top] == [1, 2, 3]


@pytest.mark.parametrize("flag", ["--json", None])
def test_scores_json_and_plain(cli: Run, flag: str | None) -> None:
    for player, answers in (("ann", "9\ntrue\nA\nRiaz\n"), ("[blink]bob", "9\n\n\n\n")):
        cli("play", "--pack", str(MINI), "--seed", "7", "--player", player, input=answers)
    board = ["--board", "mini/4/untimed/scripted"]
    args = ["scores", flag, *board] if flag else ["scores", *board]
    result = cli(*args)
    assert result.returncode == 0
    if flag:
        rows = json.loads(result.stdout)
        assert [(r["rank"], r["player"]) for r in rows] == [(1, "ann"), (2, "[blink]bob")]
        assert rows[0]["packs"] == ["mini"] and rows[0]["mode"] == "scripted"
    else:
        lines = result.stdout.splitlines()
        assert lines[0] == "High scores: board mini · 4 questions · untimed · scripted"
        assert lines[1].split() == ["#", "Player", "Score", "Correct", "When"]
        assert lines[2].split()[:4] == ["1", "ann", "820", "4/4"]
        assert lines[3].split()[:2] == ["2", "[blink]bob"]


def test_scores_filters(cli: Run) -> None:
    cli("play", "--pack", str(MINI), "--seed", "7", "--player", "ann", input="9\n" * 4)
    cli("play", "--seed", "7", "--player", "bob", "-n", "2", input="x\nx\n")
    by_pack = json.loads(cli("scores", "--json", "--pack", "mini").stdout)
    assert [r["player"] for r in by_pack] == ["ann"]
    by_player = json.loads(cli("scores", "--json", "--player", "BOB").stdout)
    assert [r["player"] for r in by_player] == ["bob"]
    assert len(json.loads(cli("scores", "--json", "--board", "all", "--limit", "1").stdout)) == 1


def test_scores_reset_needs_yes_without_a_terminal(cli: Run, home: Path) -> None:
    cli("play", "--pack", str(MINI), "--seed", "7", input="9\n" * 4)
    refused = cli("scores", "reset")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert len(json.loads(cli("scores", "--json", "--board", "all").stdout)) == 1
    done = cli("scores", "reset", "--yes")
    assert done.returncode == 0 and "Deleted 1 round." in done.stdout
    assert json.loads(cli("scores", "--json", "--board", "all").stdout) == []


# --------------------------------------------------------------------------- one answers reader


@pytest.mark.parametrize(
    "command",
    [
        ["play", "--pack", str(MINI), "-n", "2", "--seed", "3"],
        ["daily", "--player", "bytes"],
    ],
    ids=["play", "daily"],
)
@pytest.mark.parametrize("source", ["stdin", "file"])
def test_answers_that_are_not_utf8_read_alike_everywhere(
    tmp_path: Path, command: list[str], source: str
) -> None:
    """play and daily read answers through one reader: bad bytes become U+FFFD, exit 0."""
    answers = b"\xff\xfex\n\xc3\n" + b"\n" * 8
    file = tmp_path / "answers.txt"
    file.write_bytes(answers)
    extra = ["--answers", str(file)] if source == "file" else []
    done = subprocess.run(
        [str(SCRIPT), *command, "--json", *extra],
        input=b"" if source == "file" else answers,
        capture_output=True,
        env={**os.environ, "HITRUN_QUIZ_TODAY": "2026-05-09"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    events = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    given = [e["given"] for e in events if e.get("event") == "result"]
    assert given[:2] == ["\ufffd\ufffdx", "\ufffd"]
