"""Spaced review of missed questions, scheduled with FSRS (the ``fsrs`` package, py-fsrs).

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

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from hitrun_quiz.errors import UsageError
from hitrun_quiz.store.cards import CardRecord, Scheduled, due_cards, next_due, player_key
from hitrun_quiz.store.records import QuestionResult

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.engine import Round

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
#: A right answer under a time limit is Easy when it took less than this share of it.
FAST_SHARE = 0.5
DEFAULT_LIMIT = 20

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
        from datetime import timedelta

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


# --------------------------------------------------------------------------- review rounds


@dataclass(frozen=True)
class NothingDue:
    """No card is due: when the next one is (None: nothing scheduled) and how many then."""

    next_at: float | None
    count: int
    now: float

    def message(self) -> str:
        if self.next_at is None:
            return "Nothing due; no reviews scheduled yet (play a round first)"
        n = f"{self.count} question{'s' * (self.count != 1)}"
        return f"Nothing due; next review {in_words(self.next_at - self.now)} ({n})"


def in_words(seconds: float) -> str:
    """A delay as a person says it: 'in 3 minutes', 'in 5 hours', 'in 2 days'."""
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        n, unit = minutes, "minute"
    elif seconds < 86400 - 1800:
        n, unit = max(1, round(seconds / 3600)), "hour"
    else:
        n, unit = max(1, round(seconds / 86400)), "day"
    return f"in {n} {unit}{'s' * (n != 1)}"


def review_round(
    recorder: Recorder,
    player: str,
    *,
    pack: str | None = None,
    limit: int = DEFAULT_LIMIT,
    ahead: bool = False,
    time_limit: float | None = None,
    seed: int | None = None,
) -> Round | NothingDue:
    """A round of the player's due cards, most overdue first (with ``ahead``: the soonest
    due, even if not due yet). Cards of packs or questions that are gone are ignored.

    ``pack``: only that pack (an id, or a file, which is also where its questions are
    looked up).
    """
    from hitrun_quiz.app.history import PackFinder
    from hitrun_quiz.game.arranged import arrange
    from hitrun_quiz.game.draw import new_seed
    from hitrun_quiz.game.engine import Round
    from hitrun_quiz.safetext import clean_player_name

    if limit < 1:
        raise UsageError("--limit must be at least 1")
    finder = PackFinder([pack] if pack else [])
    pack_id = None if pack is None else finder.given[0].id
    key = player_key(clean_player_name(player))
    now = recorder.clock()
    with recorder.store() as store:
        cards = store.read(
            lambda c: due_cards(c, key, now, pack=pack_id, limit=None, ahead=ahead), []
        )
        items = []
        for card in cards:
            found = finder.question(card.pack_id, card.question_id)
            if found is not None:
                items.append((*found, None))
            if len(items) == limit:
                break
        if not items:
            nxt = store.read(lambda c: next_due(c, key, now, pack_id), None)
            return NothingDue(None if nxt is None else nxt[0], 0 if nxt is None else nxt[1], now)
    seed = new_seed() if seed is None else seed
    return Round.of_questions(
        finder.used(items), arrange(items, seed), seed=seed, kind="review", time_limit=time_limit
    )
