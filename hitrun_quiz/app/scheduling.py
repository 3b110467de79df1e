"""Review scheduling with FSRS (the ``fsrs`` package, py-fsrs): the one module importing it.

Every answer recorded in any round (drawn, replayed, retried or reviewed)
updates the player's card for that question:

- wrong, skipped or timed out: ``Again``;
- right: ``Good``;
- right and fast under a time limit (in less than half the limit): ``Easy``.

The scheduler has one learning step and one relearning step of zero minutes,
so a missed question is due again at once, and a question answered right goes
straight to FSRS's day-scale intervals. Fuzzing is off: the same answers at the
same times give the same schedule. fsrs is imported only in this module, and
only inside the functions that schedule.

Time comes from a clock (unix seconds) that tests replace; fsrs gets it as UTC.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from hitrun_quiz.store.cards import CardRecord, Scheduled
from hitrun_quiz.store.records import QuestionResult

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
#: A right answer under a time limit is Easy when it took less than this share of it.
FAST_SHARE = 0.5

_scheduler: Any = None


def rating_for(result: QuestionResult, time_limit: float | None) -> int:
    """The FSRS rating of one answer (see the module docstring)."""
    if not result.correct:
        return AGAIN
    if time_limit and result.seconds is not None and result.seconds < time_limit * FAST_SHARE:
        return EASY
    return GOOD


def _utc(t: float) -> datetime:
    return datetime.fromtimestamp(t, timezone.utc)


def scheduler() -> Any:
    """The FSRS scheduler (made once): zero-minute steps, no fuzzing."""
    global _scheduler
    if _scheduler is None:
        import fsrs

        _scheduler = fsrs.Scheduler(
            learning_steps=(timedelta(0),),
            relearning_steps=(timedelta(0),),
            enable_fuzzing=False,
        )
    return _scheduler


def schedule(
    old: CardRecord | None, result: QuestionResult, time_limit: float | None, now: float
) -> Scheduled:
    """A card's next FSRS state after one answer at ``now`` (a :data:`store.cards.Schedule`)."""
    import fsrs

    if old is None or old.state is None or old.due is None:
        card = fsrs.Card(card_id=1, due=_utc(now))  # an id given: Card() would sleep 1 ms
    else:
        card = fsrs.Card(
            card_id=1,
            state=fsrs.State(old.state),
            step=old.step,
            stability=old.stability,
            difficulty=old.difficulty,
            due=_utc(old.due),
            last_review=None if old.last_review is None else _utc(old.last_review),
        )
    rating = rating_for(result, time_limit)
    new, _log = scheduler().review_card(card, fsrs.Rating(rating), review_datetime=_utc(now))
    return Scheduled(
        state=int(new.state),
        step=new.step,
        stability=new.stability,
        difficulty=new.difficulty,
        due=new.due.timestamp(),
        last_review=now,
        rating=rating,
    )
