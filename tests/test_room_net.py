"""Rooms over real sockets on 127.0.0.1 (port 0): the `host` and `join` console scripts.

A host process writes JSON Lines; players are `join` processes (scripted) or,
where the connection itself is the point (resume, floods, oversized
messages), WebSocket clients in this process.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from .conftest import ROOT, SCRIPT

TF_PACK = """\
id: tf
title: "True or false"
description: "Every answer is true."
author: "tests"
version: "1"
sources:
  - id: s
    title: "Notes"
    publisher: "Tests"
    date: "2021-08-10"
facts:
{facts}
questions:
{questions}
"""


@pytest.fixture
def tf_pack(tmp_path: Path) -> Path:
    facts = "".join(
        f'  - id: f{i}\n    statement: "Fact {i}."\n    source: s\n    quote: "Quote {i}."\n'
        for i in range(4)
    )
    questions = "".join(
        f"  - id: q{i}\n    fact: f{i}\n    category: plot\n    difficulty: medium\n"
        f'    type: truefalse\n    prompt: "Statement number {i} holds."\n    answer: true\n'
        for i in range(4)
    )
    path = tmp_path / "tf.yaml"
    path.write_text(TF_PACK.format(facts=facts, questions=questions), encoding="utf-8")
    return path


class Proc:
    """A running console script whose stdout lines are collected by a thread."""

    def __init__(self, *args: str, stdin: str | None = None, keep_stdin: bool = False) -> None:
        self.p = subprocess.Popen(
            [str(SCRIPT), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
        )
        assert self.p.stdin is not None
        if stdin is not None:
            self.p.stdin.write(stdin)
            self.p.stdin.flush()
        if not keep_stdin:
            self.p.stdin.close()
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.p.stdout is not None
        for line in self.p.stdout:
            self.lines.put(line)

    def until(self, event: str, timeout: float = 20) -> dict[str, Any]:
        """Read JSON lines until one of ``event``; return it."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {event!r} event; saw {[m['event'] for m in self.seen]}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            msg = json.loads(line)
            self.seen.append(msg)
            if msg["event"] == event:
                return msg

    def finish(self, timeout: float = 30) -> tuple[int, list[dict[str, Any]], str]:
        rc = self.p.wait(timeout)
        time.sleep(0.05)
        while not self.lines.empty():
            self.seen.append(json.loads(self.lines.get()))
        assert self.p.stderr is not None
        return rc, self.seen, self.p.stderr.read()

    def kill(self) -> None:
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def host(pack: Path, *args: str, keep_stdin: bool = False) -> tuple[Proc, dict[str, Any]]:
    h = Proc("host", "--json", "--pack", str(pack), "--seed", "3", *args, keep_stdin=keep_stdin)
    return h, h.until("room", timeout=30)


def join(room: dict[str, Any], name: str, answers: str | None, **kw: Any) -> Proc:
    addr = f"127.0.0.1:{room['port']}"
    return Proc("join", addr, "--code", room["code"], "--name", name, "--json", stdin=answers, **kw)


def rounds(home: Path) -> list[tuple[Any, ...]]:
    db = next(home.rglob("*.db"), None)
    if db is None:
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT player, score, board, finished FROM rounds ORDER BY id"
        ).fetchall()


def test_a_room_of_right_wrong_silent_and_late_players(tf_pack: Path, home: Path) -> None:
    h, room = host(
        tf_pack, "--count", "2", "--time-limit", "2", "--pause", "0.3", "--wait-for", "3"
    )
    assert room["url"] == f"http://127.0.0.1:{room['port']}/"
    assert room["join"] == f"hitrun-quiz join 127.0.0.1:{room['port']} --code {room['code']}"
    procs: list[Proc] = []
    try:
        right = join(room, "Right", "true\ntrue\n")
        wrong = join(room, "Wrong", "false\nfalse\n")
        silent = join(room, "Silent", None, keep_stdin=True)  # never answers
        procs += [right, wrong, silent]
        h.until("question")
        late = asyncio.run(late_player(room))  # in-process: joins at once, during question 1
        rc, events, _ = right.finish()
        assert rc == 0
        kinds = [e["event"] for e in events]
        assert kinds[:3] == ["welcome", "start", "question"]
        assert kinds.count("question") == kinds.count("result") == 2
        summary = events[-1]
        assert summary["event"] == "summary" and summary["place"] == 1
        assert summary["score"] > 0 and summary["correct"] == 2
        assert summary["board"] == "tf/2/timed/party"
        assert "--seed 3" in summary["replay"]
        assert all("token" not in e for e in events)  # the token is a secret: not printed
        rc, events, _ = wrong.finish()
        assert rc == 0 and events[-1]["score"] == 0
        assert [e["outcome"] for e in events if e["event"] == "result"] == ["wrong", "wrong"]
        assert late[0]["event"] == "welcome" and late[0]["first"] == 2
        assert [e["number"] for e in late if e["event"] == "question"] == [2]
        assert late[-1]["event"] == "summary" and late[-1]["correct"] == 1
        rc, events, _ = h.finish()
        assert rc == 0
        reveal = next(e for e in events if e["event"] == "reveal")
        outcomes = {r["player"]: r["outcome"] for r in reveal["results"]}
        assert outcomes["Right"] == "correct" and outcomes["Silent"] == "timeout"
        final = events[-1]
        assert final["event"] == "summary"
        assert [s["player"] for s in final["standings"]][:2] == ["Right", "Late"]
        rc, events, _ = silent.finish()
        assert rc == 0 and events[-1]["score"] == 0
        recorded = rounds(home)
        assert sorted(r[0] for r in recorded) == ["Late", "Right", "Silent", "Wrong"]
        assert {r[2] for r in recorded} == {"tf/2/timed/party"}
    finally:
        for p in [h, *procs]:
            p.kill()


async def late_player(room: dict[str, Any]) -> list[dict[str, Any]]:
    """Join now, answer every question put to this player "true"; every message received."""
    ws, welcome = await _hello(room["port"], {"type": "join", "code": room["code"], "name": "Late"})
    seen = [welcome]
    while seen[-1]["event"] != "summary":
        seen.append(json.loads(await asyncio.wait_for(ws.recv(), 20)))
        if seen[-1]["event"] == "question":
            n = seen[-1]["number"]
            await ws.send(json.dumps({"v": 1, "type": "answer", "number": n, "answer": "true"}))
    await ws.close()
    return seen


async def _hello(port: int, hello: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    ws = await connect(f"ws://127.0.0.1:{port}/")
    await ws.send(json.dumps({"v": 1, **hello}))
    return ws, json.loads(await ws.recv())


async def _until(ws: Any, event: str) -> dict[str, Any]:
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 20))
        if msg["event"] == event:
            return msg


def test_a_dropped_player_resumes_and_keeps_the_score(tf_pack: Path) -> None:
    h, room = host(
        tf_pack, "--count", "2", "--time-limit", "2", "--pause", "0.5", "--wait-for", "1"
    )

    async def play() -> tuple[int, int, int]:
        ws, welcome = await _hello(
            room["port"], {"type": "join", "code": room["code"], "name": "D"}
        )
        q = await _until(ws, "question")
        await ws.send(json.dumps({"v": 1, "type": "answer", "number": q["number"], "answer": "t"}))
        result = await _until(ws, "result")
        await ws.close()  # dropped
        ws, back = await _hello(
            room["port"], {"type": "resume", "code": room["code"], "token": welcome["token"]}
        )
        assert back["event"] == "welcome"
        summary = await _until(ws, "summary")
        await ws.close()
        return result["score"], back["score"], summary["score"]

    try:
        first, kept, final = asyncio.run(play())
        assert first > 0 and kept == first and final >= first
        rc, events, _ = h.finish()
        assert rc == 0
        assert [e["event"] for e in events if e["event"] in ("dropped", "back")] == [
            "dropped",
            "back",
        ]
    finally:
        h.kill()


def test_refusals_floods_and_the_page(tf_pack: Path) -> None:
    h, room = host(tf_pack, "--count", "1", keep_stdin=True)  # stays in the lobby
    port, code = room["port"], room["code"]

    async def probe() -> dict[str, Any]:
        out: dict[str, Any] = {}
        ws, msg = await _hello(port, {"type": "join", "code": "ZZZZZ", "name": "X"})
        out["wrong code"] = msg["code"]
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 5)
        ann, msg = await _hello(port, {"type": "join", "code": code.lower(), "name": "Ann"})
        out["ann"] = msg["event"]
        ws, msg = await _hello(port, {"type": "join", "code": code, "name": " ANN\x1b[2J"})
        out["duplicate"] = msg["code"]
        ws, msg = await _hello(port, {"type": "join", "code": code, "name": "Big"})
        await ws.send("x" * 5000)  # over the size limit
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)
        out["oversized"] = closed.value.rcvd.code if closed.value.rcvd else None
        ws, msg = await _hello(port, {"type": "join", "code": code, "name": "Flood"})
        got: list[str] = []
        with pytest.raises(ConnectionClosed) as closed:
            for _ in range(100):
                await ws.send(json.dumps({"v": 1, "type": "ping"}))
            while True:
                got.append(json.loads(await asyncio.wait_for(ws.recv(), 5)).get("code"))
        out["flood"] = (got, closed.value.rcvd.code if closed.value.rcvd else None)
        ws, msg = await _hello(port, {"type": "join", "code": code, "name": "Old"})
        await ws.send(json.dumps({"v": 2, "type": "answer", "number": 1, "answer": "x"}))
        out["bad version"] = json.loads(await ws.recv())["code"]
        out["ann still in"] = ann.state.name
        assert h.p.stdin is not None
        h.p.stdin.write("remove ANN\n")  # the host's command, as typed on its terminal
        h.p.stdin.flush()
        out["removed"] = json.loads(await asyncio.wait_for(ann.recv(), 10))["event"]
        return out

    try:
        out = asyncio.run(probe())
        assert out["wrong code"] == "bad-code"
        assert out["ann"] == "welcome"
        assert out["duplicate"] == "name-taken"
        assert out["oversized"] == 1009
        assert out["flood"] == (["too-many-messages"], 1008)
        assert out["bad version"] == "bad-message"
        assert out["ann still in"] == "OPEN" and out["removed"] == "removed"
        left = h.until("left")
        assert left["player"] == "Ann" and left["reason"] == "removed"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?code={code}", timeout=5) as r:
            assert r.status == 200 and "text/html" in r.headers["Content-Type"]
            assert b"new WebSocket" in r.read()
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/etc/passwd", timeout=5)
        assert e.value.code == 404
        taken = join(room, "old", "")  # "Old" is still in the room
        rc, _, err = taken.finish()
        assert rc == 2
        assert err == "hitrun-quiz: cannot join the room: the name old is taken in this room\n"
        wrong = Proc("join", f"127.0.0.1:{port}", "--code", "NOPE1", "--json")
        rc, _, err = wrong.finish()
        assert rc == 2 and err == "hitrun-quiz: cannot join the room: no room with that code here\n"
    finally:
        h.kill()


def test_the_host_stopped_mid_round_tells_the_players_and_records_nothing(
    tf_pack: Path, home: Path
) -> None:
    h, room = host(tf_pack, "--count", "3", "--time-limit", "5", "--wait-for", "2")
    procs = []
    try:
        a = join(room, "A", "true\ntrue\ntrue\n")
        b = join(room, "B", None, keep_stdin=True)
        procs = [a, b]
        h.until("answers")
        os.kill(h.p.pid, signal.SIGTERM)
        rc, _, err = h.finish()
        assert rc == 128 + signal.SIGTERM
        assert "nothing was recorded" in err
        for p in procs:
            rc, events, err = p.finish()
            assert rc == 2
            assert "the host closed the room: the host stopped the room" in err
            assert "summary" not in [e["event"] for e in events]
        assert rounds(home) == []
    finally:
        for p in [h, *procs]:
            p.kill()


def test_a_terminal_player_gets_plays_screens_and_keys(tf_pack: Path) -> None:
    import pexpect

    h, room = host(
        tf_pack, "--count", "1", "--time-limit", "10", "--pause", "0.3", "--wait-for", "1"
    )
    addr = f"127.0.0.1:{room['port']}"
    child = pexpect.spawn(
        str(SCRIPT),
        ["join", addr, "--code", room["code"], "--name", "Pty"],
        encoding="utf-8",
        timeout=20,
        dimensions=(30, 80),
        env={**os.environ, "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )
    try:
        child.expect("Question 1/1")
        child.expect("Your answer")
        child.send("t\r")  # the keys `play` takes for True
        child.expect("Correct!")
        child.expect("Place 1 of 1")
        child.expect("Play this round alone")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert h.finish()[0] == 0
    finally:
        child.close(force=True)
        h.kill()


def test_the_host_screen_on_a_terminal_from_lobby_to_podium(tf_pack: Path) -> None:
    import re

    import pexpect

    args = ["host", "--pack", str(tf_pack), "--count", "1", "--time-limit", "5", "--pause", "0.3"]
    child = pexpect.spawn(
        str(SCRIPT),
        args,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
        env={**os.environ, "NO_COLOR": "1"},
    )
    player = None
    try:
        child.expect(r"hitrun-quiz join 127\.0\.0\.1:(\d+) --code ([A-Z0-9]{5})")
        port, code = child.match.group(1), child.match.group(2)
        child.expect("▀")  # the QR code
        room = {"port": int(port), "code": code}
        player = join(room, "Zed", "true\n")
        child.expect(re.escape("1 in: Zed"))
        child.send("\r")  # Enter starts
        child.expect("Question 1/1")
        child.expect(r"The answer: \S*True")
        child.expect("Podium")
        child.expect("Zed")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        rc, events, _ = player.finish()
        assert rc == 0 and events[-1]["event"] == "summary" and events[-1]["correct"] == 1
    finally:
        child.close(force=True)
        if player is not None:
            player.kill()


def test_a_host_killed_outright_leaves_players_a_message_and_no_rounds(
    tf_pack: Path, home: Path
) -> None:
    h, room = host(tf_pack, "--count", "3", "--time-limit", "5", "--wait-for", "1")
    player = join(room, "A", None, keep_stdin=True)
    try:
        h.until("question")
        os.kill(h.p.pid, signal.SIGKILL)
        h.p.wait(10)
        rc, events, err = player.finish(timeout=40)  # it tries to resume for 10 s first
        assert rc == 2
        assert err.splitlines()[-2:] == [
            "hitrun-quiz: connection lost; resuming",
            "hitrun-quiz: lost the connection to the host",
        ]
        assert "summary" not in [e["event"] for e in events]
        assert rounds(home) == []
    finally:
        player.kill()
        h.kill()


def test_connections_beyond_the_cap_are_turned_away(tf_pack: Path) -> None:
    from websockets.exceptions import InvalidStatus

    h, room = host(tf_pack, "--max-players", "1", keep_stdin=True)

    async def crowd() -> int:
        url = f"ws://127.0.0.1:{room['port']}/"
        conns = [await connect(url) for _ in range(52)]  # 1 player + 50 spare, then one more
        try:
            with pytest.raises(InvalidStatus) as refused:
                await connect(url)
            return refused.value.response.status_code
        finally:
            for ws in conns:
                await ws.close()

    try:
        assert asyncio.run(crowd()) == 503
    finally:
        h.kill()
