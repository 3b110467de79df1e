"""Statistics against a history computed by hand; 8 processes playing and reviewing at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hitrun_quiz.app.rounds import setup_round
from hitrun_quiz.app.session import Recorder

from .conftest import MINI, Run
from .test_memory import DAY, MINI_ANSWERS, T0, Clock, play, query

# --------------------------------------------------------------------------- stats


def test_stats_match_a_small_history_computed_by_hand(home: Path, cli: Run) -> None:
    from datetime import datetime, timezone

    from hitrun_quiz.app.stats import compute

    clock = Clock()
    recorder = Recorder(home / "scores.db", clock=clock)
    setup = setup_round([str(MINI)], count=4)
    # Round 1: episodes right, premiere wrong, lead-choice right, lead-text skipped.
    play(setup.new_round(7), recorder, MINI_ANSWERS)
    clock.t += 8 * DAY
    play(setup.new_round(7), recorder, "9\ntrue\nA\nRiaz\n")  # round 2: all right, 820 points
    clock.t += 60
    play(setup.new_round(7), recorder, "9\nfalse\n")  # round 3: unfinished, 1 of 2 right
    clock.t += 60
    s = compute(recorder, "ANN", str(MINI))

    def row(name: str, correct: int, asked: int) -> dict[str, Any]:
        return {
            "name": name,
            "questions": asked,
            "correct": correct,
            "accuracy": round(correct / asked, 4),
        }

    assert (s["player"], s["pack"], s["rounds"]) == ("ANN", "mini", 3)
    assert (s["questions"], s["correct"], s["accuracy"]) == (10, 7, 0.7)
    assert s["by_category"] == [row("cast", 3, 4), row("release", 4, 6)]
    assert s["by_difficulty"] == [row("easy", 3, 5), row("medium", 3, 3), row("hard", 1, 2)]
    assert s["by_type"] == [
        row("choice", 2, 2),
        row("truefalse", 1, 3),
        row("text", 1, 2),
        row("number", 3, 3),
    ]
    assert s["longest_streak"] == 4
    assert [(b["round_id"], b["score"], b["count"], b["timed"]) for b in s["best_rounds"]] == [
        (2, 820, 4, False)
    ]
    assert [(m["id"], m["missed"], m["asked"], m["answer"]) for m in s["most_missed"]] == [
        ("premiere-tf", 2, 3, "True"),
        ("lead-text", 1, 2, "Lior Raz"),
    ]
    assert s["coverage"] == [
        {"pack": "mini", "title": "Mini pack", "seen": 4, "total": 4, "mastered": 2}
    ]
    # Mastered: right at once, then right again 8 days later (FSRS stability over 21 days).
    stability = dict(query(home, "SELECT question_id, stability FROM cards"))
    assert {q for q, days in stability.items() if days >= 21} == {"episodes-number", "lead-choice"}
    assert s["reviews"]["due"] == 1  # premiere-tf, missed in round 3
    weeks = {w["week"]: (w["correct"], w["questions"]) for w in s["weekly"] if w["questions"]}

    def week(t: float) -> str:
        year, number, _ = datetime.fromtimestamp(t, timezone.utc).isocalendar()
        return f"{year}-W{number:02d}"

    assert weeks == {week(T0): (2, 4), week(T0 + 8 * DAY): (5, 6)}
    assert len(s["weekly"]) == 12 and s["weekly"][-1]["week"] == week(clock.t)

    plain = cli("stats", "--player", "ann", "--pack", str(MINI))
    assert plain.returncode == 0, plain.stderr
    out = plain.stdout
    assert "Questions answered: 10 (7 right, 70%)" in out
    assert "  cast     " + "#" * 15 + "." * 5 + "   75%  (3/4)" in out
    assert "1. Season 1 premiered on Netflix. (answer: True; missed 2 of 3)" in out
    assert "Reviews due: " in out and "\x1b" not in out
    assert (
        json.loads(cli("stats", "--json", "--player", "ann", "--pack", str(MINI)).stdout)[
            "most_missed"
        ]
        == s["most_missed"]
    )


def test_stats_of_a_player_with_nothing_recorded(cli: Run) -> None:
    result = cli("stats", "--json", "--player", "nobody")
    s = json.loads(result.stdout)
    assert (s["rounds"], s["questions"], s["accuracy"], s["coverage"]) == (0, 0, None, [])


# --------------------------------------------------------------------------- concurrency

WORKER = """\
import io, os, sys, time
from hitrun_quiz.cli import main
go, pack = sys.argv[1], sys.argv[2]
while not os.path.exists(go):
    time.sleep(0.005)
for i in range(8):
    for args, answers in (
        (["play", "--pack", pack, "-n", "4", "--seed", str(i)], "9\\nfalse\\nA\\nRiaz\\n"),
        (["review", "--pack", pack], "true\\nRiaz\\nB\\n9\\n"),
    ):
        sys.argv = ["hitrun-quiz", *args, "--json", "--player", "crowd"]
        sys.stdin = io.StringIO(answers)
        sys.stdout = io.StringIO()
        try:
            main()
        except SystemExit as e:
            if e.code:
                raise
"""


def test_eight_processes_playing_and_reviewing_at_once_lose_nothing(
    home: Path, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

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
    go.touch()
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        assert err == ""
    (played,) = query(home, "SELECT COUNT(*) FROM rounds WHERE draw = 'seeded'")[0]
    assert played == 64
    results, right = query(home, "SELECT COUNT(*), SUM(correct) FROM results")[0]
    cards = query(home, "SELECT SUM(asked), SUM(correct), COUNT(*) FROM cards")[0]
    assert cards == (results, right, 4)  # every answer counted on its card, none lost
    assert query(home, "SELECT COUNT(*) FROM review_logs") == [(results,)]
    reviewed = query(home, "SELECT COUNT(*) FROM rounds WHERE draw = 'review'")[0][0]
    assert reviewed > 0
