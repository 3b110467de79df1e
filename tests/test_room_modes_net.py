"""Survival and blitz rooms over real sockets on 127.0.0.1: `host --mode` and `join` scripts."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path
from typing import Any

from .conftest import ROOT, SCRIPT
from .test_room_net import Proc, _hello, host, join, rounds, tf_pack  # noqa: F401 - a fixture


def results(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["event"] == "result"]


async def spectator(room: dict[str, Any], answers: list[str]) -> list[dict[str, Any]]:
    """Join, answer questions with ``answers`` in turn, and once out of lives try again anyway."""
    ws, welcome = await _hello(room["port"], {"type": "join", "code": room["code"], "name": "Cy"})
    seen, given = [welcome], iter(answers)
    while seen[-1]["event"] != "summary":
        seen.append(json.loads(await asyncio.wait_for(ws.recv(), 20)))
        if seen[-1]["event"] == "question":
            n = seen[-1]["number"]
            answer = next(given, "true")
            await ws.send(json.dumps({"v": 1, "type": "answer", "number": n, "answer": answer}))
    await ws.close()
    return seen


def test_a_survival_room_knocks_out_a_player_who_watches_to_the_end(
    tf_pack: Path,  # noqa: F811
    home: Path,
) -> None:
    h, room = host(
        tf_pack, "--mode", "survival", "--time-limit", "5", "--pause", "0.2", "--wait-for", "3"
    )
    procs: list[Any] = []
    try:
        ann = join(room, "Ann", "true\n" * 4)
        procs.append(ann)
        answers = tf_pack.parent / "bob.txt"  # a plain-text player: one wrong, then right
        answers.write_text("false\ntrue\ntrue\ntrue\n", encoding="utf-8")
        with answers.open(encoding="utf-8") as stdin:
            bob = subprocess.Popen(
                [str(SCRIPT), "join", f"127.0.0.1:{room['port']}", "--code", room["code"],
                 "--name", "Bob"],
                stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, encoding="utf-8", cwd=ROOT,
            )  # fmt: skip
        procs.append(bob)
        cy = asyncio.run(spectator(room, ["false", "false", "false"]))  # out after question 3
        # Cy watched question 4: shown it, refused an answer, standings with the answer
        assert [e["number"] for e in cy if e["event"] == "question"] == [1, 2, 3, 4]
        assert [r["status"]["lives"] for r in results(cy)] == [2, 1, 0]
        assert results(cy)[-1]["status"]["knocked_out"] is True
        refusal = next(e for e in cy if e["event"] == "error")
        assert refusal["code"] == "knocked-out" and "watching" in refusal["message"]
        last = [e for e in cy if e["event"] == "standings"][-1]
        assert last["number"] == 4 and last["answer"] == "True"
        assert last["status"] == {"mode": "survival", "standing": 2, "players": 3}
        assert cy[-1]["place"] == 3 and cy[-1]["status"]["knocked_out"] is True
        rc, events, _ = ann.finish()
        assert rc == 0
        q1 = next(e for e in events if e["event"] == "question")
        assert q1["status"] == {"mode": "survival", "standing": 3, "players": 3}
        assert events[-1]["place"] == 1 and events[-1]["correct"] == 4
        assert events[-1]["board"] == "tf/survival/timed/party"
        assert "--mode survival" in events[-1]["replay"]
        out, err = bob.communicate(timeout=30)
        assert bob.returncode == 0, err
        assert "Lives: 3 of 3 · 3 standing" in out and "Lives: 2 of 3" in out
        assert "Survival: 3 right, 2 lives left." in out
        assert "Cy 0 (0 right, out)" in out
        rc, events, _ = h.finish()
        assert rc == 0
        assert [e["player"] for e in events if e["event"] == "out"] == ["Cy"]
        final = events[-1]
        assert [(s["player"], s["correct"]) for s in final["standings"]] == [
            ("Ann", 4), ("Bob", 3), ("Cy", 0),
        ]  # fmt: skip
        recorded = rounds(home)
        assert sorted(r[0] for r in recorded) == ["Ann", "Bob", "Cy"]
        assert {r[2] for r in recorded} == {"tf/survival/timed/party"}
        board = subprocess.run(  # the mode's party board, ranked by right answers
            [str(SCRIPT), "scores", "--board", "tf/survival/timed/party", "--json"],
            capture_output=True, text=True, cwd=ROOT, timeout=30, check=True,
        )  # fmt: skip
        assert [r["player"] for r in json.loads(board.stdout)] == ["Ann", "Bob", "Cy"]
    finally:
        for p in [h, *procs]:
            if isinstance(p, Proc) or p.poll() is None:
                p.kill()


def test_a_blitz_room_runs_on_one_clock_and_ends_when_it_runs_out(
    tf_pack: Path,  # noqa: F811
    home: Path,
) -> None:
    h, room = host(
        tf_pack, "--mode", "blitz", "--seconds", "5", "--time-limit", "2", "--wait-for", "2"
    )
    procs: list[Proc] = []
    try:
        quick = join(room, "Quick", "true\n" * 4)
        silent = join(room, "Silent", None, keep_stdin=True)  # holds each question to its limit
        procs += [quick, silent]
        rc, events, _ = quick.finish()
        assert rc == 0
        questions = [e for e in events if e["event"] == "question"]
        assert len(questions) == 3  # 2 s, 2 s, then the last second of the room's clock
        assert questions[0]["status"] == {"mode": "blitz", "seconds_left": 5.0}
        assert questions[2]["time_limit"] < 2 and questions[2]["status"]["seconds_left"] <= 1.1
        outcomes = [r["outcome"] for r in results(events)]
        # the last question had under a second: on a loaded machine the answer may miss it
        assert outcomes[:2] == ["correct"] * 2 and outcomes[2] in ("correct", "timeout")
        right = [r for r in results(events) if r["correct"]]
        assert all(r["breakdown"]["speed_factor"] is None for r in right)
        summary = events[-1]
        assert summary["correct"] == len(right) and summary["total"] == 3 and summary["finished"]
        assert summary["board"] == "tf/blitz/5s/party"
        assert summary["replay"].endswith("--mode blitz --seconds 5 --seed 3")
        rc, events, _ = h.finish()
        assert rc == 0
        assert [e["number"] for e in events if e["event"] == "reveal"] == [1, 2, 3]
        assert {r[2] for r in rounds(home)} == {"tf/blitz/5s/party"}
    finally:
        for p in [h, *procs]:
            p.kill()


def test_host_refuses_a_ladder_and_a_bad_clock(tf_pack: Path) -> None:  # noqa: F811
    for args, words in (
        (["--mode", "ladder"], "--mode ladder is played alone"),
        (["--mode", "blitz", "--seconds", "2"], "--seconds"),
        (["--seconds", "30"], "add --mode blitz"),
    ):
        done = subprocess.run(
            [str(SCRIPT), "host", "--json", "--pack", str(tf_pack), *args],
            capture_output=True, text=True, cwd=ROOT, timeout=30, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr
