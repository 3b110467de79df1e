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

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hitrun_quiz.game import (
    LETTERS,
    SKIP,
    TIMEOUT,
    AnswerJudged,
    Asked,
    Event,
    QuestionAsked,
    Reply,
    Round,
    RoundFinished,
    RoundStarted,
    answer_text,
)

if TYPE_CHECKING:
    import typer

    from hitrun_quiz.scores import ScoreRow
    from hitrun_quiz.session import Recorder

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
        rows.append(("Your answer", Text(event.given)))
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


# --------------------------------------------------------------------------- prompts


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a select prompt: its title (shown literally), value and shortcut keys."""

    title: str
    value: str
    keys: tuple[str, ...] = ()


class Prompter(Protocol):
    """What the frontend needs to read from a player.

    Every method raises KeyboardInterrupt (Ctrl-C) or EOFError (Ctrl-D) when
    the player gives up; ``deadline`` (a ``clock()`` value) closes the prompt
    and returns None.
    """

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        *,
        instruction: str | None = None,
        deadline: float | None = None,
    ) -> str | None: ...

    def text(
        self,
        message: str,
        *,
        default: str = "",
        instruction: str | None = None,
        validate: Callable[[str], bool | str] | None = None,
        deadline: float | None = None,
    ) -> str | None: ...

    def confirm(self, message: str, *, default: bool = False) -> bool: ...


def colour_wanted(console: Console | None = None) -> bool:
    """False under NO_COLOR (or --no-color), TERM=dumb, or a console without colours."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if console is not None:
        return not console.no_color and console.color_system is not None
    return True


class QuestionaryPrompter:
    """Prompts drawn by questionary on prompt_toolkit (both imported on first use).

    ``input``/``output`` are prompt_toolkit objects (tests pass a pipe input and
    a dummy output); ``clock`` is the clock deadlines are measured on.
    """

    def __init__(
        self,
        *,
        colour: bool = True,
        input: Any = None,
        output: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.colour = colour
        self.input = input
        self.output = output
        self.clock = clock

    def prepare(self) -> None:
        """Import the prompt libraries now, so the first question's clock does not pay for it."""
        import questionary  # noqa: F401

    def _kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"erase_when_done": True}
        if self.input is not None:
            kwargs["input"] = self.input
        if self.output is not None:
            kwargs["output"] = self.output
        if not self.colour:
            from prompt_toolkit.output import ColorDepth

            kwargs["color_depth"] = ColorDepth.DEPTH_1_BIT
        return kwargs

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        *,
        instruction: str | None = None,
        deadline: float | None = None,
    ) -> str | None:
        import questionary
        from prompt_toolkit.filters import to_filter
        from questionary.prompts.common import InquirerControl

        question = questionary.select(
            message,
            # Plain strings: prompt_toolkit shows them as they are (no HTML, no markup).
            choices=[questionary.Choice(title=o.title, value=o.value) for o in options],
            instruction=instruction,
            use_jk_keys=False,
            **self._kwargs(),
        )
        app = question.application
        control = None
        for window in app.layout.find_all_windows():
            if isinstance(window.content, InquirerControl):
                control = window.content
                window.wrap_lines = to_filter(True)  # long options wrap on a narrow terminal
        assert control is not None

        def jump(index: int) -> Callable[[Any], None]:
            def handler(_event: Any) -> None:
                control.pointed_at = index

            return handler

        bindings = [
            (key, jump(index)) for index, o in enumerate(options) for key in _key_variants(o.keys)
        ]
        return self._run(app, deadline, bindings)

    def text(
        self,
        message: str,
        *,
        default: str = "",
        instruction: str | None = None,
        validate: Callable[[str], bool | str] | None = None,
        deadline: float | None = None,
    ) -> str | None:
        import questionary

        question = questionary.text(
            message, default=default, instruction=instruction, validate=validate, **self._kwargs()
        )
        return self._run(question.application, deadline)

    def confirm(self, message: str, *, default: bool = False) -> bool:
        import questionary

        kwargs = self._kwargs()
        kwargs.pop("erase_when_done")  # keep "? Question Yes/No" on screen
        question = questionary.confirm(message, default=default, **kwargs)
        return bool(self._run(question.application, None))

    def _run(
        self,
        app: Any,
        deadline: float | None,
        bindings: Sequence[tuple[str, Callable[[Any], None]]] = (),
    ) -> Any:
        """Run a questionary application; Ctrl-C/Ctrl-D raise; a deadline returns None."""
        import asyncio

        from prompt_toolkit.filters import is_done
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
        from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
        from prompt_toolkit.layout.controls import FormattedTextControl

        kb = KeyBindings()

        @kb.add("c-c", eager=True)
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        @kb.add("c-d", eager=True)
        def _eof(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        for key, handler in bindings:
            kb.add(key, eager=True)(handler)
        app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, kb) if b])
        if deadline is None:
            return app.run()

        clock = self.clock

        def countdown() -> list[tuple[str, str]]:
            left = max(0, int(deadline - clock() + 0.999))
            return [("class:instruction", f"Time left: {left} s")]

        old = app.layout
        app.layout = Layout(
            HSplit(
                [
                    old.container,
                    ConditionalContainer(
                        Window(FormattedTextControl(countdown), height=1), filter=~is_done
                    ),
                ]
            ),
            focused_element=old.current_window,
        )

        async def tick() -> None:
            while True:
                left = deadline - clock()
                if left <= 0:
                    if not app.is_done:
                        app.exit(result=None)  # None: out of time
                    return
                app.invalidate()
                # Wake at the next whole second of the countdown.
                await asyncio.sleep(min(left, (left % 1) or 1.0) + 0.001)

        return app.run(pre_run=lambda: app.create_background_task(tick()))


def _key_variants(keys: Sequence[str]) -> list[str]:
    """Each shortcut key, plus its upper case for letters ("a" and "A")."""
    out: list[str] = []
    for key in keys:
        for variant in (key.lower(), key.upper()):
            if variant not in out:
                out.append(variant)
    return out


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
    from hitrun_quiz.answers import parse_number

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
    from hitrun_quiz.scores import clean_player_name
    from hitrun_quiz.session import default_player, remember_player

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


# --------------------------------------------------------------------------- menu and confirm


MENU = [
    Option("1) Play", "play", ("1", "p")),
    Option("2) Packs", "packs", ("2",)),
    Option("3) Scores", "scores", ("3", "s")),
    Option("4) Quit", "quit", ("4", "q")),
]


def main_menu(ctx: typer.Context) -> None:
    """The menu of ``hitrun-quiz`` with no command: Play, Packs, Scores, Quit."""
    import typer

    from hitrun_quiz import cli
    from hitrun_quiz.errors import PackError, QuizError

    console = make_console()
    prompter = QuestionaryPrompter(colour=colour_wanted(console))
    console.print(
        Panel(
            Text("A terminal trivia game about the Netflix thriller Hit & Run (2021)."),
            title=Text(APP_TITLE, style="bold"),
            title_align="left",
            border_style="cyan",
        )
    )
    while True:
        try:
            choice = prompter.choose(
                "What would you like to do?", MENU, instruction="(arrows, 1-4)"
            )
        except (KeyboardInterrupt, EOFError):
            raise typer.Exit(ABANDONED) from None
        try:
            if choice == "play":
                try:
                    ctx.invoke(cli.play)
                except typer.Exit as exc:
                    if exc.exit_code:
                        raise
            elif choice == "packs":
                ctx.invoke(cli.packs_list)
            elif choice == "scores":
                from hitrun_quiz.session import Recorder

                console.print(render_scores(Recorder().top(10)))
            else:
                return
        except PackError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        except QuizError as exc:
            print(f"hitrun-quiz: {exc}", file=sys.stderr)
        sys.stderr.flush()
        console.print()


def ask_confirm(question: str) -> bool:
    """A yes/no confirmation, default No; Ctrl-C or Ctrl-D means no."""
    try:
        return QuestionaryPrompter(colour=colour_wanted()).confirm(question, default=False)
    except (KeyboardInterrupt, EOFError):
        return False
