"""Setting up a round: the packs, the filters and the count, for both frontends.

The CLI's ``play`` and the menu's Play build a round the same way, through
:func:`setup_round`; a :class:`RoundSetup` makes a new :class:`Round` for each
"play again".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from hitrun_quiz.errors import UsageError
from hitrun_quiz.game.draw import Filters
from hitrun_quiz.game.engine import DEFAULT_COUNT, Round
from hitrun_quiz.game.modes import BLITZ, CLASSIC, rules_for
from hitrun_quiz.packs.loader import DEFAULT_PACK, find_pack
from hitrun_quiz.packs.model import Pack


@dataclass(frozen=True)
class RoundSetup:
    """Everything a round is drawn from, except the seed."""

    packs: tuple[Pack, ...]
    count: int = DEFAULT_COUNT
    filters: Filters = field(default_factory=Filters)
    time_limit: float | None = None
    mode: str = CLASSIC  # game/modes.py
    seconds: float | None = None  # blitz: the round's length

    def new_round(
        self, seed: int | None = None, priority: Mapping[tuple[str, str], int] | None = None
    ) -> Round:
        """A new round; a filter that leaves nothing raises UsageError here.

        With a ``priority`` (see :mod:`hitrun_quiz.app.history`) the round is a fresh
        draw; otherwise a seeded one (a seed is chosen when none is given).
        """
        return Round.create(
            list(self.packs),
            count=self.count,
            filters=self.filters,
            seed=seed,
            time_limit=self.time_limit,
            priority=priority,
            kind="seeded" if priority is None else "fresh",
            rules=rules_for(self.mode, seconds=self.seconds),
        )


@runtime_checkable
class DrawsForAPlayer(Protocol):
    """A maker of fresh rounds that draws for one player (like ``app.history.Rounds``).

    The name a round is recorded under is the name the next round is drawn
    for: a frontend that asks the name at the end of a round sets ``player``
    before "Play again" draws, so a new player's second round does not repeat
    the first one's questions.
    """

    player: str


def setup_round(
    pack_refs: Sequence[str] = (),
    *,
    count: int = DEFAULT_COUNT,
    categories: Sequence[str] = (),
    difficulties: Sequence[str] = (),
    types: Sequence[str] = (),
    time_limit: float | None = None,
    mode: str = CLASSIC,
    seconds: float | None = None,
) -> RoundSetup:
    """Find the packs (ids or files; default the built-in pack) and fix the filters."""
    check_mode(mode, count=count, time_limit=time_limit, seconds=seconds)
    packs = tuple(find_pack(ref) for ref in (pack_refs or [DEFAULT_PACK]))
    if len({p.id for p in packs}) < len(packs):
        raise UsageError("--pack: the same pack is given twice")
    filters = Filters(
        categories=tuple(dict.fromkeys(categories)),
        difficulties=tuple(dict.fromkeys(difficulties)),
        types=tuple(dict.fromkeys(types)),
    )
    return RoundSetup(
        packs, count=count, filters=filters, time_limit=time_limit, mode=mode, seconds=seconds
    )


def check_mode(
    mode: str, *, count: int = DEFAULT_COUNT, time_limit: float | None, seconds: float | None
) -> None:
    """Refuse options that do not go with ``mode`` (UsageError)."""
    rules_for(mode, seconds=seconds)  # an unknown mode or a bad --seconds
    if seconds is not None and mode != BLITZ:
        raise UsageError("--seconds is the length of a blitz round: add --mode blitz")
    if mode == BLITZ and time_limit is not None:
        raise UsageError("--time-limit does not go with --mode blitz: its clock is --seconds")
    if mode != CLASSIC and count != DEFAULT_COUNT:
        raise UsageError(f"--count does not go with --mode {mode}: the mode sets the length")
