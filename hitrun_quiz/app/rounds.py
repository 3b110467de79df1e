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
from hitrun_quiz.packs.loader import DEFAULT_PACK, find_pack
from hitrun_quiz.packs.model import Pack


@dataclass(frozen=True)
class RoundSetup:
    """Everything a round is drawn from, except the seed."""

    packs: tuple[Pack, ...]
    count: int = DEFAULT_COUNT
    filters: Filters = field(default_factory=Filters)
    time_limit: float | None = None

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
) -> RoundSetup:
    """Find the packs (ids or files; default the built-in pack) and fix the filters."""
    packs = tuple(find_pack(ref) for ref in (pack_refs or [DEFAULT_PACK]))
    if len({p.id for p in packs}) < len(packs):
        raise UsageError("--pack: the same pack is given twice")
    filters = Filters(
        categories=tuple(dict.fromkeys(categories)),
        difficulties=tuple(dict.fromkeys(difficulties)),
        types=tuple(dict.fromkeys(types)),
    )
    return RoundSetup(packs, count=count, filters=filters, time_limit=time_limit)
