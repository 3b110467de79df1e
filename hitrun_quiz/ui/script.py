"""The scripted frontend and the one scripted loop: answers from lines, text or JSON Lines out.

Streams: every question is written and flushed before its answer is read, so
a program on the other end of a pipe can read a question, then choose its
answer.  Imports nothing beyond the standard library.

The API every scripted caller uses (``play``, ``daily``, ``review``; a room's
``join`` client and hot-seat play can reuse it):

* :func:`open_answers` opens where answers come from: ``None`` or ``"-"`` is
  stdin, anything else a file; bytes that are not UTF-8 become U+FFFD (as on
  stdin, see ``cli/runtime.py``); a file that cannot be opened is a
  ``FileError`` (exit 3).
* :class:`ScriptFrontend` ``(answers, out, err, json_lines=...)``: the
  ``Frontend`` of the round engine (``ask``, ``show``), plus ``write`` and
  ``note`` (a diagnostic on ``err``, never in the JSON Lines).
* :func:`play_scripted` plays one round through a ScriptFrontend, hands the
  summary to the caller's ``record`` function and shows what it returns.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from hitrun_quiz.files import os_failure
from hitrun_quiz.game.answers import LETTERS
from hitrun_quiz.game.draw import Asked
from hitrun_quiz.game.engine import Round, answer_text
from hitrun_quiz.game.events import (
    EOF,
    AnswerJudged,
    Event,
    LifelineUsed,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
    plural,
)
from hitrun_quiz.safetext import json_text, safe
from hitrun_quiz.ui.modes_text import (
    lifeline_line,
    lifelines_left,
    mode_line,
    status_line,
    summary_lines,
)
from hitrun_quiz.ui.share import describe, outcome, share_of, share_style

HINTS = {
    "truefalse": "(true or false)",
    "number": "(a number)",
    "text": "(type your answer)",
}
#: How a round was drawn, in words (the ``draw`` of the start event); a seeded round
#: says it with its seed.
DRAWS = {
    "fresh": "fresh (questions you have not seen first)",
    "replay": "a replay of a recorded round",
    "review": "review (questions due for review)",
    "misses": "a retry of missed questions",
}
VERDICTS = {
    "correct": "Correct!",
    "wrong": "Wrong.",
    "skipped": "Skipped.",
    "timeout": "Out of time.",
    "unanswered": "Unanswered.",
}


class ScriptFrontend:
    """Reads one answer a line from ``answers``; writes to ``out``."""

    def __init__(
        self,
        answers: TextIO,
        out: TextIO,
        err: TextIO | None = None,
        *,
        json_lines: bool = False,
    ) -> None:
        self.answers = answers
        self.out = out
        self.err = err or sys.stderr
        self.json_lines = json_lines

    # -- Frontend protocol

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        line = self.answers.readline()
        if not line:
            return EOF
        # ?50, ?hint, ?skip ask for a lifeline, ?walk walks away (game/lifelines.py).
        return Reply.typed(line.rstrip("\r\n"))

    def show(self, event: Event) -> None:
        if self.json_lines:
            self.write(json_text(json.dumps(event.to_json(), ensure_ascii=False)))
            if isinstance(event, RoundStarted) and event.count < event.requested:
                print(f"hitrun-quiz: {short_note(event)}", file=self.err)
        elif isinstance(event, RoundStarted):
            self.write(render_start(event))
        elif isinstance(event, QuestionAsked):
            self.write(render_question(event))
        elif isinstance(event, LifelineUsed):
            self.write(safe(lifeline_line(event)))
        elif isinstance(event, AnswerJudged):
            if event.note:
                self.note(event.note + "; counted as wrong")
            self.write(render_result(event))
        elif isinstance(event, RoundFinished):
            self.write(render_summary(event, share_style(self.out)))

    def write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def note(self, message: str) -> None:
        """A diagnostic: stderr, never mixed into JSON Lines."""
        print(f"hitrun-quiz: {message}", file=self.err, flush=True)


#: What a scripted caller does with a played round: record it; the summary with its
#: rank and a warning (or None). Called with the round, its summary and its start time.
Record = Callable[[Round, RoundFinished, float], tuple[RoundFinished, "str | None"]]


@contextlib.contextmanager
def open_answers(name: str | None, stdin: TextIO | None = None) -> Iterator[TextIO]:
    """Where the answers come from: stdin for ``None`` or ``"-"``, else the file ``name``.

    A file's bytes that are not UTF-8 become U+FFFD, as on stdin.
    """
    if name is None or name == "-":
        yield stdin or sys.stdin
        return
    try:
        source = open(name, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise os_failure("read --answers", name, exc) from None
    with source:
        yield source


def play_scripted(
    rnd: Round,
    record: Record,
    *,
    answers: str | None,
    json_lines: bool,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> RoundFinished:
    """Play ``rnd`` with answers from ``answers`` (see :func:`open_answers`); record; show.

    The one scripted loop: the start, each question and its result, then the
    summary ``record`` returns (with its rank), are written to ``out`` as
    text or JSON Lines; the warning ``record`` returns goes to ``err``.
    """
    out = out or sys.stdout
    with open_answers(answers, stdin) as source:
        frontend = ScriptFrontend(source, out, err, json_lines=json_lines)
        started_at = time.time()
        summary = rnd.play(frontend)
    summary, warning = record(rnd, summary, started_at)
    if warning:
        frontend.note(warning)
    frontend.show(summary)
    return summary


def short_note(event: RoundStarted) -> str:
    """Why a round has fewer questions than asked for."""
    return event.shortfall() or ""


def render_start(event: RoundStarted) -> str:
    upto = "up to " if event.mode in ("survival", "blitz") else ""
    # The seed only where it lets the player replay (a seeded draw), as the screen does.
    seed = "" if event.draw in DRAWS else f", seed {event.seed}"
    lines = [f"{event.title}: {upto}{plural(event.count, 'question')}{seed}"]
    if event.daily is not None:
        lines.append(describe(event.daily))
    mode = mode_line(event)
    if mode:
        lines.append(mode)
    if event.draw in DRAWS:
        lines.append(f"Draw: {DRAWS[event.draw]}")
    if event.filters.describe() != "none":
        lines.append(f"Filters: {event.filters.describe()}")
    if event.time_limit:
        lines.append(f"Time limit: {event.time_limit:g} s a question")
    if event.count < event.requested:
        lines.append(f"Note: {short_note(event)}.")
    lines.append("Answer one per line; an empty line skips.")
    walk = ", ?walk walks away" if event.mode == "ladder" else ""
    lines.append(f"Lifelines, once a round each: ?50 (50:50), ?hint, ?skip{walk}.")
    return "\n".join(lines)


def render_question(event: QuestionAsked) -> str:
    a, q = event.asked, event.asked.question
    lines = [
        "",
        f"Question {a.number}/{a.total} · {q.category} · {q.difficulty}",
    ]
    status = status_line(event.status)
    if status:
        lines.append(status)
    lines.append(q.prompt)
    if q.type == "choice":
        lines += [f"  {LETTERS[i]}) {c}" for i, c in event.shown]
        if event.hidden:
            letters = ", ".join(LETTERS[i] for i, _ in event.shown)
            lines.append(f"({letters} or the text)")
        else:
            lines.append(f"(A-{LETTERS[len(a.choices) - 1]}, 1-{len(a.choices)} or the text)")
    else:
        lines.append(HINTS[q.type])
    if event.hint is not None:
        lines.append(f"Hint: {event.hint}")
    if event.again or (event.status is not None and event.status.mode != "classic"):
        lines.append(lifelines_left(event.lifelines))
    return "\n".join(lines)


def render_result(event: AnswerJudged) -> str:
    q = event.asked.question
    answer = answer_text(q.answer)
    if event.correct:
        how = event.breakdown.describe() if event.breakdown else ""
        head = f"Correct! +{event.points} points ({how + '; ' if how else ''}score {event.score}, "
        head += f"streak {event.streak})"
    else:
        head = f"{VERDICTS[event.outcome]} The answer is: {answer} (score {event.score})"
    lines = [head]
    status = status_line(event.status)
    if status:
        lines.append(status)
    if q.explanation:
        lines.append(f"  {q.explanation}")
    for quote, source in event.asked.quotes:
        cite = f" ({source.publisher}, {source.date})" if source else ""
        lines.append(f'  Source: "{quote.text}"{cite}')
    return "\n".join(lines)


def render_summary(event: RoundFinished, style: str = "emoji") -> str:
    lines = [
        "",
        f"Round over: {event.score} points, {event.correct} of {event.total} correct "
        f"({event.answered} answered), best streak {event.best_streak}.",
    ]
    lines += summary_lines(event)
    if not event.finished:
        lines.append("The answers ran out before the round did: recorded as unfinished.")
    if event.rank is not None:
        board = f" on the board {event.board_title}" if event.board_title else ""
        lines.append(f"Rank: #{event.rank}{board}.")
    if event.personal_best:
        lines.append("New personal best!")
    if event.draw == "seeded":
        lines.append(f"Seed: {event.seed} (replay with --seed {event.seed})")
    elif event.round_id is not None:
        lines.append(f"Round {event.round_id} (replay with --replay {event.round_id})")
    if event.missed:
        lines.append("Missed:")
        for m in event.missed:
            lines.append(f"  {m.asked.number}. {m.asked.question.prompt}")
            said = f" (you said: {safe(m.given)})" if m.given is not None else f" ({m.outcome})"
            lines.append(f"     Answer: {m.answer}{said}")
            sources = m.asked.sources_text
            if sources is not None:
                lines.append(f"     Source: {sources}")
    if event.daily is not None:
        lines.append(outcome(event.daily))
        share = share_of(event.daily, style)
        if share:
            lines += ["", share]
    return "\n".join(lines)
