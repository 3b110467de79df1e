"""The interactive frontend: Rich screens, questionary prompts.

Only imported for interactive play, the root menu and confirmations, so Rich
is imported at the top; questionary and prompt_toolkit are imported inside
:class:`QuestionaryPrompter`'s methods, right before a prompt is shown, so
``--help``, ``--version``, scripted rounds and ``scores --json`` never pay for
them.

Every screen is a pure ``render_*`` function of one engine event, so tests
render them to text with a recording console.  Pack text and player names are
always wrapped in :class:`rich.text.Text` (never interpolated into markup) and
handed to prompt_toolkit as plain strings, so ``[bold red]x[/]`` or
``<b>y</b>`` is shown exactly as written.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from hitrun_quiz.app.daily import DailyPlan, day_board, record_daily
from hitrun_quiz.app.rounds import DrawsForAPlayer
from hitrun_quiz.app.session import default_player, remember_player
from hitrun_quiz.game.answers import LETTERS
from hitrun_quiz.game.draw import Asked
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import (
    SKIP,
    TIMEOUT,
    AnswerJudged,
    Event,
    LifelineUsed,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.game.lifelines import parse
from hitrun_quiz.normalise import parse_number
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.ui.daily import board_title
from hitrun_quiz.ui.invocation import program, shell_path
from hitrun_quiz.ui.prompts import Option, Prompter, QuestionaryPrompter, colour_wanted
from hitrun_quiz.ui.screens import (
    APP_TITLE,
    NARROW,
    NOT_A_NUMBER,
    render_question,
    render_rank,
    render_result,
    render_scores,
    render_summary,
    render_welcome,
)
from hitrun_quiz.ui.share import can_copy, copied_note, copy, share_of, share_style
from hitrun_quiz.ui.tables import SCORE_HEADERS, narrow_scores, rich_table, score_cells

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.store.records import ScoreRow

__all__ = [
    "ABANDONED",
    "APP_TITLE",
    "NOT_A_NUMBER",
    "TerminalFrontend",
    "make_console",
    "play_interactive",
    "render_question",
    "render_rank",
    "render_result",
    "render_scores",
    "render_summary",
    "render_welcome",
]

ABANDONED = 130
TALL = 40  # a screen at least this tall shows the whole top 10 after a round


# --------------------------------------------------------------------------- the frontend


class TerminalFrontend:
    """The engine's Frontend for a terminal: renders events, collects replies.

    ``console`` is where screens go; ``prompter`` is where answers come from.
    """

    def __init__(
        self,
        console: Console,
        prompter: Prompter,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.prompter = prompter
        self.clock = clock
        self.pauses = True  # after each answer; a blitz round does not pause
        self.current: QuestionAsked | None = None  # the question on screen

    # -- Frontend protocol

    def show(self, event: Event) -> None:
        if isinstance(event, RoundStarted):
            self.console.print(render_welcome(event))
            self.pauses = event.mode != "blitz"
            prepare = getattr(self.prompter, "prepare", None)
            if prepare is not None:
                prepare()
        elif isinstance(event, QuestionAsked):
            self.current = event
            self.console.print()
            self.console.print(render_question(event))
        elif isinstance(event, LifelineUsed):
            from hitrun_quiz.ui.modes_text import lifeline_line

            style = "bold cyan" if event.ok else "bold yellow"
            self.console.print(Text(lifeline_line(event), style=style))
        elif isinstance(event, AnswerJudged):
            self.console.print(render_result(event))
            if not self.pauses:
                return
            last = event.final or event.asked.number == event.asked.total
            # A pause: the next question (and its clock) waits for Enter, and
            # keys typed while the feedback was up are thrown away.
            self.prompter.pause(
                "Press Enter for the results" if last else "Press Enter for the next question"
            )
        elif isinstance(event, RoundFinished):
            self.console.print()
            self.console.print(render_summary(event))

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        deadline = None if time_limit is None else self.clock() + time_limit
        q = asked.question
        arrows = "arrows, " if self.console.width >= NARROW else ""  # one line at 40 columns
        current = self.current if self.current and self.current.asked == asked else None
        if q.type in ("choice", "truefalse"):
            if q.type == "choice":
                shown = current.shown if current else list(enumerate(asked.choices))
                options = [
                    Option(f"{LETTERS[i]}) {choice}", choice, (LETTERS[i], str(i + 1)))
                    for i, choice in shown
                ]
                if len(shown) == len(asked.choices):
                    last = LETTERS[len(options) - 1]
                    instruction = f"({arrows}A-{last}, 1-{len(options)}; S skips)"
                else:
                    instruction = f"({arrows}{', '.join(LETTERS[i] for i, _ in shown)}; S skips)"
            else:
                options = [Option("True", "true", ("t", "1")), Option("False", "false", ("f", "2"))]
                instruction = f"({arrows}T, F; S skips)"
            options += lifeline_options(current)
            chosen = self.prompter.choose(
                "Your answer", options, instruction=instruction, deadline=deadline, skip_key="s"
            )
            if chosen is None:
                return TIMEOUT
            if chosen.startswith(LIFELINE):
                return Reply.typed(chosen.removeprefix(LIFELINE))
            return SKIP if chosen == "" else Reply.answer(chosen)
        validate = _number_validator if q.type == "number" else None
        typed = self.prompter.text(
            "Your answer:", instruction=None, validate=validate, deadline=deadline
        )
        if typed is None:
            return TIMEOUT
        return Reply.typed(typed)

    # -- the rest of an interactive round

    def ask_name(self, default: str) -> str:
        """The player's name; an empty answer keeps ``default`` (shown as a hint)."""
        wide = self.console.width >= NARROW
        typed = self.prompter.text(
            "Your name for the high scores:" if wide else "Your name:",
            instruction=f"(Enter for {default})",
        )
        return typed or ""

    def confirm(self, message: str, *, default: bool = False) -> bool:
        """A yes/no question; Ctrl-C or Ctrl-D means no."""
        try:
            return self.prompter.confirm(message, default=default)
        except (KeyboardInterrupt, EOFError):
            return False

    def show_standing(
        self,
        summary: RoundFinished,
        rows: Sequence[ScoreRow],
        round_id: int | None,
        pack_files: Sequence[str] = (),
    ) -> None:
        """The rank, how to replay the round, and the board; ``pack_files``: the round's
        packs that are files, not installed (the replay command names them)."""
        self.console.print(render_rank(summary))
        if round_id is not None and summary.draw != "seeded":
            packs = "".join(f" --pack {shell_path(f)}" for f in pack_files)
            command = f"{program()} play --replay {round_id}{packs}"
            # A command too long for the line gets a line of its own, never broken by
            # Rich (soft wrap: the terminal folds it, a copy pastes it whole).
            lead = "Replay this round with:"
            fits = len(lead) + 1 + len(command) <= self.console.width
            self.console.print(Text(f"{lead} {command}" if fits else lead))
            if not fits:
                self.console.print(Text(command), soft_wrap=True)
        self.console.print(
            render_scores(rows, round_id, board=summary.board, width=self.console.width)
        )


#: The value of a lifeline's option in a select prompt: never an option's text.
LIFELINE = "\x00"
#: One key each for the lifelines of a select prompt (text prompts take ?50, ?hint, ?skip).
LIFELINE_KEYS = {"50": "x", "skip": "p", "walk": "w"}


def lifeline_options(event: QuestionAsked | None) -> list[Option]:
    """The lifelines left that fit the question, and a ladder's walk away, as options."""
    from hitrun_quiz.game.lifelines import TITLES, refusal

    if event is None:
        return []
    out = []
    for name in event.lifelines:
        if name in LIFELINE_KEYS and refusal(name, event.asked.question) is None:
            key = LIFELINE_KEYS[name]
            label = f"{key.upper()}) lifeline {TITLES[name]}"
            out.append(Option(label, f"{LIFELINE}?{name}", (key,)))
    status = event.status
    if status is not None and status.mode == "ladder" and status.prize is not None:
        out.append(Option(f"W) walk away with {status.prize:,}", f"{LIFELINE}?walk", ("w",)))
    return out


def _number_validator(text: str) -> bool | str:
    """questionary validation: a number, nothing (a skip) or a lifeline (?hint)."""

    if not text.strip() or parse_number(text) is not None or parse(text) is not None:
        return True
    return NOT_A_NUMBER


def make_console() -> Console:
    """The console for interactive screens (NO_COLOR and TERM=dumb honoured by Rich)."""
    return Console(highlight=False, emoji=False)


def play_interactive(
    rnd: Round,
    new_round: Callable[[int | None], Round | str],
    recorder: Recorder,
    *,
    player: str | None,
    console: Console | None = None,
    prompter: Prompter | None = None,
) -> int:
    """Play rounds until the player stops; return the exit code (0, or 130 when interrupted).

    Ctrl-C or Ctrl-D during a round abandons it (nothing recorded); at the
    name prompt, the finished round is still recorded, under the default name.
    """

    console = console or make_console()
    prompter = prompter or QuestionaryPrompter(colour=colour_wanted(console), clock=rnd.clock)
    frontend = TerminalFrontend(console, prompter, clock=rnd.clock)
    while True:
        try:
            started_at = time.time()
            summary = rnd.play(frontend)
            frontend.show(summary)
        except (KeyboardInterrupt, EOFError):
            console.print()
            console.print(Text("Round abandoned", style="bold"))
            return ABANDONED
        name, interrupted = player, False
        if name is None:
            # The name this round was drawn for is the default: Enter keeps one name.
            drawn_for = new_round.player if isinstance(new_round, DrawsForAPlayer) else None
            default = drawn_for or default_player()
            try:
                name = clean_player_name(frontend.ask_name(default)) or default
                remember_player(name)
            except (KeyboardInterrupt, EOFError):
                name, interrupted = default, True
            if isinstance(new_round, DrawsForAPlayer):
                new_round.player = name  # the next fresh draw is this player's
        summary, round_id, warning = recorder.save(
            rnd, summary, player=name, mode="interactive", started_at=started_at
        )
        if warning:
            print(f"hitrun-quiz: {warning}", file=sys.stderr, flush=True)
        files = [p.path for p in rnd.packs if p.origin == "file" and p.path]
        rows = _standing_rows(recorder, summary, round_id)
        frontend.show_standing(summary, rows, round_id, files)
        if interrupted:
            console.print(Text.assemble("Round recorded as ", (name, "bold"), "."))
            return ABANDONED
        if not frontend.confirm("Play again?"):
            return 0
        again = new_round(None)
        if isinstance(again, str):  # a retry with nothing left to retry
            console.print(Text(again))
            return 0
        rnd = again


def _standing_rows(
    recorder: Recorder, summary: RoundFinished, round_id: int | None
) -> list[ScoreRow]:
    """The top 10 of the round's board; on a short screen, the rows around the round."""

    board = summary.board
    tall = shutil.get_terminal_size((80, 24)).lines >= TALL
    if round_id is None or summary.rank is None or tall or board is None:
        return recorder.top(10 if tall else 5, board=board)
    return recorder.around(round_id, summary.rank, board, rows=5)


def play_daily_interactive(plan: DailyPlan, recorder: Recorder, *, copy_it: bool = False) -> int:
    """A daily round on a terminal; returns 0, or 130 when abandoned (nothing recorded)."""

    rnd = plan.new_round()
    console = make_console()
    prompter = QuestionaryPrompter(colour=colour_wanted(console), clock=rnd.clock)
    frontend = TerminalFrontend(console, prompter, clock=rnd.clock)
    try:
        started_at = time.time()
        summary = rnd.play(frontend)
        summary, round_id, warning = record_daily(
            plan, rnd, summary, recorder=recorder, started_at=started_at
        )
        if warning:
            print(f"hitrun-quiz: {warning}", file=sys.stderr, flush=True)
        frontend.show(summary)
        info = summary.daily
        assert info is not None
        line = share_of(info, share_style(sys.stdout)) or ""
        console.print()
        console.print(Text(line))
        console.print()
        rows = day_board(recorder, plan.day, plan.pack.id)
        if rows:
            highlight = next((i for i, r in enumerate(rows) if r.round_id == round_id), None)
            title = board_title(info.date, info.day)
            cells = score_cells(rows, round_id)
            if console.width < NARROW:  # two lines a row: no name, id or date broken
                console.print(narrow_scores(rows, round_id, width=console.width, title=title))
            else:
                console.print(
                    rich_table(
                        SCORE_HEADERS, cells, title=title, numeric={0, 2, 3}, highlight=highlight
                    )
                )
        if not copy_it and can_copy(sys.stdout):
            copy_it = frontend.confirm("Copy the share line to the clipboard?", default=True)
        if copy_it:
            console.print(Text(copied_note(copy(line, sys.stdout))))
        return 0
    except (KeyboardInterrupt, EOFError):
        console.print()
        note = " (nothing recorded: today's official attempt is still yours)" * plan.official
        console.print(Text(f"Round abandoned{note}", style="bold"))
        return ABANDONED
