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

import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hitrun_quiz.game.draw import LETTERS, Asked
from hitrun_quiz.game.engine import Round, answer_text
from hitrun_quiz.game.events import (
    SKIP,
    TIMEOUT,
    AnswerJudged,
    Event,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.safetext import safe
from hitrun_quiz.ui.prompts import Option, Prompter, QuestionaryPrompter, colour_wanted

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.store.records import ScoreRow

ABANDONED = 130
APP_TITLE = "Hit & Run quiz"

TYPE_LABELS = {
    "choice": "multiple choice",
    "truefalse": "true or false",
    "text": "text answer",
    "number": "number",
}
DIFFICULTY_STYLES = {"easy": "green", "medium": "yellow", "hard": "red"}
HINTS = {
    "text": "Type your answer and press Enter; an empty answer skips.",
    "number": "Type a number (9 or nine) and press Enter; an empty answer skips.",
}
VERDICTS = {
    "correct": ("Correct!", "green"),
    "wrong": ("Wrong", "red"),
    "skipped": ("Skipped", "yellow"),
    "timeout": ("Out of time", "yellow"),
    "unanswered": ("Unanswered", "yellow"),
}
NOT_A_NUMBER = "Not a number: type digits (9) or words (nine), or leave it empty to skip."


# --------------------------------------------------------------------------- screens


def _grid(rows: Sequence[tuple[str, Text]]) -> Table:
    """Label/value rows: constant labels, untrusted values as Text."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), value)
    return grid


def _standing(score: int, streak: int) -> Text:
    return Text(f"Score {score} · Streak {streak}")


def render_welcome(event: RoundStarted) -> RenderableType:
    """The first screen of a round: packs, questions, filters, time limit and seed."""
    titles = Text(" + ").join(Text(p.title) for p in event.packs)
    questions = Text(str(event.count))
    if event.count < event.requested:
        questions.append(
            f" (only {event.count} match the filters; {event.requested} asked for)", "yellow"
        )
    limit = f"{event.time_limit:g} s a question" if event.time_limit else "none"
    grid = _grid(
        [
            ("Pack" + "s" * (len(event.packs) > 1), titles),
            ("Questions", questions),
            ("Filters", Text(event.filters.describe())),
            ("Time limit", Text(limit)),
            ("Seed", Text(f"{event.seed} (replay with --seed {event.seed})")),
        ]
    )
    help_text = Text(
        "Arrow keys or A-E to choose, Enter to answer; an empty answer skips; "
        "Ctrl-C abandons the round.",
        style="dim",
    )
    return Panel(
        Group(grid, Text(), help_text),
        title=Text(APP_TITLE, style="bold"),
        title_align="left",
        border_style="cyan",
    )


def render_question(event: QuestionAsked) -> RenderableType:
    """One question: number, category, difficulty, type, score, streak and the prompt.

    The options of a choice question are shown by the prompt below the panel.
    """
    a, q = event.asked, event.asked.question
    meta = Text.assemble(
        (q.category, "cyan"),
        " · ",
        (q.difficulty, DIFFICULTY_STYLES.get(q.difficulty, "")),
        " · ",
        TYPE_LABELS.get(q.type, q.type),
    )
    parts: list[RenderableType] = [meta, Text(), Text(q.prompt, style="bold")]
    hint = HINTS.get(q.type)
    if hint:
        parts += [Text(), Text(hint, style="dim")]
    return Panel(
        Group(*parts),
        title=Text(f"Question {a.number}/{a.total}", style="bold"),
        title_align="left",
        subtitle=_standing(event.score, event.streak),
        subtitle_align="right",
        border_style="blue",
    )


def render_result(event: AnswerJudged) -> RenderableType:
    """After an answer: the verdict, points, the answer, the explanation and the source."""
    q = event.asked.question
    verdict, colour = VERDICTS.get(event.outcome, (event.outcome, ""))
    title = Text(verdict, style=f"bold {colour}")
    title.append(f" +{event.points} points" if event.correct else " (0 points)")
    rows: list[tuple[str, Text]] = []
    if event.given is not None:
        rows.append(("Your answer", Text(safe(event.given))))
    rows.append(("Answer", Text(answer_text(q.answer), style="bold")))
    parts: list[RenderableType] = [_grid(rows)]
    if q.explanation:
        parts.append(Text(q.explanation))
    fact, source = event.asked.fact, event.asked.source
    if fact is not None:
        quote = Text.assemble("“", fact.quote, "”", style="dim italic")
        if source is not None:
            quote.append("\n— ", style="dim")
            quote.append(f"{source.publisher}, {source.date}", style="dim")
        parts.append(quote)
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text())
        spaced.append(part)
    return Panel(
        Group(*spaced),
        title=title,
        title_align="left",
        subtitle=_standing(event.score, event.streak),
        subtitle_align="right",
        border_style=colour,
    )


def render_summary(event: RoundFinished) -> RenderableType:
    """The end of a round: score, correct answers, best streak and a per-category table."""
    rows = [
        ("Score", Text(str(event.score), style="bold")),
        ("Correct", Text(f"{event.correct} of {event.total} ({event.answered} answered)")),
        ("Best streak", Text(str(event.best_streak))),
    ]
    if event.rank is not None:
        rows.append(("Rank", Text(f"#{event.rank}")))
    rows.append(("Seed", Text(f"{event.seed} (replay with --seed {event.seed})")))
    parts: list[RenderableType] = [_grid(rows)]
    if not event.finished:
        parts += [Text(), Text("Recorded as unfinished: the round was not played to the end.")]
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("Category", overflow="fold")
    table.add_column("Correct", justify="right", no_wrap=True)
    for category, right, asked in event.by_category:
        table.add_row(Text(category), Text(f"{right}/{asked}"))
    parts += [Text(), table]
    return Panel(
        Group(*parts),
        title=Text("Round over", style="bold"),
        title_align="left",
        border_style="magenta",
    )


def render_scores(rows: Sequence[ScoreRow], round_id: int | None = None) -> RenderableType:
    """The top of the high-score table, with the row of ``round_id`` highlighted."""
    from hitrun_quiz.ui.tables import SCORE_HEADERS, rich_table, score_cells

    if not rows:
        return Text("No finished rounds yet.")
    highlight = next((i for i, r in enumerate(rows) if r.round_id == round_id), None)
    return rich_table(
        SCORE_HEADERS,
        score_cells(rows),
        title="High scores",
        numeric={0, 2, 3},
        highlight=highlight,
    )


def render_rank(rank: int | None) -> Text:
    if rank is None:
        return Text("Not ranked.")
    return Text.assemble("Your round is ", (f"#{rank}", "bold"), " in the high scores.")


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

    # -- Frontend protocol

    def show(self, event: Event) -> None:
        if isinstance(event, RoundStarted):
            self.console.print(render_welcome(event))
            prepare = getattr(self.prompter, "prepare", None)
            if prepare is not None:
                prepare()
        elif isinstance(event, QuestionAsked):
            self.console.print()
            self.console.print(render_question(event))
        elif isinstance(event, AnswerJudged):
            self.console.print(render_result(event))
        elif isinstance(event, RoundFinished):
            self.console.print()
            self.console.print(render_summary(event))

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        deadline = None if time_limit is None else self.clock() + time_limit
        q = asked.question
        if q.type in ("choice", "truefalse"):
            if q.type == "choice":
                options = [
                    Option(f"{LETTERS[i]}) {choice}", choice, (LETTERS[i], str(i + 1)))
                    for i, choice in enumerate(asked.choices)
                ]
                last = LETTERS[len(options) - 1]
                instruction = f"(arrows, A-{last}, 1-{len(options)})"
            else:
                options = [Option("True", "true", ("t", "1")), Option("False", "false", ("f", "2"))]
                instruction = "(arrows, T, F)"
            chosen = self.prompter.choose(
                "Your answer", options, instruction=instruction, deadline=deadline
            )
            return TIMEOUT if chosen is None else Reply.answer(chosen)
        validate = _number_validator if q.type == "number" else None
        typed = self.prompter.text(
            "Your answer:", instruction=None, validate=validate, deadline=deadline
        )
        if typed is None:
            return TIMEOUT
        return Reply.answer(typed) if typed.strip() else SKIP

    # -- the rest of an interactive round

    def ask_name(self, default: str) -> str:
        typed = self.prompter.text("Your name for the high scores:", default=default)
        return typed or ""

    def confirm(self, message: str, *, default: bool = False) -> bool:
        """A yes/no question; Ctrl-C or Ctrl-D means no."""
        try:
            return self.prompter.confirm(message, default=default)
        except (KeyboardInterrupt, EOFError):
            return False

    def show_standing(
        self, rank: int | None, rows: Sequence[ScoreRow], round_id: int | None
    ) -> None:
        self.console.print(render_rank(rank))
        self.console.print(render_scores(rows, round_id))


def _number_validator(text: str) -> bool | str:
    """questionary validation: a number, or nothing (a skip)."""
    from hitrun_quiz.normalise import parse_number

    if not text.strip() or parse_number(text) is not None:
        return True
    return NOT_A_NUMBER


def make_console() -> Console:
    """The console for interactive screens (NO_COLOR and TERM=dumb honoured by Rich)."""
    return Console(highlight=False, emoji=False)


def play_interactive(
    rnd: Round,
    new_round: Callable[[int | None], Round],
    recorder: Recorder,
    *,
    player: str | None,
    console: Console | None = None,
    prompter: Prompter | None = None,
) -> int:
    """Play rounds until the player stops; return the exit code (0, or 130 when abandoned)."""
    from hitrun_quiz.app.session import default_player, remember_player
    from hitrun_quiz.safetext import clean_player_name

    console = console or make_console()
    prompter = prompter or QuestionaryPrompter(colour=colour_wanted(console), clock=rnd.clock)
    frontend = TerminalFrontend(console, prompter, clock=rnd.clock)
    try:
        while True:
            started_at = time.time()
            summary = rnd.play(frontend)
            frontend.show(summary)
            name = player
            if name is None:
                default = default_player()
                name = clean_player_name(frontend.ask_name(default)) or default
                remember_player(name)
            summary, round_id, warning = recorder.save(
                rnd, summary, player=name, mode="interactive", started_at=started_at
            )
            if warning:
                print(f"hitrun-quiz: {warning}", file=sys.stderr, flush=True)
            frontend.show_standing(summary.rank, recorder.top(10), round_id)
            if not frontend.confirm("Play again?"):
                return 0
            rnd = new_round(None)
    except (KeyboardInterrupt, EOFError):
        console.print()
        console.print(Text("Round abandoned", style="bold"))
        return ABANDONED
