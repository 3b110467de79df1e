"""Glue between a played round and the score store, shared by both frontends.

No terminal, no Typer: the CLI and the frontends call this to remember the
player's name, record a round and rank it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hitrun_quiz.paths import scores_db, settings_file
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow
from hitrun_quiz.store.sqlite import ScoresNotSaved, ScoreStore

if TYPE_CHECKING:  # the engine is not needed to show the scores table
    from hitrun_quiz.game.engine import Round
    from hitrun_quiz.game.events import RoundFinished

DEFAULT_PLAYER = "player"


def _read_settings() -> dict[str, object]:
    from hitrun_quiz.files import read_regular

    try:  # a regular file of at most 64 KB (never blocks on a FIFO)
        data = json.loads(read_regular(settings_file(), 65536).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_player() -> str | None:
    """The name given in the last interactive round, if any."""
    name = _read_settings().get("player")
    return clean_player_name(name) or None if isinstance(name, str) else None


def remember_player(name: str) -> None:
    """Remember ``name`` for next time (best effort: a read-only dir is fine)."""
    from hitrun_quiz.errors import FileError
    from hitrun_quiz.files import write_atomic

    settings = _read_settings()
    settings["player"] = name
    with contextlib.suppress(OSError, FileError):
        write_atomic(settings_file(), json.dumps(settings, indent=2).encode("utf-8"))


def login_name() -> str:
    try:
        return clean_player_name(getpass.getuser()) or DEFAULT_PLAYER
    except (OSError, KeyError):  # no login name (some containers)
        return DEFAULT_PLAYER


def default_player() -> str:
    """``--player`` when not given: the remembered name, else the login name."""
    return remembered_player() or login_name()


@dataclass
class Recorder:
    """Records rounds in the score store and ranks them."""

    path: Path = dataclasses.field(default_factory=scores_db)

    def store(self) -> ScoreStore:
        return ScoreStore(self.path)

    def check(self) -> None:
        """Fail early (ScoresError) on a corrupt scores file, before a round is played."""
        with self.store() as store:
            store.count()

    def save(
        self,
        rnd: Round,
        summary: RoundFinished,
        *,
        player: str,
        mode: str,
        started_at: float,
    ) -> tuple[RoundFinished, int | None, str | None]:
        """Record the round; return the summary with its rank, the round id, and a warning."""
        record = RoundRecord(
            player=clean_player_name(player) or DEFAULT_PLAYER,
            score=summary.score,
            correct=summary.correct,
            answered=summary.answered,
            total=summary.total,
            packs=[p.id for p in rnd.packs],
            filters=rnd.filters.to_json(),
            seed=rnd.seed,
            mode=mode,
            started_at=started_at,
            finished_at=time.time(),
            finished=summary.finished,
            results=[
                QuestionResult(
                    pack_id=r.asked.pack.id,
                    question_id=r.asked.question.id,
                    correct=r.correct,
                    answered=r.outcome in ("correct", "wrong"),
                    points=r.points,
                    seconds=r.seconds,
                    given=r.given,
                )
                for r in rnd.results
            ],
        )
        try:
            with self.store() as store:
                round_id = store.record(record)
                rank = store.rank(round_id)
        except ScoresNotSaved as exc:
            return summary, None, str(exc)
        return dataclasses.replace(summary, rank=rank), round_id, None

    def top(
        self, limit: int = 10, pack: str | None = None, player: str | None = None
    ) -> list[ScoreRow]:
        with self.store() as store:
            return store.top(limit=limit, pack=pack, player=player)
