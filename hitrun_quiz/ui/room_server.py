"""The room's server: WebSocket players and the phone page on one port (``websockets``).

The rules live in :class:`~hitrun_quiz.app.room.Room`; this module only moves
messages: it reads each player's JSON messages (size- and rate-limited), calls
the room with them, and sends what the room's outbox holds, encoded once per
message (``broadcast`` for "all").  A plain HTTP GET of ``/`` gets the phone
page (``room_page.html``) through ``process_request``.  See docs/protocol.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from importlib import resources
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from hitrun_quiz.app.room import PROTOCOL_VERSION, Outgoing, Refused, Room

MAX_MESSAGE = 2048  # bytes of one message from a player; bigger closes the connection (1009)
RATE = 5.0  # messages a second, on average, from one connection
BURST = 10  # ... with bursts up to this many
HELLO_TIMEOUT = 10.0  # seconds a new connection has to send join or resume
POLICY_VIOLATION = 1008
SPARE_CONNECTIONS = 50  # open connections allowed beyond the player cap (joining, resuming)


class Bucket:
    """A token bucket: ``take()`` is False once a connection sends too fast."""

    def __init__(self, clock: Callable[[], float], rate: float = RATE, burst: int = BURST) -> None:
        self.clock, self.rate, self.burst = clock, rate, burst
        self.tokens, self.at = float(burst), clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def page() -> bytes:
    """The phone page, shipped in the package."""
    return resources.files("hitrun_quiz.ui").joinpath("room_page.html").read_bytes()


def encode(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"))  # ASCII: every non-ASCII escaped


def error(code: str, message: str) -> str:
    return encode({"v": PROTOCOL_VERSION, "event": "error", "code": code, "message": message})


class RoomServer:
    """Serves one room. ``on_host`` gets each message meant for the host's screen."""

    def __init__(
        self,
        room: Room,
        on_host: Callable[[dict[str, Any]], None],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.room = room
        self.on_host = on_host
        self.host, self.port = host, port
        self.conns: dict[int, ServerConnection] = {}
        self.changed = asyncio.Event()
        self.server: Server | None = None
        self._page = page()
        self._tasks: set[asyncio.Task[None]] = set()

    def _later(self, coro: Any) -> None:
        """Run ``coro`` soon, holding a reference until it is done."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- life

    async def open(self) -> int:
        """Start listening; returns the port (``port`` 0 picks a free one)."""
        self.server = await serve(
            self._handle,
            self.host,
            self.port,
            process_request=self._http,
            max_size=MAX_MESSAGE,
            max_queue=4,
            compression=None,
            ping_interval=10,
            ping_timeout=10,
            close_timeout=2,
            server_header=None,
        )
        sock = next(iter(self.server.sockets))
        self.port = int(sock.getsockname()[1])
        return self.port

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.server.wait_closed(), 3)

    async def run_clock(self, until: Callable[[], bool]) -> None:
        """Tick the room at its deadlines until ``until()``; answers wake it up early."""
        while not until():
            wake = self.room.wake_at()
            delay = 0.5 if wake is None else max(0.0, wake - self.room.clock())
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.changed.wait(), min(delay, 0.5))
            self.changed.clear()
            self.room.tick()
            self.flush()

    def flush(self) -> None:
        """Send everything the room has queued."""
        closing: list[ServerConnection] = []
        for out in self.room.drain():
            self._send(out, closing)
        for ws in closing:
            self._later(ws.close(1000, "bye"))

    def _send(self, out: Outgoing, closing: list[ServerConnection]) -> None:
        if out.target == "host":
            self.on_host(out.message)
            return
        if out.target == "all":
            targets = list(self.conns.values())
        else:
            ws = self.conns.get(out.target)
            targets = [] if ws is None else [ws]
        if targets:
            broadcast(targets, encode(out.message))
        if out.close:
            closing += targets
            if out.target == "all":
                self.conns.clear()
            elif isinstance(out.target, int):
                self.conns.pop(out.target, None)

    # -- HTTP: the phone page

    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            open_now = len(self.server.connections) if self.server is not None else 0
            if open_now > self.room.max_players + SPARE_CONNECTIONS:
                return connection.respond(503, "Too many connections\n")
            return None
        path = request.path.split("?", 1)[0]
        if path not in ("/", "/index.html"):
            return connection.respond(404, "Not found\n")
        headers = Headers(
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(self._page))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
                (
                    "Content-Security-Policy",
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                    " connect-src 'self' ws: wss:; img-src 'self' data:",
                ),
            ]
        )
        return Response(200, "OK", headers, self._page)

    # -- one player's connection

    async def _handle(self, ws: ServerConnection) -> None:
        bucket = Bucket(time.monotonic)
        pid: int | None = None
        try:
            try:
                raw = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
            except asyncio.TimeoutError:
                await ws.close(POLICY_VIOLATION, "join or resume first")
                return
            bucket.take()
            pid = self._hello(ws, raw)
            if pid is None:
                return
            async for raw in ws:
                if not bucket.take():
                    await ws.send(error("too-many-messages", "slow down: too many messages"))
                    await ws.close(POLICY_VIOLATION, "too many messages")
                    break
                if self._message(pid, raw):
                    break
        except ConnectionClosed:
            pass
        finally:
            if pid is not None and self.conns.get(pid) is ws:
                del self.conns[pid]
                self.room.dropped(pid)
                self.flush()

    def _hello(self, ws: ServerConnection, raw: str | bytes) -> int | None:
        """The first message: join or resume. Returns the player's id, or None (closed)."""
        msg = _parse(raw)
        try:
            if msg is None:
                raise Refused("bad-message", "a message is one JSON object")
            if msg.get("v") != PROTOCOL_VERSION:
                raise Refused(
                    "bad-version", f"this room speaks protocol version {PROTOCOL_VERSION}"
                )
            kind = msg.get("type")
            if kind == "join":
                name = msg.get("name")
                player = self.room.join(msg.get("code", ""), name if isinstance(name, str) else "")
            elif kind == "resume":
                player = self.room.resume(msg.get("code", ""), msg.get("token", ""))
            else:
                raise Refused("bad-message", "join or resume first")
        except Refused as exc:
            broadcast([ws], error(exc.code, exc.message))
            self._later(ws.close(POLICY_VIOLATION, exc.code))
            return None
        old = self.conns.get(player.id)
        if old is not None and old is not ws:  # resumed from a new connection
            self._later(old.close(1000, "resumed elsewhere"))
        self.conns[player.id] = ws
        self.flush()
        self.changed.set()
        return player.id

    def _message(self, pid: int, raw: str | bytes) -> bool:
        """One message from a joined player; True when the player left."""
        msg = _parse(raw)
        kind = None if msg is None else msg.get("type")
        ws = self.conns.get(pid)
        try:
            if msg is None or msg.get("v") != PROTOCOL_VERSION:
                raise Refused("bad-message", "a message is one JSON object with v: 1")
            if kind == "answer":
                self.room.answer(pid, msg.get("number"), msg.get("answer"))
            elif kind == "lifeline":
                self.room.lifeline(pid, msg.get("number"), msg.get("name"))
            elif kind == "leave":
                self.room.leave(pid)
                self.conns.pop(pid, None)
                self.flush()
                return True
            elif kind != "ping":
                raise Refused("bad-message", "unknown message type")
        except Refused as exc:
            if ws is not None:
                broadcast([ws], error(exc.code, exc.message))
        self.flush()
        self.changed.set()  # the clock looks again: an answer may have ended the question
        return False


def _parse(raw: str | bytes) -> dict[str, Any] | None:
    if isinstance(raw, bytes):
        return None
    try:
        msg = json.loads(raw)
    except ValueError:
        return None
    return msg if isinstance(msg, dict) else None
