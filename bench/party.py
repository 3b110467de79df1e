"""A room of 200 players: how fast a question reaches them all, and the host's memory.

The host runs in its own process (the real ``Host``, ``RoomServer`` and
``Room``, recording into a throwaway data dir); the players are WebSocket
clients in this process, on 127.0.0.1. Each answers at once, so every question
is revealed as soon as all have answered. Measured:

- for each question, the time from the host starting to send it (``Room._open``,
  stamped on CLOCK_MONOTONIC, which every process shares) to the LAST player
  receiving it: median and worst over the questions; and over every delivery
  (players x questions): median and p99;
- the host's resident memory per player: (RSS with N players in the lobby -
  RSS with none) / N.

Aim: p99 under 100 ms. Usage: .venv/bin/python bench/party.py [--players N] [--questions Q]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def serve(players: int, questions: int) -> None:
    """The host process: a real room; prints when each question starts going out."""
    from hitrun_quiz.app.room import Room
    from hitrun_quiz.app.rounds import setup_round
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.ui.room_host import Host, JsonHostView, host_room

    opened = Room._open

    def stamped(self: Room, index: int) -> None:
        sent = time.monotonic()
        opened(self, index)  # the question is queued, then written to every socket by flush()
        host.server.flush()
        done = time.monotonic()
        print(
            json.dumps({"event": "sent", "number": index + 1, "at": sent, "done": done}), flush=True
        )

    Room._open = stamped  # type: ignore[method-assign]
    rnd = setup_round(count=questions, time_limit=30).new_round(1)
    room = Room(rnd, max_players=players, pause=0.2)
    view = JsonHostView(sys.stdout, sys.stderr)
    host = Host(room, Recorder(), view, wait_for=players)
    host_room(host)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


PENDING: set[asyncio.Future[None]] = set()


def reply(ws: Any, answer: dict[str, Any]) -> None:
    task = asyncio.ensure_future(ws.send(json.dumps(answer)))
    PENDING.add(task)
    task.add_done_callback(PENDING.discard)


async def player(port: int, code: str, n: int, got: dict[int, list[float]]) -> None:
    from websockets.asyncio.client import connect

    async with connect(f"ws://127.0.0.1:{port}/", compression=None, max_size=2**20) as ws:
        await ws.send(json.dumps({"v": 1, "type": "join", "code": code, "name": f"p{n}"}))
        async for raw in ws:
            at = time.monotonic()
            msg = json.loads(raw)
            if msg["event"] == "question":
                got.setdefault(msg["number"], []).append(at)
                answer = {"v": 1, "type": "answer", "number": msg["number"], "answer": "true"}
                # a person takes a moment to answer
                asyncio.get_running_loop().call_later(0.3 + n % 10 * 0.02, reply, ws, answer)
            elif msg["event"] in ("summary", "closed"):
                return


async def main_async(host: subprocess.Popen[str], players: int) -> dict[str, Any]:
    assert host.stdout is not None
    loop = asyncio.get_running_loop()
    room = json.loads(await loop.run_in_executor(None, host.stdout.readline))
    idle = rss_kb(host.pid)
    got: dict[int, list[float]] = {}
    sent: dict[int, float] = {}
    handed: list[float] = []
    tasks = []
    for n in range(players):
        tasks.append(asyncio.create_task(player(room["port"], room["code"], n, got)))
        if n % 20 == 19:
            await asyncio.sleep(0.05)  # a crowd arriving, not one burst
    full = 0

    def read_host() -> None:
        nonlocal full
        assert host.stdout is not None
        for line in host.stdout:
            msg = json.loads(line)
            if msg["event"] == "start" and not full:
                full = rss_kb(host.pid)
            if msg["event"] == "sent":
                sent[msg["number"]] = msg["at"]
                handed.append(msg["done"] - msg["at"])
            if msg["event"] == "summary":
                return

    await asyncio.gather(loop.run_in_executor(None, read_host), *tasks)
    last = [max(got[k]) - sent[k] for k in sorted(sent)]
    each = sorted(t - sent[k] for k in sent for t in got[k])
    return {
        "last": last,
        "each": each,
        "per_player_kb": (full - idle) / players,
        "idle_kb": idle,
        "received": sum(len(v) for v in got.values()),
        "handed": handed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--players", type=int, default=200)
    ap.add_argument("--questions", type=int, default=5)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.players, args.questions)
        return
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HITRUN_QUIZ_HOME": home}
        cmd = [sys.executable, __file__, "--serve", "--players", str(args.players)]
        cmd += ["--questions", str(args.questions)]
        host = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        try:
            r = asyncio.run(main_async(host, args.players))
        finally:
            host.wait(60)
    each = r["each"]
    p99 = each[min(len(each) - 1, int(len(each) * 0.99))]
    ms = 1000
    print(f"party: {args.players} players, {args.questions} questions, 127.0.0.1")
    print(
        f"  load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
    )
    print(
        f"  question sent -> last player received: median"
        f" {statistics.median(r['last']) * ms:.1f} ms,"
        f" worst {max(r['last']) * ms:.1f} ms"
    )
    print(
        f"  every delivery ({len(each)}): median {statistics.median(each) * ms:.1f} ms,"
        f" p99 {p99 * ms:.1f} ms {'(aim < 100 ms: met)' if p99 < 0.1 else '(aim < 100 ms: MISSED)'}"
    )
    print(
        f"  host: question handed to all {args.players} sockets in median"
        f" {statistics.median(r['handed']) * ms:.1f} ms, worst {max(r['handed']) * ms:.1f} ms"
    )
    print(
        f"  host memory: {r['idle_kb'] / 1024:.1f} MB idle,"
        f" {r['per_player_kb']:.1f} KB per player in the room"
    )


if __name__ == "__main__":
    main()
