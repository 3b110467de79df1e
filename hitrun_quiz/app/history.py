"""What the game remembers of a player's rounds: fresh draws, replays, retries of misses,
the history export, and forgetting a player.

Fresh draws: without ``--seed`` a round prefers the questions this player has not
seen (in this pack), then those seen longest ago; the order comes from the
player's cards (the last round each question was in) and is handed to the draw
as a priority, so a player sees no question twice until the whole filtered
pool is used up. ``--seed`` ignores history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from hitrun_quiz.app.finder import PackFinder
from hitrun_quiz.app.session import DEFAULT_PLAYER
from hitrun_quiz.errors import UsageError
from hitrun_quiz.game.arranged import arrange
from hitrun_quiz.game.draw import Filters, new_seed
from hitrun_quiz.game.engine import Round
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store import history as stored
from hitrun_quiz.store.cards import player_key

if TYPE_CHECKING:
    from hitrun_quiz.app.rounds import RoundSetup
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.engine import Round


def key_of(player: str, strict: bool = False) -> str:
    """The folded key of a player name; an empty name is the default player's (the name
    rounds are recorded under), or a UsageError when ``strict``."""

    name = clean_player_name(player)
    if not name:
        if strict:
            raise UsageError("the player name is empty")
        name = DEFAULT_PLAYER
    return player_key(name)


# --------------------------------------------------------------------------- fresh draws


def seen_order(
    recorder: Recorder, player: str, pack_ids: Sequence[str]
) -> dict[tuple[str, str], int]:
    """(pack id, question id) -> the id of the last round the player saw it in."""
    key = key_of(player)
    with recorder.store() as store:
        return store.last_seen(key, pack_ids)


@dataclass
class Rounds:
    """Makes the rounds of a session: seeded when a seed is given, else fresh."""

    setup: RoundSetup
    recorder: Recorder
    player: str

    def __call__(self, seed: int | None = None) -> Round:
        if seed is not None:
            return self.setup.new_round(seed)
        priority = seen_order(self.recorder, self.player, [p.id for p in self.setup.packs])
        return self.setup.new_round(None, priority=priority)


# --------------------------------------------------------------------------- replay and misses


def load_round(recorder: Recorder, round_id: int, option: str) -> stored.StoredRound:
    with recorder.store() as store:
        found = store.round_by_id(round_id)
    if found is None:
        raise UsageError(f"{option} {round_id}: no such round (see: hitrun-quiz history --json)")
    return found


def replay_round(
    recorder: Recorder,
    round_id: int,
    *,
    packs: Sequence[str] = (),
    time_limit: float | None = None,
) -> Round:
    """The recorded round again: the same questions, in the same order, with the same
    choice order (its time limit unless another is given). Questions that have left
    their pack are left out; ``packs`` (ids or files) say where to look first."""

    rnd = load_round(recorder, round_id, "--replay")
    finder = PackFinder(packs)
    planned = [(r.pack_id, r.question_id, r.choices) for r in rnd.results] + list(rnd.unplayed)
    items = []
    for pack_id, qid, order in planned:
        found = finder.question(pack_id, qid)
        if found is not None:
            items.append((*found, order))
    if not items:
        raise UsageError(f"--replay {round_id}: none of its questions is in a pack now")
    f = rnd.filters
    filters = Filters(
        tuple(f.get("category", ())), tuple(f.get("difficulty", ())), tuple(f.get("type", ()))
    )
    return Round.of_questions(
        finder.used(items),
        arrange(items, rnd.seed),
        seed=rnd.seed,
        kind="replay",
        time_limit=time_limit if time_limit is not None else rnd.time_limit,
        filters=filters,
    )


def misses_round(
    recorder: Recorder,
    player: str,
    round_id: int | None = None,
    *,
    packs: Sequence[str] = (),
    time_limit: float | None = None,
    seed: int | None = None,
) -> Round | str:
    """The questions missed (wrong, skipped, timed out) in the player's last round, or in
    round ``round_id``; a message instead when there is nothing to retry."""

    if round_id is None:
        key = key_of(player)
        with recorder.store() as store:
            rnd = store.last_round(key)
        if rnd is None:
            raise UsageError(f"--misses: {clean_player_name(player)} has no recorded round yet")
    else:
        rnd = load_round(recorder, round_id, "--misses")
    finder = PackFinder(packs)
    items = []
    for r in rnd.results:
        if r.kind != "correct":
            found = finder.question(r.pack_id, r.question_id)
            if found is not None:
                items.append((*found, None))
    if not items:
        return f"Nothing to retry: no missed question of round {rnd.round_id} is left to play"
    seed = new_seed() if seed is None else seed
    return Round.of_questions(
        finder.used(items), arrange(items, seed), seed=seed, kind="misses", time_limit=time_limit
    )


# --------------------------------------------------------------------------- export, forget


def iso(t: float) -> str:
    return (
        datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


def round_json(r: stored.StoredRound) -> dict[str, Any]:
    return {
        "round_id": r.round_id,
        "player": r.player,
        "score": r.score,
        "correct": r.correct,
        "answered": r.answered,
        "total": r.total,
        "packs": r.packs,
        "filters": r.filters,
        "seed": r.seed,
        "mode": r.mode,
        "game_mode": r.game_mode,
        "draw": r.draw,
        "time_limit": r.time_limit,
        "started_at": iso(r.started_at),
        "finished_at": iso(r.finished_at),
        "finished": r.finished,
        "best_streak": r.best_streak,
        "results": [
            {
                "pack": q.pack_id,
                "id": q.question_id,
                "outcome": q.kind,
                "correct": q.correct,
                "given": q.given,
                "points": q.points,
                "seconds": q.seconds,
                "lifelines": q.lifelines.split(",") if q.lifelines else [],
            }
            for q in r.results
        ],
        "unplayed": [{"pack": p, "id": q} for p, q, _ in r.unplayed],
    }


def export(recorder: Recorder, player: str) -> list[dict[str, Any]]:
    """Every round of a player, oldest first, with its results (JSON-ready)."""
    key = key_of(player, strict=True)
    with recorder.store() as store:
        return [round_json(r) for r in store.rounds_of(key)]


def forget(recorder: Recorder, player: str) -> int:
    """Delete a player's rounds, results, cards and review logs; return how many rounds."""
    key = key_of(player, strict=True)
    with recorder.store() as store:
        return store.forget(key)  # no database: nothing to forget, nothing created
