"""Hot-seat: several players on one terminal, taking turns.

One seeded draw of ``count × players`` questions is dealt out in turn (the
first question to the first player, the second to the second, ...), so no one
sees the answer to a question that is still to come to them. Each player has
their own :class:`~hitrun_quiz.game.engine.Round` (score, streak, results),
judged by the engine as in ``play``, and each is recorded as that player's
round (mode ``party``). The same seed and names deal the same game again.

Modes: ``classic`` and ``survival``. In survival the whole pool is dealt out;
each player has their own three lives, a knocked-out player's turns are skipped,
and the game ends after a full turn of everyone that leaves one player or none
standing (or when the pool runs out); standings by right answers, then points.
A ladder (one player's climb for a prize) and blitz (one player against one
running clock) do not fit a terminal passed around: they are refused.
Lifelines are each player's own, once a game each, as in ``play``.
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
from hitrun_quiz.game.modes import BLITZ, CLASSIC, LADDER, SURVIVAL, Survival, rules_for
from hitrun_quiz.safetext import clean_player_name, fold_name

if TYPE_CHECKING:
    from hitrun_quiz.app.rounds import RoundSetup
    from hitrun_quiz.app.session import Recorder

MAX_PLAYERS = 8
PARTY = "party"
#: The modes hot-seat refuses, and why (the usage error).
REFUSED = {
    LADDER: "a ladder is one player's climb for a prize, with a walk-away at each rung:"
    " play it alone (play --mode ladder)",
    BLITZ: "blitz is one player against one running clock, and passing the terminal round"
    " would eat into it: play it alone, or host a blitz room (host --mode blitz) where"
    " everyone has a screen",
}


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
        if setup.mode in REFUSED:
            raise UsageError(
                f"--mode {setup.mode} does not go with --players: {REFUSED[setup.mode]}"
            )
        seed = new_seed() if seed is None else seed
        n = len(players)
        whole = Round.create(  # survival draws the whole pool
            list(setup.packs),
            count=setup.count * n,
            filters=setup.filters,
            seed=seed,
            time_limit=setup.time_limit,
            rules=rules_for(setup.mode),
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
            rnd.rules = rules_for(setup.mode)  # each player's own lives and lifelines
            rounds.append(rnd)
        return cls(list(players), rounds, seed, time.time())

    @property
    def mode(self) -> str:
        return self.rounds[0].rules.name

    def knocked_out(self, i: int) -> bool:
        rules = self.rounds[i].rules
        return isinstance(rules, Survival) and rules.knocked_out

    def turns(self) -> Iterator[tuple[int, Asked]]:
        """(player index, question) in playing order: everyone's first, then everyone's second.

        Survival: a knocked-out player's turns are skipped; the game ends after a
        full turn that leaves one player or none standing. Played to its end, each
        round is marked over (``finished`` in the record).
        """
        for k in range(len(self.rounds[0].asked)):
            for i, rnd in enumerate(self.rounds):
                if not self.knocked_out(i):
                    yield i, rnd.asked[k]
            standing = sum(not self.knocked_out(i) for i in range(len(self.rounds)))
            if self.mode == SURVIVAL and standing <= 1:
                break
        if self.mode != CLASSIC:
            for rnd in self.rounds:
                rnd.rules.over = True

    def _key(self, i: int) -> tuple[int, ...]:
        """What ranks a player: points; survival: right answers, then points."""
        rnd = self.rounds[i]
        if self.mode == SURVIVAL:
            return (sum(x.correct for x in rnd.results), rnd.score)
        return (rnd.score,)

    def standings(self) -> list[dict[str, Any]]:
        n = len(self.players)
        order = sorted(range(n), key=lambda i: (tuple(-k for k in self._key(i)), i))
        rows = []
        for i in order:
            row: dict[str, Any] = {
                "place": 1 + sum(self._key(j) > self._key(i) for j in range(n)),
                "player": self.players[i],
                "score": self.rounds[i].score,
                "correct": sum(x.correct for x in self.rounds[i].results),
            }
            rules = self.rounds[i].rules
            if isinstance(rules, Survival):
                row.update(lives=max(0, rules.lives), out=rules.knocked_out)
            rows.append(row)
        return rows

    def replay(self) -> str:
        import shlex

        mode = "" if self.mode == CLASSIC else f" --mode {self.mode}"
        names = shlex.quote(",".join(self.players))
        return f"hitrun-quiz play --players {names}{mode} --seed {self.seed}"

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
