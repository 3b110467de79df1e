"""``hitrun-quiz join``: a player in a hosted room, on a terminal or scripted.

The connection (:func:`play_room`) is the same for both: it joins, shows each
event through a view, asks the view for an answer after each question (in a
thread, so the connection keeps reading), and resumes with its token when the
connection drops.  :class:`ScriptView` prints the events as ``play`` does
(plain text or JSON Lines) and reads one answer line after each question;
``room_screen.TerminalView`` shows ``play``'s screens and prompts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from typing import Any, Protocol, TextIO, TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from hitrun_quiz.app.room import PROTOCOL_VERSION, RoomError
from hitrun_quiz.game.lifelines import ALL, SKIP, TITLES, WALK, parse
from hitrun_quiz.safetext import json_text, safe
from hitrun_quiz.ui import script
from hitrun_quiz.ui.room_wire import judged_from, question_from

RESUME_FOR = 10.0  # seconds a dropped player keeps trying to resume
T = TypeVar("T")


class PlayerView(Protocol):
    def show(self, msg: dict[str, Any], state: State) -> None:
        """Render one event from the room."""

    def answer(self, msg: dict[str, Any], seconds: float) -> str | None:
        """Blocking: the answer to the question ``msg`` ("" skips), None for none."""

    def note(self, message: str) -> None:
        """A diagnostic line (stderr)."""


class State:
    """What a player knows: the token, score and streak, the open question."""

    def __init__(self) -> None:
        self.token: str | None = None
        self.score = 0
        self.streak = 0
        self.open: dict[str, Any] | None = None  # the open question's message
        self.answered: set[int] = set()
        self.asked: dict[int, Any] = {}  # number -> Asked, for the results
        self.mode = "classic"
        self.lives: int | None = None  # survival: this player's lives left
        self.out = False  # survival: knocked out, watching
        self.room: dict[str, Any] = {}  # the room's last mode status (standing, seconds left)
        self.lifelines: list[str] = list(ALL)  # this player's lifelines left this round
        self.asking = False  # a lifeline asked for, its answer awaited
        self.until = 0.0  # the loop's time the open question closes (as the player knows it)

    def update(self, msg: dict[str, Any]) -> None:
        """The mode's status an event carries: the player's own, or the room's."""
        event, status = msg.get("event"), msg.get("status")
        left = msg.get("lifelines" if event == "welcome" else "left")
        if event in ("welcome", "lifeline") and isinstance(left, list):
            self.lifelines = [name for name in left if name in ALL]
        if event in ("welcome", "result"):
            self.take(status)
        elif event in ("question", "standings") and isinstance(status, dict):
            self.room = status

    def take(self, status: Any) -> None:
        """A player's own mode status (welcome, result): lives and knocked out."""
        if not isinstance(status, dict):
            return
        self.mode = str(status.get("mode", self.mode))
        lives = status.get("lives")
        if isinstance(lives, int) and not isinstance(lives, bool):
            self.lives = lives
        self.out = status.get("knocked_out") is True


def ws_url(address: str) -> str:
    """``HOST:PORT``, ``http://HOST:PORT/`` or ``ws://...`` as a WebSocket URL."""
    a = address.strip()
    for http, ws in (("http://", "ws://"), ("https://", "wss://")):
        if a.startswith(http):
            a = ws + a[len(http) :]
    if not a.startswith(("ws://", "wss://")):
        a = "ws://" + a
    return a if a.count("/") > 2 else a + "/"


def in_daemon(fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
    """Run ``fn`` in a daemon thread (a blocked read must not keep the process alive)."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            result = fn(*args)
        except BaseException as exc:  # handed to the loop, raised there
            loop.call_soon_threadsafe(_set, fut, None, exc)
        else:
            loop.call_soon_threadsafe(_set, fut, result, None)

    threading.Thread(target=run, daemon=True).start()
    return fut


def _set(fut: asyncio.Future[Any], result: Any, exc: BaseException | None) -> None:
    if fut.done():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


class Player:
    """One player's connection to a room."""

    def __init__(self, address: str, code: str, name: str, view: PlayerView) -> None:
        self.url = ws_url(address)
        self.code, self.name, self.view = code, name, view
        self.state = State()
        self.ws: ClientConnection | None = None
        self.reading: asyncio.Future[str | None] | None = None
        self.done = False
        self.sending: asyncio.Task[None] | None = None

    async def run(self) -> None:
        hello = {"v": PROTOCOL_VERSION, "type": "join", "code": self.code, "name": self.name}
        await self._connect(hello)
        try:
            await self._play()
        finally:
            if self.ws is not None:
                await self.ws.close()

    async def _play(self) -> None:
        while not self.done:
            try:
                assert self.ws is not None
                async for raw in self.ws:
                    await self._handle(raw)
                    if self.done:
                        return
            except ConnectionClosed:
                pass
            if self.done:
                return
            await self._resume()

    async def _connect(self, hello: dict[str, Any]) -> None:
        try:
            self.ws = await connect(self.url, open_timeout=10, max_size=2**20, compression=None)
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
            raise RoomError(f"cannot reach a room at {self.url}: {exc}") from None
        await self.ws.send(json.dumps(hello))
        try:
            first = json.loads(await self.ws.recv())
        except ConnectionClosed:
            raise RoomError("the host closed the connection") from None
        if not isinstance(first, dict) or first.get("event") != "welcome":
            msg = first.get("message", "refused") if isinstance(first, dict) else "refused"
            raise RoomError(f"cannot join the room: {msg}")
        self.state.token = first.get("token")
        await self._handle_msg(first)

    async def _resume(self) -> None:
        self.view.note("connection lost; resuming")
        loop = asyncio.get_running_loop()
        until = loop.time() + RESUME_FOR
        while loop.time() < until:
            await asyncio.sleep(0.5)
            try:
                hello = {"v": PROTOCOL_VERSION, "type": "resume", "code": self.code}
                await self._connect(hello | {"token": self.state.token})
                return
            except RoomError as exc:
                if "cannot join" in str(exc):
                    raise
        raise RoomError("lost the connection to the host")

    async def _handle(self, raw: str | bytes) -> None:
        try:
            msg = json.loads(raw)
        except ValueError:
            return
        if isinstance(msg, dict):
            await self._handle_msg(msg)

    async def _handle_msg(self, msg: dict[str, Any]) -> None:
        event, s = msg.get("event"), self.state
        s.update(msg)
        if event == "question" and not s.out:
            msg = msg | {"lifelines": list(s.lifelines)}
        if event == "welcome":
            s.score, s.streak = int(msg.get("score", 0)), int(msg.get("streak", 0))
        elif event == "error":
            self.view.note(str(msg.get("message", "error")))
            if s.asking:  # a lifeline refused as a message: read the answer again
                s.asking = False
                self._ask_again()
            return
        elif event == "closed":
            self.done = True
            raise RoomError(f"the host closed the room: {msg.get('reason', '')}")
        elif event == "removed":
            self.done = True
            raise RoomError("the host removed you from the room")
        try:
            self.view.show(msg, s)
        except ValueError as exc:  # a malformed event: say so, carry on
            self.view.note(f"a message from the host was not understood ({exc})")
            return
        if event == "question" and not s.out:  # a knocked-out player only watches
            s.open, s.asking = msg, False
            seconds = float(msg.get("remaining", msg.get("time_limit", 20)))
            s.until = asyncio.get_running_loop().time() + seconds
            self._read(msg, seconds)
        elif event == "lifeline":
            self._lifeline(msg)
        elif event == "result":
            s.open, s.asking = None, False
            s.score, s.streak = int(msg.get("score", 0)), int(msg.get("streak", 0))
        elif event == "summary":
            self.done = True

    def _read(self, msg: dict[str, Any], seconds: float) -> None:
        """Ask the view for the answer to ``msg`` (in a thread), unless it is asking already."""
        if self.reading is None or self.reading.done():
            self.reading = in_daemon(self.view.answer, msg, seconds)
            self.reading.add_done_callback(self._answered)

    def _ask_again(self) -> None:
        """The open question again, as ``play`` asks it after a lifeline."""
        s, q = self.state, self.state.open
        if q is None or q.get("number") in s.answered:
            return
        left = s.until - asyncio.get_running_loop().time()
        if left <= 0:
            return
        again = q | {"lifelines": list(s.lifelines), "again": True, "remaining": round(left, 3)}
        s.open = again
        try:
            self.view.show(again, s)
        except ValueError:
            return
        self._read(again, left)

    def _lifeline(self, msg: dict[str, Any]) -> None:
        """The room's answer to a lifeline: a skip passed the question; else ask again."""
        s, q = self.state, self.state.open
        s.asking = False
        if q is None or msg.get("number") != q.get("number"):
            return
        if msg.get("used") is True:
            if msg.get("lifeline") == SKIP:
                s.answered.add(q["number"])
                return
            hidden, hint = msg.get("hidden"), msg.get("hint")
            if isinstance(hidden, list):
                s.open = q | {"hidden": hidden}
            if isinstance(hint, str):
                s.open = q | {"hint": hint}
        self._ask_again()

    def _answered(self, fut: asyncio.Future[str | None]) -> None:
        if fut.cancelled() or fut.exception() is not None:
            return
        text, q = fut.result(), self.state.open
        if text is None or q is None or q.get("number") in self.state.answered or self.ws is None:
            return
        name = parse(text)
        if name == WALK:
            self.view.note("walking away is for a ladder, played alone")
            self._ask_again()
            return
        msg: dict[str, Any]
        if name is not None:  # ?50, ?hint, ?skip: the room answers with a lifeline event
            self.state.asking = True
            msg = {"v": PROTOCOL_VERSION, "type": "lifeline", "number": q["number"], "name": name}
        else:
            self.state.answered.add(q["number"])
            msg = {"v": PROTOCOL_VERSION, "type": "answer", "number": q["number"], "answer": text}
        self.sending = asyncio.get_running_loop().create_task(self._send(msg))

    async def _send(self, msg: dict[str, Any]) -> None:
        if self.ws is not None:
            with contextlib.suppress(ConnectionClosed):
                await self.ws.send(json.dumps(msg))


def play_room(address: str, code: str, name: str, view: PlayerView) -> None:
    """Join and play to the end (blocking); RoomError when refused, closed or lost."""
    asyncio.run(Player(address, code, name, view).run())


# --------------------------------------------------------------------------- scripted


class ScriptView:
    """``play``'s scripted mode for a room: plain text or JSON Lines; answers a line each."""

    def __init__(self, answers: TextIO, out: TextIO, err: TextIO, *, json_lines: bool) -> None:
        self.answers, self.out, self.err, self.json_lines = answers, out, err, json_lines

    def answer(self, msg: dict[str, Any], seconds: float) -> str | None:
        line = self.answers.readline()
        return None if not line else line.rstrip("\r\n")

    def note(self, message: str) -> None:
        print(f"hitrun-quiz: {safe(message)}", file=self.err, flush=True)

    def write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, msg: dict[str, Any], state: State) -> None:
        event = msg.get("event")
        if self.json_lines:
            if event == "question":
                question_from(msg, 0, 0)  # a malformed question is refused, not printed
            shown = {k: v for k, v in msg.items() if k not in ("v", "token")}
            self.write(json_text(json.dumps(shown, ensure_ascii=False)))
            return
        note = msg.get("note")
        if event == "result" and isinstance(note, str) and note:
            self.note(note + "; counted as wrong")  # as solo play says it
        text = plain(msg, state)
        if text is not None:
            self.write(text)


def plain(msg: dict[str, Any], state: State) -> str | None:
    """An event as plain text, as ``play`` writes it; None for events not shown."""
    event = msg.get("event")
    if event == "welcome":
        where = (
            "waiting for the host to start"
            if msg.get("phase") == "lobby"
            else f"you start at question {msg.get('first')}"
        )
        line = f"Joined room {safe(msg.get('code'))} as {safe(msg.get('player'))}: {where}."
        mode = mode_line(state)
        return line if mode is None else f"{line}\n{mode}"
    if event == "start":
        lines = [
            f"{' + '.join(safe(p) for p in msg.get('packs', []))}: {msg.get('count')} questions,"
            f" seed {msg.get('seed')}",
            f"Time limit: {msg.get('time_limit'):g} s a question",
            "Answer one per line; an empty line skips.",
        ]
        if msg.get("mode") == "survival":
            lines[0] = lines[0].replace(" questions,", " questions at most,")
            lines.insert(1, "Survival: 3 lives; a wrong answer, a skip or no answer costs one.")
        elif msg.get("mode") == "blitz":
            status = msg.get("status")
            status = status if isinstance(status, dict) else {}
            lines[0] = lines[0].replace(" questions,", " questions at most,")
            lines.insert(1, f"Blitz: {status.get('seconds_left', 60):.0f} s on the room's clock.")
        return "\n".join(lines)
    if event == "lifeline":
        return lifeline_text(msg)
    if event == "question":
        ev = question_from(msg, state.score, state.streak)
        state.asked[ev.asked.number] = ev.asked
        text = script.render_question(ev)
        mode = mode_line(state)
        return text if mode is None else f"{text}\n{mode}"
    if event == "result":
        asked = state.asked.get(msg.get("number", 0))
        if asked is None:
            return None
        judged = judged_from(asked, msg)
        place = f"Place {msg.get('place')} of {msg.get('players')}."
        mode = mode_line(state, after=True)
        return script.render_result(judged) + "\n" + place + ("" if mode is None else "\n" + mode)
    if event == "standings":
        text = "Standings: " + standings_line(msg.get("standings", []))
        return f"Watching: the answer was {safe(msg.get('answer'))}. {text}" if state.out else text
    if event == "summary":
        lines = [
            "",
            f"Round over: {msg.get('score')} points, {msg.get('correct')} of {msg.get('total')}"
            f" correct, place {msg.get('place')} of {len(msg.get('standings', []))}"
            f" (best streak {msg.get('best_streak')}).",
        ]
        end = summary_mode(msg)
        if end:
            lines.append(end)
        if msg.get("rank") is not None:
            lines.append(f"Rank: #{msg.get('rank')} on the board {safe(msg.get('board'))}.")
        lines.append("Standings: " + standings_line(msg.get("standings", [])))
        lines.append(f"Play this round alone: {safe(msg.get('replay'))}")
        return "\n".join(lines)
    return None


def lifeline_text(msg: dict[str, Any]) -> str:
    """A ``lifeline`` event as ``play`` words it: "Lifeline hint: S____ (left: skip)"."""
    if msg.get("used") is not True:
        return f"Refused: {safe(msg.get('message'))}"
    left = msg.get("left")
    names = [TITLES[n] for n in left if n in TITLES] if isinstance(left, list) else []
    return f"Lifeline {safe(msg.get('message'))} (left: {', '.join(names) or 'none'})"


def mode_line(state: State, *, after: bool = False) -> str | None:
    """The player's mode status as a line: lives (survival), the room's clock (blitz)."""
    if state.mode == "survival":
        if state.out:
            return "You are out of lives: watching the rest of the round."
        standing = state.room.get("standing")
        others = "" if after or standing is None else f" · {standing} standing"
        return f"Lives: {state.lives} of 3{others}"
    if state.mode == "blitz" and not after:
        left = state.room.get("seconds_left")
        if isinstance(left, (int, float)):
            return f"Blitz: {left:.0f} s left on the room's clock"
    return None


def summary_mode(msg: dict[str, Any]) -> str | None:
    """The mode's end in a summary line (survival's lives, blitz's count)."""
    status = msg.get("status")
    if not isinstance(status, dict):
        return None
    if status.get("mode") == "survival":
        how = "knocked out" if status.get("knocked_out") else f"{status.get('lives')} lives left"
        return f"Survival: {msg.get('correct')} right, {how}."
    if status.get("mode") == "blitz":
        return f"Blitz: {msg.get('correct')} right of {msg.get('total')} asked."
    return None


def standings_line(rows: Any) -> str:
    if not isinstance(rows, list):
        return ""
    return ", ".join(
        f"{r.get('place')}. {safe(r.get('player'))} {r.get('score')}{_lives(r)}"
        for r in rows
        if isinstance(r, dict)
    )


def _lives(row: dict[str, Any]) -> str:
    """Survival: a standings row's right answers and lives (or out)."""
    if "lives" not in row:
        return ""
    n = row.get("lives")
    lives = "out" if row.get("out") else f"{n} {'life' if n == 1 else 'lives'}"
    return f" ({row.get('correct')} right, {lives})"
