"""Modes and lifelines through the installed console script, scripted over pipes.

A program reads each JSON event and answers the question it just read (right or
wrong on purpose, or with a lifeline reply), as a player's script would.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hitrun_quiz.game.answers import LETTERS
from hitrun_quiz.game.modes import PRIZES
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.store.scores import ScoreStore

from .conftest import MINI, ROOT, SCRIPT, Run

BANK = ROOT / "questions" / "hit-and-run.yaml"
ANSWERS = {q.id: q for p in (BANK, MINI) for q in load_pack(p).questions}

Event = dict[str, Any]
#: What to reply to a question event: the reply text.
Player = Callable[[Event, list[Event]], str]


def answer(event: Event, right: bool = True) -> str:
    """The right (or a wrong) reply to the question ``event`` shows."""
    q = ANSWERS[event["id"]]
    if q.type == "choice":
        shown = [i for i in range(len(event["choices"])) if i not in event.get("hidden", [])]
        pick = next(i for i in shown if (event["choices"][i] == q.answer) == right)
        return LETTERS[pick]
    if q.type == "truefalse":
        return "true" if q.answer == right else "false"
    if right:
        return str(q.answer)
    return "123456" if q.type == "number" else "zzz qqq"


def play(args: list[str], player: Player, home: Path, **env: str) -> list[Event]:
    """Play `hitrun-quiz play --json ARGS` question by question; return every event."""
    proc = subprocess.Popen(
        [str(SCRIPT), "play", "--json", "--player", "bot", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        bufsize=1,
        cwd=ROOT,
        env={**os.environ, "HITRUN_QUIZ_HOME": str(home), **env},
    )
    assert proc.stdin and proc.stdout and proc.stderr
    events: list[Event] = []
    while True:
        line = proc.stdout.readline()
        assert line, f"stdout closed before the summary: {proc.stderr.read()}"
        events.append(json.loads(line))
        if events[-1]["event"] == "question":
            proc.stdin.write(player(events[-1], events) + "\n")
            proc.stdin.flush()
        if events[-1]["event"] == "summary":
            break
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    return events


def of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e["event"] == kind]


def scripted(*replies: str) -> Player:
    """Replies in order: "right", "wrong", or a text sent as it is."""
    it = iter(replies)

    def player(event: Event, _events: list[Event]) -> str:
        reply = next(it, "")
        if reply in ("right", "wrong"):
            return answer(event, reply == "right")
        return reply

    return player


# --------------------------------------------------------------------------- survival


def test_survival_loses_a_life_per_miss_and_ends_knocked_out(home: Path, cli: Run) -> None:
    events = play(
        ["--mode", "survival", "--seed", "4"],
        scripted("right", "wrong", "?skip", "", "right", "wrong"),
        home,
    )
    start = of(events, "start")[0]
    assert start["mode"] == "survival" and start["status"]["lives"] == 3
    results = of(events, "result")
    assert [r["outcome"] for r in results] == [
        "correct", "wrong", "skipped", "skipped", "correct", "wrong",
    ]  # fmt: skip
    assert [r["status"]["lives"] for r in results] == [3, 2, 2, 1, 1, 0]
    assert results[2]["lifelines"] == ["skip"] and results[2]["streak"] == 0
    summary = of(events, "summary")[0]
    assert summary["status"]["knocked_out"] and summary["finished"]
    assert summary["correct"] == 2 and summary["total"] == 6
    assert summary["board"] == "hit-and-run/survival/untimed/scripted"
    assert summary["lifelines"] == [{"number": 3, "lifeline": "skip"}]
    table = json.loads(cli("scores", "--json", "--board", summary["board"]).stdout)
    assert [r["round_id"] for r in table] == [summary["round_id"]]


def test_survival_ranks_right_answers_before_points(home: Path, cli: Run) -> None:
    # Two right answers on easy questions beat one on a hard one, whatever the points.
    fewer = play(["--mode", "survival", "--seed", "4", "--pack", str(MINI)],
                 scripted("wrong", "wrong", "wrong"), home)  # fmt: skip
    more = play(["--mode", "survival", "--seed", "4", "--pack", str(MINI)],
                scripted("right", "right", "wrong", "wrong", "wrong"), home)  # fmt: skip
    board = of(more, "summary")[0]["board"]
    table = json.loads(cli("scores", "--json", "--board", board).stdout)
    assert [r["round_id"] for r in table] == [
        of(more, "summary")[0]["round_id"],
        of(fewer, "summary")[0]["round_id"],
    ]
    assert of(more, "summary")[0]["rank"] == 1


def test_survival_ends_when_the_pool_runs_out(home: Path) -> None:
    events = play(["--mode", "survival", "--pack", str(MINI), "--seed", "2"],
                  scripted(*["right"] * 4), home)  # fmt: skip
    summary = of(events, "summary")[0]
    assert summary["finished"] and summary["correct"] == summary["total"] == 4
    assert summary["status"]["lives"] == 3


# --------------------------------------------------------------------------- ladder


def test_ladder_falls_to_the_first_haven(home: Path) -> None:
    events = play(["--mode", "ladder", "--seed", "8"], scripted(*["right"] * 7, "wrong"), home)
    questions = [e for e in of(events, "question") if not e.get("again")]
    assert [q["difficulty"] for q in questions] == ["easy"] * 5 + ["medium"] * 3
    results = of(events, "result")
    assert [r["score"] for r in results] == [*PRIZES[:7], PRIZES[4]]
    assert results[-1]["status"]["prize"] == 1_000
    summary = of(events, "summary")[0]
    assert summary["score"] == 1_000 and summary["finished"]
    assert summary["board"] == "hit-and-run/ladder/untimed/scripted"


def test_ladder_walk_away_keeps_the_prize(home: Path) -> None:
    events = play(["--mode", "ladder", "--seed", "8"], scripted("right", "right", "?walk"), home)
    walk = of(events, "lifeline")[-1]
    assert walk["lifeline"] == "walk" and walk["used"]
    summary = of(events, "summary")[0]
    assert summary["score"] == PRIZES[1] and summary["walked"] and summary["finished"]
    assert summary["total"] == 2  # the question walked away from is not counted


def test_walk_is_refused_outside_a_ladder_and_the_question_asked_again(home: Path) -> None:
    events = play(["--seed", "8", "--count", "1"], scripted("?walk", "right"), home)
    refused = of(events, "lifeline")[0]
    assert not refused["used"] and "ladder" in refused["message"]
    assert len(of(events, "question")) == 2 and of(events, "question")[1]["again"]
    assert of(events, "summary")[0]["correct"] == 1


def test_a_seed_replays_a_modes_round_exactly(home: Path) -> None:
    def ids(mode: str) -> list[str]:
        events = play(["--mode", mode, "--seed", "31"], scripted(*["right"] * 6, "wrong"), home)
        return [(q["id"], q.get("choices")) for q in of(events, "question")]  # type: ignore[misc]

    for mode in ("survival", "ladder"):
        assert ids(mode) == ids(mode)


# --------------------------------------------------------------------------- blitz


def test_blitz_asks_until_the_pool_runs_out_within_its_clock(home: Path) -> None:
    events = play(["--mode", "blitz", "--seconds", "30", "--pack", str(MINI), "--seed", "1"],
                  scripted("right", "wrong", "right", "right"), home)  # fmt: skip
    start = of(events, "start")[0]
    assert start["mode"] == "blitz" and start["status"]["seconds_left"] == 30
    assert all(0 < q["status"]["seconds_left"] <= 30 for q in of(events, "question"))
    summary = of(events, "summary")[0]
    assert summary["correct"] == 3 and summary["total"] == 4 and summary["finished"]
    assert summary["board"] == "mini/blitz/30s/scripted"


def test_blitz_counts_an_answer_after_the_clock_as_out_of_time(home: Path) -> None:
    import time

    def slow(event: Event, events: list[Event]) -> str:
        if len(of(events, "question")) == 2:
            time.sleep(5.5)
        return answer(event)

    events = play(["--mode", "blitz", "--seconds", "5", "--pack", str(MINI), "--seed", "1"],
                  slow, home)  # fmt: skip
    assert [r["outcome"] for r in of(events, "result")] == ["correct", "timeout"]
    assert of(events, "summary")[0]["finished"]


# --------------------------------------------------------------------------- lifelines


def test_fifty_fifty_hides_two_wrong_options_once_a_round(home: Path) -> None:
    events = play(
        ["--pack", str(MINI), "--type", "choice", "--type", "text", "--seed", "3"],
        scripted("?50", "?50", "right", "?50", "?hint", "?hint", "right"),
        home,
    )
    lifelines = of(events, "lifeline")
    assert [(e["lifeline"], e["used"]) for e in lifelines] == [
        ("50", True), ("50", False), ("50", False), ("hint", True), ("hint", False),
    ]  # fmt: skip
    fifty = lifelines[0]
    assert ANSWERS["lead-choice"].answer not in fifty["removed"] and len(fifty["removed"]) == 2
    assert "used up" in lifelines[1]["message"]
    assert lifelines[3]["hint"] == "L___ R__"
    results = of(events, "result")
    assert [r["lifelines"] for r in results] == [["50"], ["hint"]]
    assert results[1]["breakdown"]["hint_halved"]
    assert results[1]["points"] == results[1]["breakdown"]["total"]
    summary = of(events, "summary")[0]
    assert summary["lifelines"] == [
        {"number": 1, "lifeline": "50"},
        {"number": 2, "lifeline": "hint"},
    ]
    db = home / "scores.db"
    with ScoreStore(db) as store:
        assert store.count() == 1


def test_lifelines_used_are_in_history_json(home: Path, cli: Run) -> None:
    play(["--pack", str(MINI), "--type", "choice", "--type", "text", "--seed", "3"],
         scripted("?50", "right", "?skip"), home)  # fmt: skip
    rounds = json.loads(cli("history", "--json", "--player", "bot").stdout)
    assert [q["lifelines"] for q in rounds[0]["results"]] == [["50"], ["skip"]]
    assert rounds[0]["game_mode"] == "classic"


def test_a_lifeline_that_does_not_fit_is_refused_in_plain_text(cli: Run) -> None:
    done = cli("play", "--pack", str(MINI), "--type", "truefalse", "--seed", "1",
               input="?50\n?hint\ntrue\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Refused: 50:50 is only for a choice question with at least 4 options" in out
    assert "Refused: a hint is only for a text or number question" in out
    assert "Lifelines: ?50 (50:50), ?hint, ?skip" in out  # nothing spent
    assert "1 of 1 correct" in out


def test_the_daily_share_line_names_the_lifelines_used(cli: Run) -> None:
    done = cli("daily", "--json", "--player", "z", input="?skip\n" + "\n" * 12,
               HITRUN_QUIZ_TODAY="2026-03-01")  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = [json.loads(x) for x in done.stdout.splitlines()][-1]
    assert summary["mode"] == "classic"
    assert "lifelines skip" in summary["daily"]["share_plain"]
    again = cli("daily", "--share", "--player", "z", HITRUN_QUIZ_TODAY="2026-03-01")
    assert "lifelines skip" in again.stdout


# --------------------------------------------------------------------------- usage


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mode", "marathon"], "--mode"),
        (["--seconds", "30"], "--mode blitz"),
        (["--mode", "blitz", "--time-limit", "10"], "--seconds"),
        (["--mode", "survival", "--count", "5"], "--count"),
        (["--mode", "blitz", "--seconds", "1"], "--seconds"),
        (["--mode", "ladder", "--replay", "1"], "classic"),
    ],
)
def test_options_that_do_not_go_with_a_mode_are_refused(
    cli: Run, args: list[str], message: str
) -> None:
    done = cli("play", *args, input="")
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
