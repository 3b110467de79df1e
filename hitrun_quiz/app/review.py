"""Spaced review: rounds of the questions due for this player (see :mod:`.scheduling`).

Cards of packs or questions that have gone are ignored; with nothing due the
player is told when the next review is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hitrun_quiz.app.finder import PackFinder
from hitrun_quiz.app.history import key_of
from hitrun_quiz.errors import InvalidValue
from hitrun_quiz.game.arranged import arrange
from hitrun_quiz.game.draw import new_seed
from hitrun_quiz.game.engine import Round

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.engine import Round

DEFAULT_LIMIT = 20


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

    if limit < 1:
        raise InvalidValue("limit", limit, "at least 1")
    finder = PackFinder([pack] if pack else [])
    pack_id = None if pack is None else finder.given[0].id
    key = key_of(player)
    now = recorder.clock()
    with recorder.store() as store:
        cards = store.due_cards(key, now, pack=pack_id, limit=None, ahead=ahead)
        items = []
        for card in cards:
            found = finder.question(card.pack_id, card.question_id)
            if found is not None:
                items.append((*found, None))
            if len(items) == limit:
                break
        if not items:
            nxt = store.next_due(key, now, pack_id)
            return NothingDue(None if nxt is None else nxt[0], 0 if nxt is None else nxt[1], now)
    seed = new_seed() if seed is None else seed
    return Round.of_questions(
        finder.used(items), arrange(items, seed), seed=seed, kind="review", time_limit=time_limit
    )
