"""Hot-seat on one terminal (``play --players Ann,Bob``): the turns, interactive or scripted."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from hitrun_quiz.app.hotseat import HotSeat
from hitrun_quiz.game.events import AnswerJudged, Event, LifelineUsed, QuestionAsked, RoundStarted
from hitrun_quiz.safetext import json_text, safe
from hitrun_quiz.ui.script import ScriptFrontend

if TYPE_CHECKING:
    from rich.console import Console

    from hitrun_quiz.app.rounds import RoundSetup
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.events import Frontend
    from hitrun_quiz.ui.prompts import Prompter

ABANDONED = 130


class HotSeatScript(ScriptFrontend):
    """``play``'s scripted frontend, saying whose turn each question is."""

    player = ""
    players: list[str] = []  # noqa: RUF012 - set per game

    def show(self, event: Event) -> None:
        if self.json_lines and isinstance(event, RoundStarted):
            data = event.to_json() | {"players": self.players}
            self.write(json_text(json.dumps(data, ensure_ascii=False)))
            return
        if self.json_lines and isinstance(event, (QuestionAsked, LifelineUsed, AnswerJudged)):
            data = event.to_json() | {"player": self.player}
            self.write(json_text(json.dumps(data, ensure_ascii=False)))
            return
        if isinstance(event, QuestionAsked) and not event.again:
            self.write(f"\n{safe(self.player)}'s turn")
        super().show(event)


def play_turns(game: HotSeat, frontend: Frontend, on_turn: Any) -> bool:
    """Ask every question to its player in turn; False when the answers ran out.

    Each player's round asks as ``play`` does (``Round.ask``): their own lifelines
    (``?50``, ``?hint``, ``?skip``, or the keys X and P), the same question again after one.
    """
    frontend.show(game.rounds[0].started())
    for i, asked in game.turns():
        rnd = game.rounds[i]
        on_turn(game.players[i])
        reply = rnd.ask(frontend, asked)
        if reply.kind == "eof":
            return False
        frontend.show(rnd.judge(asked, reply))
    return True


def run_scripted(
    game: HotSeat, recorder: Recorder, answers: TextIO, out: TextIO, err: TextIO, json_lines: bool
) -> None:
    fe = HotSeatScript(answers, out, err, json_lines=json_lines)
    fe.players = game.players

    def turn(name: str) -> None:
        fe.player = name

    play_turns(game, fe, turn)
    summaries, warnings = game.record(recorder)
    for w in warnings:
        fe.note(w)
    table = game.standings()
    for row in table:
        s = summaries[game.players.index(row["player"])]
        row |= {"rank": s.rank, "board": s.board, "round_id": s.round_id}
    if json_lines:
        data = {"event": "summary", "seed": game.seed, "standings": table, "replay": game.replay()}
        fe.write(json_text(json.dumps(data, ensure_ascii=False)))
        return
    lines = ["", "Game over:"]
    lines += [
        f"  {r['place']}. {safe(r['player'])}: {r['score']} points, {r['correct']} correct"
        + _lives(r)
        + (f", rank #{r['rank']} on {r['board']}" if r["rank"] is not None else "")
        for r in table
    ]
    lines.append(f"Play this game again: {safe(game.replay())}")
    fe.write("\n".join(lines))


def _lives(row: dict[str, Any]) -> str:
    """Survival: ", out" or ", 2 lives left" (nothing in classic)."""
    if "lives" not in row:
        return ""
    n = row["lives"]
    return ", out" if row.get("out") else f", {n} {'life' if n == 1 else 'lives'} left"


def run_interactive(game: HotSeat, recorder: Recorder, console: Console | None = None) -> int:
    """The turns on a terminal, a podium at the end; 130 when abandoned (nothing recorded)."""
    from rich.rule import Rule
    from rich.text import Text

    from hitrun_quiz.ui.prompts import QuestionaryPrompter, colour_wanted
    from hitrun_quiz.ui.room_screen import podium, standings_table
    from hitrun_quiz.ui.terminal import TerminalFrontend, make_console

    console = console or make_console()
    prompter = QuestionaryPrompter(colour=colour_wanted(console))
    fe = TerminalFrontend(console, prompter)

    def turn(name: str) -> None:
        console.print()
        console.print(Rule(Text(f"{name}'s turn", style="bold magenta")))

    try:
        play_turns(game, fe, turn)
    except (KeyboardInterrupt, EOFError):
        console.print(Text("Game abandoned: nothing recorded", style="bold"))
        return ABANDONED
    _, warnings = game.record(recorder)
    for w in warnings:
        console.print(Text(f"hitrun-quiz: {w}", style="yellow"))
    table = game.standings()
    console.print(podium(table))
    console.print(standings_table(table))
    console.print(Text(f"Play this game again: {game.replay()}", style="dim"))
    return 0


def hotseat_command(
    draw: dict[str, Any],
    players: str,
    seed: int | None,
    recorder: Recorder,
    answers: str | None,
    json_lines: bool,
) -> int:
    """``play --players``: deal the game, play it on a terminal or scripted; the exit code."""
    import sys

    from hitrun_quiz.app.hotseat import parse_players
    from hitrun_quiz.app.rounds import setup_round

    game = HotSeat.deal(setup_round(**draw), parse_players(players), seed)
    note = recorder.check()
    if note:
        print(f"hitrun-quiz: {note}", file=sys.stderr, flush=True)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if answers is None and not json_lines and interactive:
        return run_interactive(game, recorder)
    if answers is None or answers == "-":
        run_scripted(game, recorder, sys.stdin, sys.stdout, sys.stderr, json_lines)
        return 0
    from hitrun_quiz.files import os_failure

    try:
        source = open(answers, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise os_failure("read --answers", answers, exc) from None
    with source:
        run_scripted(game, recorder, source, sys.stdout, sys.stderr, json_lines)
    return 0


def play_together(setup: RoundSetup, prompter: Prompter, console: Console) -> int:
    """The menu's "Play together on this terminal": names, then the game."""
    from hitrun_quiz.app.hotseat import parse_players
    from hitrun_quiz.app.session import Recorder

    typed = prompter.text("Players, separated by commas:", instruction="(e.g. Ann,Bob,Cy)")
    if not typed:
        return 0
    game = HotSeat.deal(setup, parse_players(typed))
    recorder = Recorder()
    recorder.check()
    return run_interactive(game, recorder, console)
