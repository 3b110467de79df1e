"""The screens of an interactive round: one pure ``render_*`` function per engine event.

Tests render them to text with a recording console of a fixed width.  Pack
text and player names are always wrapped in :class:`rich.text.Text`, never
interpolated into markup, so ``[bold red]x[/]`` is shown exactly as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hitrun_quiz.game.engine import answer_text
from hitrun_quiz.game.events import (
    AnswerJudged,
    DailyInfo,
    QuestionAsked,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.normalise import parse_bool
from hitrun_quiz.safetext import safe
from hitrun_quiz.store.boards import board_title
from hitrun_quiz.ui.script import DRAWS
from hitrun_quiz.ui.tables import score_table

if TYPE_CHECKING:
    from hitrun_quiz.store.records import ScoreRow

APP_TITLE = "Hit & Run quiz"
NARROW = 60  # below this many columns, tables drop columns

TYPE_LABELS = {
    "choice": "multiple choice",
    "truefalse": "true or false",
    "text": "text answer",
    "number": "number",
}
DIFFICULTY_STYLES = {"easy": "green", "medium": "yellow", "hard": "red"}
HINTS = {
    "choice": "A letter or number answers at once (or arrows, then Enter); S skips.",
    "truefalse": "T or F answers at once (or arrows, then Enter); S skips.",
    "text": "Type your answer and press Enter; an empty answer skips.",
    "number": "Type a number and press Enter; an empty answer skips.",
}
VERDICTS = {
    "correct": ("Correct!", "green"),
    "wrong": ("Wrong", "red"),
    "skipped": ("Skipped", "yellow"),
    "timeout": ("Out of time", "yellow"),
    "unanswered": ("Unanswered", "yellow"),
}
NOT_A_NUMBER = "Not a number: type it in digits or words, or leave it empty to skip."
OWN_ROW = "▶"  # marks the player's own row, with or without colour


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


def _spaced(parts: Sequence[RenderableType]) -> Group:
    out: list[RenderableType] = []
    for part in parts:
        if out:
            out.append(Text())
        out.append(part)
    return Group(*out)


def _draw_rows(draw: str, seed: int) -> list[tuple[str, Text]]:
    """The seed (and how to replay) of a seeded round; the kind of draw otherwise (its
    seed is no use to a player: the end of the round says how to replay it)."""

    if draw not in DRAWS:
        return [("Seed", Text(f"{seed} (replay with --seed {seed})"))]
    return [("Draw", Text(DRAWS[draw]))]


def _daily_rows(daily: DailyInfo | None) -> list[tuple[str, Text]]:
    """The welcome panel's rows for a daily round: which day, whose, official or practice."""
    if daily is None:
        return []
    status = (
        Text("official attempt", style="bold green")
        if daily.official
        else Text(f"PRACTICE, never ranked: {daily.reason}", style="bold yellow")
    )
    day = Text(f"#{daily.day} · {daily.date} · ")
    day.append(daily.player)  # a cleaned name, shown literally
    return [("Daily", day), ("Counts", status), ("Day streak", Text(str(daily.streak)))]


def render_welcome(event: RoundStarted) -> RenderableType:
    """The first screen of a round: packs, questions, filters, time limit and seed."""
    titles = Text(" + ").join(Text(p.title) for p in event.packs)
    questions = Text(str(event.count))
    if event.count < event.requested:
        why = (
            "match the filters"
            if event.filters.describe() != "none"
            else f"in the pack{'s' * (len(event.packs) > 1)}"
        )
        questions.append(f" ({event.requested} asked for; only {event.count} {why})", "yellow")
    rows = [("Pack" + "s" * (len(event.packs) > 1), titles), ("Questions", questions)]
    if event.filters.describe() != "none":
        rows.append(("Filters", Text(event.filters.describe())))
    from hitrun_quiz.ui.modes_text import mode_line

    mode = mode_line(event)
    if mode:
        rows.append(("Mode", Text(mode.removeprefix("Mode: "))))
    limit = f"{event.time_limit:g} s a question" if event.time_limit else "none"
    rows += [
        ("Time limit", Text(limit)),
        *_draw_rows(event.draw, event.seed),
        *_daily_rows(event.daily),
    ]
    lines = [
        "A letter, number, T or F answers at once (or arrows, then Enter).",
        "S skips a choice; an empty answer skips a typed one.",
        "Enter after each answer goes on; Ctrl-C abandons the round.",
    ]
    if event.time_limit:
        lines.append("The clock starts as each question shows.")
    help_text = Text("\n".join(lines), style="dim")
    return Panel(
        Group(_grid(rows), Text(), help_text),
        title=Text(event.title, style="bold"),
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
    from hitrun_quiz.ui.modes_text import lifelines_left, status_line

    status = status_line(event.status)
    if status:
        meta = Text.assemble(meta, "\n", (status, "bold magenta"))
    parts: list[RenderableType] = [meta, Text(), Text(q.prompt, style="bold")]
    if event.hint is not None:
        parts.append(Text.assemble(("Hint: ", "bold"), event.hint))
    hint = HINTS.get(q.type)
    if hint and q.type in ("text", "number"):
        parts += [Text(), Text(hint, style="dim")]
        from hitrun_quiz.game.lifelines import refusal

        fitting = [n for n in event.lifelines if refusal(n, q) is None]
        walk = " · ?walk walks away" if event.status and event.status.mode == "ladder" else ""
        if fitting or walk:  # none left (or a frontend without lifelines): no line
            typed = f"{lifelines_left(fitting)} (type one)" if fitting else ""
            parts.append(Text(f"{typed}{walk}".removeprefix(" · "), style="dim"))
    return Panel(
        Group(*parts),
        title=Text(f"Question {a.number}/{a.total}", style="bold"),
        title_align="left",
        subtitle=_standing(event.score, event.streak),
        subtitle_align="right",
        border_style="blue",
    )


def given_text(event: AnswerJudged) -> str | None:
    """The reply as the player reads it; true/false as "True"/"False" like the answer."""
    if event.given is None:
        return None
    return _as_answer(event.asked.question.type, event.given)


def _as_answer(qtype: str, given: str) -> str:
    """A reply written like the answer beside it: true/false as "True"/"False"."""
    if qtype == "truefalse":
        value = parse_bool(given)
        if value is not None:
            return answer_text(value)
    return safe(given)  # a player's bytes: escapes shown, never obeyed


def render_result(event: AnswerJudged) -> RenderableType:
    """After an answer: the verdict, points, the answer, the explanation and the source."""
    q = event.asked.question
    verdict, colour = VERDICTS.get(event.outcome, (event.outcome, ""))
    title = Text(verdict, style=f"bold {colour}")
    title.append(f" +{event.points} points" if event.correct else " (0 points)")
    rows: list[tuple[str, Text]] = []
    given = given_text(event)
    if given is not None:
        rows.append(("Your answer", Text(given)))
    rows.append(("Answer", Text(answer_text(q.answer), style="bold")))
    how = event.breakdown.describe() if event.breakdown else ""
    if how:
        rows.append(("Points", Text(f"{how} = {event.points}")))
    parts: list[RenderableType] = [_grid(rows)]
    from hitrun_quiz.ui.modes_text import status_line

    status = status_line(event.status)
    if status:
        parts.append(Text(status, style="bold magenta"))
    if event.note:
        parts.append(Text(event.note, style="yellow"))
    if q.explanation:
        parts.append(Text(q.explanation))
    for quote, source in event.asked.quotes:
        shown = Text.assemble("“", quote.text, "”", style="dim italic")
        if source is not None:
            shown.append("\n— ", style="dim")
            shown.append(f"{source.publisher}, {source.date}", style="dim")
        parts.append(shown)
    return Panel(
        _spaced(parts),
        title=title,
        title_align="left",
        subtitle=_standing(event.score, event.streak),
        subtitle_align="right",
        border_style=colour,
    )


def render_missed(event: RoundFinished) -> RenderableType:
    """The questions not answered right, each with its answer and its source."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right", style="bold")
    grid.add_column(overflow="fold")
    for m in event.missed:
        lines = Text(m.asked.question.prompt)
        lines.append("\nAnswer: ")
        lines.append(m.answer, style="bold")
        if m.given is not None:
            lines.append(" · you said ")
            lines.append(_as_answer(m.asked.question.type, m.given))
        else:
            lines.append(f" · {VERDICTS.get(m.outcome, (m.outcome, ''))[0].lower()}")
        sources = m.asked.sources_text
        if sources is not None:
            lines.append(f"\n— {sources}", style="dim")
        grid.add_row(Text(f"{m.asked.number}."), lines)
    return grid


def render_summary(event: RoundFinished) -> RenderableType:
    """The end of a round: score, rank on its board, a per-category table, missed questions."""
    rows = [
        ("Score", Text(str(event.score), style="bold")),
        ("Correct", Text(f"{event.correct} of {event.total} ({event.answered} answered)")),
        ("Best streak", Text(str(event.best_streak))),
    ]
    if event.rank is not None:
        rank = Text(f"#{event.rank}")
        if event.personal_best:
            rank.append(" · new personal best!", style="bold green")
        rows.append(("Rank", rank))
    if event.board_title:
        rows.append(("Board", Text(event.board_title)))
    from hitrun_quiz.ui.modes_text import summary_lines

    for line in summary_lines(event):
        label, _, rest = line.partition(": ")
        rows.append((label, Text(rest.rstrip("."))))
    rows += _draw_rows(event.draw, event.seed)
    daily = event.daily
    if daily is not None:
        place = f", #{daily.rank} on the day's board" if daily.rank is not None else ""
        status = "official" + place if daily.official else f"practice ({daily.reason})"
        rows.append(("Daily", Text(f"#{daily.day} · {daily.date} · {status}")))
        rows.append(("Day streak", Text(str(daily.streak), style="bold")))
    parts: list[RenderableType] = [_grid(rows)]
    if not event.finished:
        parts += [Text(), Text("Recorded as unfinished: the round was not played to the end.")]
    # One wrapped line rather than a table: the summary must fit a 24-line screen.
    categories = Text(" · ", style="dim").join(
        Text.assemble(category, " ", (f"{right}/{asked}", "bold"))
        for category, right, asked in event.by_category
    )
    parts.append(_grid([("By category", categories)]))
    if event.missed:
        parts += [Text(), Text(f"Missed ({len(event.missed)})", style="bold")]
        parts.append(render_missed(event))
    return Panel(
        Group(*parts),
        title=Text("Round over", style="bold"),
        title_align="left",
        border_style="magenta",
    )


def render_scores(
    rows: Sequence[ScoreRow],
    round_id: int | None = None,
    *,
    board: str | None = None,
    width: int = 80,
) -> RenderableType:
    """High-score rows of one board, the row of ``round_id`` marked and highlighted."""

    if not rows:
        if board is None:
            return Text("No finished rounds yet.")

        return Text(f"No finished rounds yet on the board {board_title(board)}.")
    table: RenderableType = score_table(rows, round_id=round_id, board=board, width=width)
    return table


def render_rank(event: RoundFinished) -> Text:
    """One line: the round's place on its board."""
    if event.rank is None:
        return Text("Not ranked.")
    text = Text.assemble("Your round is ", (f"#{event.rank}", "bold"))
    text.append(" on its board.")
    if event.personal_best:
        text.append(" New personal best!", style="bold green")
    return text
