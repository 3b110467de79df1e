"""Modes and lifelines in words, for both frontends (plain strings; stdlib only).

The terminal wraps these in Rich ``Text``; the scripted frontend prints them.
None of them holds pack text except :func:`lifeline_line` (the options a 50:50
took away), which the caller passes through ``safe``/``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence

from hitrun_quiz.game.events import LifelineUsed, RoundFinished, RoundStarted, Status
from hitrun_quiz.game.lifelines import TITLES
from hitrun_quiz.game.modes import BLITZ, CLASSIC, HAVENS, LADDER, PRIZES, SURVIVAL

#: The rules of each mode in one line (the start of a round).
RULES = {
    SURVIVAL: "3 lives; a wrong answer, a timeout or a skip costs one (the skip lifeline"
    " does not); the round goes on until the lives or the questions run out",
    LADDER: f"15 questions, easy to hard, for a prize of up to {PRIZES[-1]:,}; safe havens"
    f" at {PRIZES[HAVENS[0] - 1]:,} and {PRIZES[HAVENS[1] - 1]:,}; a wrong answer drops"
    " the prize to the last haven; walk away with the prize before any answer",
    BLITZ: "as many questions as you can answer before the clock runs out",
}


def mode_line(event: RoundStarted) -> str | None:
    """ "Mode: survival: 3 lives; ..." (None for classic)."""
    if event.mode == CLASSIC:
        return None
    rules = RULES.get(event.mode, "")
    if event.mode == BLITZ and event.status is not None and event.status.seconds_left:
        rules = f"{event.status.seconds_left:g} s: {rules}"
    return f"Mode: {event.mode}: {rules}"


def lifelines_left(left: Sequence[str], *, keys: dict[str, str] | None = None) -> str:
    """ "Lifelines: ?50 (50:50), ?hint, ?skip", or with one-key ``keys``: "X 50:50, P skip"."""
    if not left:
        return "Lifelines: all used"
    if keys is not None:
        return "Lifelines: " + ", ".join(f"{keys[n].upper()} {TITLES[n]}" for n in left)
    return "Lifelines: " + ", ".join(
        f"?{n}" + (f" ({TITLES[n]})" if TITLES[n] != n else "") for n in left
    )


def lifeline_line(event: LifelineUsed) -> str:
    """ "Lifeline 50:50: took away X, Y (left: hint, skip)" or "Refused: ..."."""
    if not event.ok:
        return f"Refused: {event.message}"
    if event.lifeline == "walk":
        return "You walk away."
    left = ", ".join(TITLES[n] for n in event.left) or "none"
    return f"Lifeline {event.message} (left: {left})"


def status_line(status: Status | None) -> str | None:
    return None if status is None or status.mode == CLASSIC else status.describe()


def summary_lines(event: RoundFinished) -> list[str]:
    """The mode's end (the lives, the prize) and the lifelines used, for the summary."""
    lines = []
    s = event.status
    if event.mode == SURVIVAL and s is not None:
        how = "knocked out" if s.knocked_out else f"{s.lives} of {s.max_lives} lives left"
        lines.append(f"Survival: {event.correct} right, {how}.")
    elif event.mode == LADDER and s is not None and s.rung is not None:
        how = " (walked away)" if event.walked else ""
        lines.append(f"Ladder: prize {event.score:,}{how}, climbed {s.rung - 1} of 15 rungs.")
    elif event.mode == BLITZ:
        lines.append(f"Blitz: {event.correct} right of {event.total} asked.")
    if event.lifelines:
        used = ", ".join(f"{TITLES[name]} on {n}" for n, name in event.lifelines)
        lines.append(f"Lifelines used: {used}.")
    return lines
