"""The room's events back into engine events, so a joined terminal renders them like ``play``.

A player's terminal has no pack: the question and result messages carry what
the screens show, and these functions rebuild the :class:`Asked`,
:class:`QuestionAsked` and :class:`AnswerJudged` the renderers take (a pack of
one question, with its fact and source when the result names them).  Every
field is checked: a malformed message raises ValueError, never a crash later.
"""

from __future__ import annotations

from typing import Any

from hitrun_quiz.game.draw import Asked
from hitrun_quiz.game.events import AnswerJudged, Points, QuestionAsked
from hitrun_quiz.game.lifelines import ALL
from hitrun_quiz.packs.model import DIFFICULTIES, QUESTION_TYPES, Fact, Pack, Question, Source

OUTCOMES = ("correct", "wrong", "skipped", "timeout", "unanswered")


def _str(msg: dict[str, Any], key: str, default: str | None = None) -> str:
    value = msg.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key}: not a string")
    return value


def _int(msg: dict[str, Any], key: str, default: int | None = None) -> int:
    value = msg.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{key}: not a whole number")
    return value


def asked_from(msg: dict[str, Any]) -> Asked:
    """The question of a ``question`` message (its answer unknown until the result)."""
    qtype, difficulty = _str(msg, "type"), _str(msg, "difficulty")
    if qtype not in QUESTION_TYPES or difficulty not in DIFFICULTIES:
        raise ValueError("type or difficulty unknown")
    choices = msg.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise ValueError("choices: not a list of strings")
    if qtype == "choice" and not 2 <= len(choices) <= 5:
        raise ValueError("choices: 2 to 5 options")
    question = Question(
        id=_str(msg, "id"),
        type=qtype,
        category=_str(msg, "category"),
        difficulty=difficulty,
        prompt=_str(msg, "prompt"),
        answer="",
        choices=tuple(choices),
    )
    pack = Pack(id=_str(msg, "pack"), title=_str(msg, "pack"), questions=(question,))
    return Asked(_int(msg, "number"), _int(msg, "total"), pack, question, tuple(choices))


def judged_from(asked: Asked, msg: dict[str, Any]) -> AnswerJudged:
    """A ``result`` message as the engine's event, on the question it answers."""
    outcome = _str(msg, "outcome")
    if outcome not in OUTCOMES:
        raise ValueError("outcome unknown")
    answer = msg.get("answer")
    if not isinstance(answer, (str, bool, int, float)):
        raise ValueError("answer: not a value")
    explanation = msg.get("explanation")
    q = asked.question._replace(
        answer=answer, explanation=explanation if isinstance(explanation, str) else None
    )
    pack = asked.pack
    fact = msg.get("fact")
    if isinstance(fact, dict):
        src = fact.get("source") if isinstance(fact.get("source"), dict) else None
        source = (
            Source("s", _str(src, "title", ""), _str(src, "publisher", ""), _str(src, "date", ""))
            if src
            else Source("s", "", "", "")
        )
        quote = _str(fact, "quote", "")
        f = Fact("f", _str(fact, "statement", ""), "s", quote)
        q = q._replace(fact="f")
        pack = Pack(id=pack.id, title=pack.title, sources=(source,), facts=(f,), questions=(q,))
    breakdown = None
    b = msg.get("breakdown")
    if isinstance(b, dict):
        speed = b.get("speed_factor")
        breakdown = Points(
            _int(b, "base"),
            _int(b, "streak_percent"),
            float(speed) if isinstance(speed, (int, float)) else None,
            _int(b, "total"),
        )
    given = msg.get("given")
    note = msg.get("note")
    return AnswerJudged(
        Asked(asked.number, asked.total, pack, q, asked.choices),
        outcome,  # type: ignore[arg-type]  # checked above
        given if isinstance(given, str) else None,
        _int(msg, "points"),
        _int(msg, "score"),
        _int(msg, "streak"),
        None,
        breakdown=breakdown,
        note=note if isinstance(note, str) else None,
    )


def question_from(msg: dict[str, Any], score: int, streak: int) -> QuestionAsked:
    """A ``question`` message as the engine's event, with the player's lifelines left
    (``lifelines``), a 50:50's ``hidden`` options and a ``hint`` when it carries them."""
    asked = asked_from(msg)
    left = msg.get("lifelines", [])
    hidden = msg.get("hidden", [])
    hint = msg.get("hint")
    if not isinstance(left, list) or not all(name in ALL for name in left):
        raise ValueError("lifelines: not a list of lifelines")
    if not isinstance(hidden, list) or not all(
        isinstance(i, int) and 0 <= i < len(asked.choices) for i in hidden
    ):
        raise ValueError("hidden: not a list of option indices")
    return QuestionAsked(
        asked,
        score,
        streak,
        lifelines=tuple(left),
        hidden=tuple(hidden),
        hint=hint if isinstance(hint, str) else None,
        again=msg.get("again") is True,
    )
