"""The room on a terminal: the host's big screen (Rich Live) and a joined player's screens.

Every name and every pack text is wrapped in :class:`rich.text.Text` (never
markup), and player names were cleaned by the room when they joined.
"""

from __future__ import annotations

import io
import time
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hitrun_quiz.app.room import Room
from hitrun_quiz.game.answers import LETTERS
from hitrun_quiz.safetext import safe
from hitrun_quiz.ui.prompts import Prompter, QuestionaryPrompter, colour_wanted
from hitrun_quiz.ui.room_join import lifeline_text, mode_line, summary_mode
from hitrun_quiz.ui.room_wire import judged_from, question_from
from hitrun_quiz.ui.screens import render_question, render_result
from hitrun_quiz.ui.terminal import TerminalFrontend, make_console

if TYPE_CHECKING:
    from hitrun_quiz.ui.room_join import State

MEDALS = ("1st", "2nd", "3rd")


def qr_text(url: str) -> Text:
    """A QR code of ``url`` in half blocks (segno), about 15 lines for a LAN URL."""
    import segno

    out = io.StringIO()
    segno.make(url, micro=False).terminal(out=out, compact=True, border=1)
    return Text(out.getvalue().rstrip("\n"))


def standings_table(rows: list[dict[str, Any]], limit: int = 10) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None)
    table.add_column("#", justify="right")
    table.add_column("Player")
    table.add_column("Score", justify="right")
    table.add_column("Right", justify="right")
    survival = any("lives" in r for r in rows)
    if survival:
        table.add_column("Lives", justify="right")
    for r in rows[:limit]:
        cells: list[str | Text] = [
            str(r.get("place")), Text(safe(r.get("player"))), str(r.get("score")),
            str(r.get("correct", "")),
        ]  # fmt: skip
        if survival:
            cells.append(Text("out", style="red") if r.get("out") else Text(str(r.get("lives"))))
        table.add_row(*cells)
    return table


def podium(rows: list[dict[str, Any]]) -> RenderableType:
    """The players on the first three places; a tie shares its place ("2nd" twice)."""
    placed = [(int(r.get("place", i + 1)), r) for i, r in enumerate(rows)]
    lines = [
        Text.assemble(
            (f"{MEDALS[place - 1]:>4}  ", "bold yellow"),
            (safe(r["player"]), "bold"),
            f"  {r['score']} points",
        )
        for place, r in placed
        if place <= len(MEDALS)
    ]
    return Panel(Group(*lines) if lines else Text("Nobody played."), title="Podium")


class HostScreen:
    """The host's view (``room_host.HostView``): lobby, question, reveal, podium, live."""

    def __init__(self, room: Room, console: Console | None = None) -> None:
        self.room = room
        self.console = console or make_console()
        self.live: Live | None = None
        self.info: dict[str, Any] = {}
        self.question: dict[str, Any] | None = None
        self.answered = 0
        self.reveal: dict[str, Any] | None = None
        self.table: list[dict[str, Any]] = []
        self.log: list[str] = []
        self.qr: Text | None = None

    def event(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        if event == "room":
            self.info = message
            self.qr = qr_text(message["url"])
            self.live = Live(get_renderable=self.render, console=self.console, refresh_per_second=4)
            self.live.start()
        elif event == "question":
            self.question, self.answered, self.reveal = message, 0, None
        elif event == "answers":
            self.answered = int(message.get("answered", 0))
        elif event == "reveal":
            self.reveal = message
        elif event in ("standings", "summary"):
            self.table = message.get("standings", [])
        elif event in ("joined", "left", "dropped", "back"):
            who = safe(message.get("player"))
            self.log = [*self.log, f"{who} {event}"][-5:]
        elif event == "out":
            self.log = [*self.log, f"{safe(message.get('player'))} is out of lives"][-5:]
        if self.live is not None and event != "room":
            self.live.refresh()  # every step is drawn at least once, however short

    def note(self, message: str) -> None:
        self.log = [*self.log, safe(message)][-5:]
        if self.live is None:
            self.console.print(Text(safe(message)))

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None
        if self.room.phase == "over":
            self.console.print(podium(self.table))
            self.console.print(standings_table(self.table, 50))

    def render(self) -> RenderableType:
        code = self.info.get("code", "")
        head = Text.assemble(
            ("Room ", "bold"), (code, "bold cyan"), "  ·  ", self.info.get("join", "")
        )
        head.append(f"\nPhones: {self.info.get('url', '')}")
        names = ", ".join(p.name for p in self.room.active()) or "(nobody yet)"
        phase = self.room.phase
        parts: list[RenderableType] = [head]
        if phase == "lobby":
            if self.qr is not None:
                parts.append(self.qr)
            parts += [
                Text(f"{len(self.room.active())} in: ") + Text(names),
                Text("Enter starts · remove NAME, Enter removes · stop, Enter ends", style="dim"),
            ]
        elif phase == "question" and self.question is not None:
            q = self.question
            left = max(0.0, self.room.opened_at + self.room.limit() - self.room.clock())
            body = [Text(safe(q.get("prompt")), style="bold")]
            body += [Text(f"  {LETTERS[i]}) {safe(c)}") for i, c in enumerate(q.get("choices", []))]
            playing = [p for p in self.room.active() if p.first <= self.room.index]
            playing = [p for p in playing if not self.room.knocked_out(p)]
            body.append(Text(f"\n{left:4.0f} s left · {self.answered} of {len(playing)} answered"))
            mode = self.mode_line()
            if mode is not None:
                body.append(Text(mode, style="bold magenta"))
            title = f"Question {q.get('number')}/{q.get('total')} · {safe(q.get('category'))}"
            parts.append(Panel(Group(*body), title=title, border_style="blue"))
        elif phase in ("reveal", "over") and self.reveal is not None:
            answer = Text.assemble("The answer: ", (safe(self.reveal["answer"]), "bold green"))
            parts += [answer, standings_table(self.table)]
        parts += [Text(line, style="dim") for line in self.log[-3:]]
        return Group(*parts)

    def mode_line(self) -> str | None:
        """The room's mode: survival's standing players, blitz's clock."""
        room = self.room
        if room.mode == "survival":
            return f"Survival: {len(room.standing())} of {len(room.active())} standing"
        if room.mode == "blitz":
            return f"Blitz: {room.seconds_left():.0f} s left on the room's clock"
        return None


class TerminalView:
    """A joined player on a terminal: ``play``'s screens and prompts."""

    def __init__(self, console: Console | None = None, prompter: Prompter | None = None) -> None:
        self.console = console or make_console()
        self.prompter = prompter or QuestionaryPrompter(
            colour=colour_wanted(self.console), clock=time.monotonic
        )
        self.frontend = TerminalFrontend(self.console, self.prompter)

    def show(self, msg: dict[str, Any], state: State) -> None:
        event = msg.get("event")
        c = self.console
        if event == "welcome":
            c.print(Text(f"You are in room {safe(msg.get('code'))} as {safe(msg.get('player'))}."))
            if msg.get("phase") == "lobby":
                c.print(Text("Waiting for the host to start...", style="dim"))
            self._mode(state)
        elif event == "question":
            ev = question_from(msg, state.score, state.streak)
            state.asked[ev.asked.number] = ev.asked
            c.print()
            c.print(render_question(ev))
            self._mode(state)
        elif event == "lifeline":
            style = "bold cyan" if msg.get("used") is True else "bold yellow"
            c.print(Text(lifeline_text(msg), style=style))
        elif event == "answered":
            c.print(Text("Answer sent: waiting for the others...", style="dim"))
        elif event == "result":
            asked = state.asked.get(msg.get("number", 0))
            if asked is not None:
                c.print(render_result(judged_from(asked, msg)))
                c.print(Text(f"Place {msg.get('place')} of {msg.get('players')}", style="bold"))
                self._mode(state, after=True)
        elif event == "standings":
            if state.out:
                c.print(Text.assemble("The answer: ", (safe(msg.get("answer")), "bold green")))
            c.print(standings_table(msg.get("standings", []), 5))
        elif event == "summary":
            rows = msg.get("standings", [])
            c.print()
            c.print(podium(rows))
            c.print(
                Text(
                    f"You: {msg.get('score')} points, {msg.get('correct')} of {msg.get('total')}"
                    f" right, place {msg.get('place')} of {len(rows)}.",
                    style="bold",
                )
            )
            end = summary_mode(msg)
            if end:
                c.print(Text(end))
            c.print(Text(f"Play this round alone: {safe(msg.get('replay'))}", style="dim"))

    def _mode(self, state: State, *, after: bool = False) -> None:
        line = mode_line(state, after=after)
        if line is not None:
            self.console.print(Text(line, style="bold magenta"))

    def answer(self, msg: dict[str, Any], seconds: float) -> str | None:
        current = question_from(msg, 0, 0)
        self.frontend.current = current  # the options a 50:50 left, the lifeline keys
        reply = self.frontend.ask(current.asked, max(seconds - 0.2, 0.5))
        if reply.kind == "timeout":
            return None
        if reply.kind in ("lifeline", "walk"):  # X, P or a typed ?hint: the room decides
            return f"?{reply.text or reply.kind}"
        return reply.text if reply.kind == "answer" else ""

    def note(self, message: str) -> None:
        self.console.print(Text(f"hitrun-quiz: {safe(message)}", style="yellow"))
