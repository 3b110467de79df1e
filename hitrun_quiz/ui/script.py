"""The scripted frontend: answers from lines, plain text or JSON Lines out.

Streams: every question is written and flushed before its answer is read, so
a program on the other end of a pipe can read a question, then choose its
answer.  Imports nothing beyond the standard library.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from hitrun_quiz.game.draw import LETTERS, Asked
from hitrun_quiz.game.engine import answer_text
from hitrun_quiz.game.events import (
    EOF,
    SKIP,
    AnswerJudged,
    Event,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.safetext import json_text

HINTS = {
    "truefalse": "(true or false)",
    "number": "(a number)",
    "text": "(type your answer)",
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
        text = line.rstrip("\r\n")
        return Reply.answer(text) if text.strip() else SKIP

    def show(self, event: Event) -> None:
        if self.json_lines:
            self.write(json_text(json.dumps(event.to_json(), ensure_ascii=False)))
            if isinstance(event, RoundStarted) and event.count < event.requested:
                print(f"hitrun-quiz: {short_note(event)}", file=self.err)
        elif isinstance(event, RoundStarted):
            self.write(render_start(event))
        elif isinstance(event, QuestionAsked):
            self.write(render_question(event))
        elif isinstance(event, AnswerJudged):
            self.write(render_result(event))
        elif isinstance(event, RoundFinished):
            self.write(render_summary(event))

    def write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def note(self, message: str) -> None:
        """A diagnostic: stderr, never mixed into JSON Lines."""
        print(f"hitrun-quiz: {message}", file=self.err, flush=True)


def short_note(event: RoundStarted) -> str:
    """Why a round has fewer questions than asked for."""
    n = f"{event.count} question{'s' * (event.count != 1)}"
    why = (
        f"only {n} match the filters"
        if event.filters.describe() != "none"
        else f"the chosen packs hold only {n}"
    )
    return f"{why}; playing {event.count} of the {event.requested} asked for"


def render_start(event: RoundStarted) -> str:
    titles = " + ".join(p.title for p in event.packs)
    lines = [f"{titles}: {event.count} questions, seed {event.seed}"]
    if event.filters.describe() != "none":
        lines.append(f"Filters: {event.filters.describe()}")
    if event.time_limit:
        lines.append(f"Time limit: {event.time_limit:g} s a question")
    if event.count < event.requested:
        lines.append(f"Note: {short_note(event)}.")
    lines.append("Answer one per line; an empty line skips.")
    return "\n".join(lines)


def render_question(event: QuestionAsked) -> str:
    a, q = event.asked, event.asked.question
    lines = [
        "",
        f"Question {a.number}/{a.total} · {q.category} · {q.difficulty}",
        q.prompt,
    ]
    if q.type == "choice":
        lines += [f"  {LETTERS[i]}) {c}" for i, c in enumerate(a.choices)]
        lines.append(f"(A-{LETTERS[len(a.choices) - 1]}, 1-{len(a.choices)} or the text)")
    else:
        lines.append(HINTS[q.type])
    return "\n".join(lines)


def render_result(event: AnswerJudged) -> str:
    q = event.asked.question
    answer = answer_text(q.answer)
    if event.correct:
        head = f"Correct! +{event.points} points (score {event.score}, streak {event.streak})"
    else:
        head = f"{VERDICTS[event.outcome]} The answer is: {answer} (score {event.score})"
    lines = [head]
    if q.explanation:
        lines.append(f"  {q.explanation}")
    fact, source = event.asked.fact, event.asked.source
    if fact is not None:
        cite = f" ({source.publisher}, {source.date})" if source else ""
        lines.append(f'  Source: "{fact.quote}"{cite}')
    return "\n".join(lines)


def render_summary(event: RoundFinished) -> str:
    lines = [
        "",
        f"Round over: {event.score} points, {event.correct} of {event.total} correct "
        f"({event.answered} answered), best streak {event.best_streak}.",
    ]
    if not event.finished:
        lines.append("The answers ran out before the round did: recorded as unfinished.")
    if event.rank is not None:
        lines.append(f"Rank: #{event.rank} in the high scores.")
    lines.append(f"Seed: {event.seed} (replay with --seed {event.seed})")
    return "\n".join(lines)
