"""``hitrun-quiz host``: run a room, show it on the host's screen, record each player's round.

The host's screen is a view of the room's host messages: JSON Lines
(:class:`JsonHostView`, with ``--json`` or without a terminal) or a Rich live
screen (``room_screen.py``).  Commands on stdin, a line each: an empty line
(Enter) starts the round, ``remove NAME`` removes a player, ``stop`` ends the room.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import socket
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from hitrun_quiz.app.room import Room, replay_command
from hitrun_quiz.safetext import json_text, safe
from hitrun_quiz.ui.room_server import RoomServer

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.events import RoundFinished

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PARTY = "party"  # the mode of a room's rounds: their own board, PACKS/COUNT/timed/party


class HostView(Protocol):
    def event(self, message: dict[str, Any]) -> None:
        """One host message (see docs/protocol.md, "The host's events")."""

    def note(self, message: str) -> None:
        """A diagnostic line."""

    def close(self) -> None:
        """The room is over: leave the screen as it is."""


class JsonHostView:
    """JSON Lines on ``out``; diagnostics on ``err``."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err

    def event(self, message: dict[str, Any]) -> None:
        shown = {k: v for k, v in message.items() if k != "v"}
        self.out.write(json_text(json.dumps(shown, ensure_ascii=False)) + "\n")
        self.out.flush()

    def note(self, message: str) -> None:
        print(f"hitrun-quiz: {safe(message)}", file=self.err, flush=True)

    def close(self) -> None:
        pass


def lan_address() -> str:
    """This machine's address on the local network (for --public), else its hostname."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
        return str(s.getsockname()[0])
    return socket.gethostname()


class Host:
    """One hosted room from the lobby to the summaries."""

    def __init__(
        self,
        room: Room,
        recorder: Recorder,
        view: HostView,
        *,
        public: bool = False,
        port: int = 0,
        wait_for: int | None = None,
        commands: TextIO | None = None,
    ) -> None:
        self.room, self.recorder, self.view = room, recorder, view
        self.listen = "0.0.0.0" if public else "127.0.0.1"
        self.address = lan_address() if public else "127.0.0.1"
        self.wait_for = wait_for
        self.commands = commands
        self.server = RoomServer(room, self._on_host, host=self.listen, port=port)
        self.start_asked = False
        self.signum: int | None = None
        self.game: asyncio.Future[None] | None = None
        self.stopping = False

    def _on_host(self, message: dict[str, Any]) -> None:
        self.view.event(message)
        if (
            message.get("event") == "joined"
            and self.wait_for is not None
            and len(self.room.active()) >= self.wait_for
        ):
            self.start_asked = True
            self.server.changed.set()

    async def run(self) -> None:
        """Serve the room to its end; a signal closes it, telling the players."""
        loop = asyncio.get_running_loop()
        self.game = game = asyncio.ensure_future(self._game())
        before = {sig: signal.getsignal(sig) for sig in SIGNALS}
        for sig in SIGNALS:
            loop.add_signal_handler(sig, self._stop, sig)
        try:
            await game
        except asyncio.CancelledError:
            self.room.close("the host stopped the room")
            self.server.flush()
            await asyncio.sleep(0.2)
            await self.server.close()
            self.view.close()
            self.view.note("room stopped: nothing was recorded")
        finally:
            for sig, handler in before.items():
                loop.remove_signal_handler(sig)
                signal.signal(sig, handler)
        if self.signum is not None:  # exit as the signal asks (cli/runtime's handlers)
            signal.raise_signal(self.signum)

    def _stop(self, signum: int) -> None:
        self.signum = signum
        self.stop()

    def stop(self) -> None:
        self.stopping = True  # seen by the loops too (a cancel can be lost in wait_for)
        self.server.changed.set()
        if self.game is not None:
            self.game.cancel()

    async def _game(self) -> None:
        port = await self.server.open()
        url = f"http://{self.address}:{port}/"
        join = f"hitrun-quiz join {self.address}:{port} --code {self.room.code}"
        self.view.event(
            {"event": "room", "code": self.room.code, "port": port, "url": url, "join": join}
        )
        if self.commands is not None:
            self._read_commands(self.commands)
        while not self.start_asked and not self.stopping:  # the lobby
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.server.changed.wait(), 0.25)
            self.server.changed.clear()
            self.room.tick()
            self.server.flush()
        if self.stopping:
            raise asyncio.CancelledError
        started_at = time.time()
        self.room.start()
        self.server.flush()
        await self.server.run_clock(lambda: self.stopping or self.room.phase in ("over", "closed"))
        if self.stopping:
            raise asyncio.CancelledError
        summaries = await asyncio.to_thread(self._record, started_at)
        self.room.send_summaries(summaries, replay_command(self.room.template))
        self.server.flush()
        await asyncio.sleep(0.2)  # the summaries and close frames go out
        await self.server.close()
        self.view.close()

    def _record(self, started_at: float) -> dict[int, RoundFinished]:
        """Each player's round on the party board; the summaries with their ranks."""
        done: dict[int, RoundFinished] = {}
        for player, summary in self.room.finished():
            ranked, _, warning = self.recorder.save(
                player.rnd, summary, player=player.name, mode=PARTY, started_at=started_at
            )
            if warning:
                self.view.note(warning)
            done[player.id] = ranked
        return done

    def _read_commands(self, stream: TextIO) -> None:
        loop = asyncio.get_running_loop()

        def reader() -> None:
            for line in stream:
                loop.call_soon_threadsafe(self._command, line.strip())

        threading.Thread(target=reader, daemon=True).start()

    def _command(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if not line or word.lower() == "start":
            self.start_asked = True
            self.server.changed.set()
        elif word.lower() in ("remove", "kick"):
            if not self.room.remove(rest.strip()):
                self.view.note(f"no player called {rest.strip()}")
        elif word.lower() in ("stop", "quit"):
            self.stop()
            return
        else:
            self.view.note("commands: Enter (start), remove NAME, stop")
        self.server.flush()


def host_room(host: Host) -> None:
    """Run ``host`` to the end (blocking)."""
    asyncio.run(host.run())


def stdin_commands() -> TextIO | None:
    return sys.stdin if not sys.stdin.closed else None
