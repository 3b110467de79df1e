"""The points of a right answer: difficulty, streak bonus, speed factor (README, "Scoring")."""

from __future__ import annotations

from hitrun_quiz.game.events import Points
from hitrun_quiz.packs.model import Question

POINTS = {"easy": 100, "medium": 200, "hard": 300}
STREAK_STEP = 0.10  # +10% for each consecutive correct answer before this one
STREAK_CAP = 0.50  # at most +50%


def points_for(
    question: Question, streak_before: int, seconds: float | None, time_limit: float | None
) -> Points:
    """Points for a correct answer, with their breakdown (see README, "Scoring")."""
    base = POINTS[question.difficulty]
    # Whole percent steps: round() keeps 3 * 0.1 from becoming 0.30000000000000004.
    percent = round(100 * min(STREAK_STEP * streak_before, STREAK_CAP))
    speed: float | None = None
    if time_limit:
        t = min(max(seconds or 0.0, 0.0), time_limit)
        speed = 1 - (t / time_limit) / 2
    total = round(base * (1 + percent / 100) * (1.0 if speed is None else speed))
    return Points(base=base, streak_percent=percent, speed=speed, total=total)
