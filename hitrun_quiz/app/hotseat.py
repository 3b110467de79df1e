"""Hot-seat: several players on one terminal, taking turns.

One seeded draw of ``count × players`` questions is dealt out in turn (the
first question to the first player, the second to the second, ...), so no one
sees the answer to a question that is still to come to them. Each player has
their own :class:`~hitrun_quiz.game.engine.Round` (score, streak, results),
judged by the engine as in ``play``, and each is recorded as that player's
round (mode ``party``). The same seed and names deal the same game again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hitrun_quiz.errors import UsageError
from hitrun_quiz.game.draw import Asked, new_seed
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import RoundFinished
from hitrun_quiz.safetext import clean_player_name, fold_name

if TYPE_CHECKING:
    from hitrun_quiz.app.rounds import RoundSetup
    from hitrun_quiz.app.session import Recorder

MAX_PLAYERS = 8
PARTY = "party"


def parse_players(text: str) -> list[str]:
    """``"Ann,Bob,Cy"`` as clean, distinct names (2 to 8); UsageError otherwise."""
    names = [clean_player_name(n) for n in text.split(",")]
    names = [n for n in names if n]
    if not 2 <= len(names) <= MAX_PLAYERS:
        raise UsageError(f"--players needs 2 to {MAX_PLAYERS} names, separated by commas")
    if len({fold_name(n) for n in names}) < len(names):
        raise UsageError("--players: every name must be different")
    return names


@dataclass
class HotSeat:
    """A hot-seat game: the players and their rounds."""

    players: list[str]
    rounds: list[Round]
    seed: int
    started_at: float

    @classmethod
    def deal(cls, setup: RoundSetup, players: Sequence[str], seed: int | None = None) -> HotSeat:
        if setup.mode != "classic":
            raise UsageError("playing together on one terminal takes classic rounds only")
        seed = new_seed() if seed is None else seed
        n = len(players)
        whole = Round.create(
            list(setup.packs),
            count=setup.count * n,
            filters=setup.filters,
            seed=seed,
            time_limit=setup.time_limit,
        )
        each = len(whole.asked) // n
        if each < 1:
            raise UsageError(f"not enough questions for {n} players: {len(whole.asked)} match")
        rounds = []
        for i in range(n):
            asked = [
                Asked(k + 1, each, a.pack, a.question, a.choices)
                for k, a in enumerate(whole.asked[i::n][:each])
            ]
            rnd = Round.of_questions(
                list(setup.packs),
                asked,
                seed=seed,
                kind="seeded",
                time_limit=setup.time_limit,
                filters=setup.filters,
            )
            rnd.requested, rnd.available = setup.count, whole.available
            rounds.append(rnd)
        return cls(list(players), rounds, seed, time.time())

    def turns(self) -> Iterator[tuple[int, Asked]]:
        """(player index, question) in playing order: everyone's first, then everyone's second."""
        for k in range(len(self.rounds[0].asked)):
            for i, rnd in enumerate(self.rounds):
                yield i, rnd.asked[k]

    def standings(self) -> list[dict[str, Any]]:
        order = sorted(range(len(self.players)), key=lambda i: (-self.rounds[i].score, i))
        return [
            {
                "place": 1 + sum(r.score > self.rounds[i].score for r in self.rounds),
                "player": self.players[i],
                "score": self.rounds[i].score,
                "correct": sum(x.correct for x in self.rounds[i].results),
            }
            for i in order
        ]

    def replay(self) -> str:
        import shlex

        return (
            f"hitrun-quiz play --players {shlex.quote(','.join(self.players))} --seed {self.seed}"
        )

    def record(self, recorder: Recorder) -> tuple[list[RoundFinished], list[str]]:
        """Record each player's round; their summaries (ranked) and any warnings."""
        done, warnings = [], []
        for name, rnd in zip(self.players, self.rounds, strict=True):
            summary = replace(rnd.finish(), draw="hotseat")
            ranked, _, warning = recorder.save(
                rnd, summary, player=name, mode=PARTY, started_at=self.started_at
            )
            done.append(ranked)
            if warning:
                warnings.append(warning)
        return done, warnings
