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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hitrun_quiz.app import league
from hitrun_quiz.app.scheduling import schedule
from hitrun_quiz.errors import FileError
from hitrun_quiz.files import read_regular, write_atomic
from hitrun_quiz.game.arranged import choice_order
from hitrun_quiz.paths import settings_file
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store.boards import board_key, board_title
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow
from hitrun_quiz.store.scores import LeagueUnavailable, ScoresNotSaved, ScoreStore

if TYPE_CHECKING:  # the engine is not needed to show the scores table
    from hitrun_quiz.game.engine import Round
    from hitrun_quiz.game.events import RoundFinished

DEFAULT_PLAYER = "player"


def _read_settings() -> dict[str, object]:

    try:  # a regular file of at most 64 KB (never blocks on a FIFO)
        data = json.loads(read_regular(settings_file(), 65536).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_player() -> str | None:
    """The name given in the last interactive round, if any."""
    name = _read_settings().get("player")
    return clean_player_name(name) or None if isinstance(name, str) else None


def _write_settings(**values: object) -> None:
    """Update settings.json (best effort: a read-only dir is fine)."""

    settings = _read_settings()
    settings.update(values)
    with contextlib.suppress(OSError, FileError):
        write_atomic(settings_file(), json.dumps(settings, indent=2).encode("utf-8"))


def remember_player(name: str) -> None:
    """Remember ``name`` for next time."""
    _write_settings(player=name)


def remembered_setup() -> dict[str, object]:
    """The menu's last round setup (pack, categories, difficulty, count, time limit)."""
    setup = _read_settings().get("setup")
    return setup if isinstance(setup, dict) else {}


def remember_setup(setup: dict[str, object]) -> None:
    """Remember the menu's round setup as the next defaults."""
    _write_settings(setup=setup)


def login_name() -> str:
    try:
        return clean_player_name(getpass.getuser()) or DEFAULT_PLAYER
    except (OSError, KeyError):  # no login name (some containers)
        return DEFAULT_PLAYER


def default_player() -> str:
    """``--player`` when not given: the remembered name, else the login name."""
    return remembered_player() or login_name()


def round_record(
    rnd: Round,
    summary: RoundFinished,
    *,
    player: str,
    mode: str,
    started_at: float,
    now: float | None = None,
) -> RoundRecord:
    """A played round as the store records it (finished ``now``, by default the time)."""

    return RoundRecord(
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
        finished_at=time.time() if now is None else now,
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
                outcome=r.outcome,
                choices=choice_order(r.asked),
                lifelines=",".join(r.lifelines) or None,
            )
            for r in rnd.results
        ],
        draw=rnd.kind,
        time_limit=rnd.time_limit,
        best_streak=rnd.best_streak,
        unplayed=[(a.pack.id, a.question.id, choice_order(a)) for a in rnd.unplayed()],
        board=board_key(
            [p.id for p in rnd.packs],
            summary.total,
            rnd.time_limit is not None,
            mode,
            game=rnd.mode,
            seconds=getattr(rnd.rules, "seconds", None),
        ),
        game_mode=rnd.mode,
    )


@dataclass
class Recorder:
    """Records rounds in the score store and ranks them.

    ``path``: the SQLite file or a league's ``postgresql://`` URL; by default
    :func:`~hitrun_quiz.app.league.db_target` (``--db``, ``HITRUN_QUIZ_DB``, the data
    dir's file). On a league, every use first sends the outbox; a round that
    cannot reach the league is queued in it (:meth:`save`). ``clock`` gives the
    unix time (tests pass a fake one): the finishing time of a round and the
    time its answers are scheduled for review.
    """

    path: Path | str = dataclasses.field(default_factory=league.db_target)
    clock: Callable[[], float] = time.time
    #: Set once the league was found unreachable in this process.
    offline: str | None = None

    @classmethod
    def at(cls, db: str | None) -> Recorder:
        """The recorder of a command's ``--db`` (None: ``$HITRUN_QUIZ_DB``, else the data dir)."""
        return cls(league.db_target(db))

    def store(self) -> ScoreStore:
        return ScoreStore(self.path)

    def check(self) -> str | None:
        """Fail early (ScoresError) on a bad scores file or league, before a round is played.

        An unreachable league is no error here (the round is played and queued):
        returns a note saying so, else None.
        """
        with self.store() as store:
            if not store.is_league:
                store.count()
                return None
            try:
                store.count()
                league.flush(store)
            except LeagueUnavailable as exc:
                self.offline = str(exc)
                return f"{exc}; playing anyway: the round will wait in the outbox"
        return None

    def save(
        self,
        rnd: Round,
        summary: RoundFinished,
        *,
        player: str,
        mode: str,
        started_at: float,
    ) -> tuple[RoundFinished, int | None, str | None]:
        """Record the round and schedule its answers for review (FSRS).

        Returns the summary with its rank and round id, the round id, and a
        warning. The rank is the place on the round's board (same packs, count,
        timing and mode); ``personal_best`` says the player beat their best on it.
        """

        record = round_record(
            rnd, summary, player=player, mode=mode, started_at=started_at, now=self.clock()
        )
        summary = dataclasses.replace(
            summary, board=record.board, board_title=board_title(record.board)
        )
        try:
            with self.store() as store:
                if store.is_league:
                    return self._save_to_league(store, summary, record, schedule)
                round_id = store.record(record, schedule)
                rank = store.rank(round_id)
                best = store.new_best(round_id) if summary.finished else False
        except ScoresNotSaved as exc:
            return summary, None, str(exc)
        done = dataclasses.replace(summary, rank=rank, personal_best=best, round_id=round_id)
        return done, round_id, None

    def _save_to_league(
        self, store: ScoreStore, summary: RoundFinished, record: RoundRecord, schedule: Any
    ) -> tuple[RoundFinished, int | None, str | None]:
        try:
            league.flush(store)
            round_id = store.record(record, schedule)
            rank = store.rank(round_id)
            best = store.new_best(round_id) if summary.finished else False
        except LeagueUnavailable as exc:
            self.offline = str(exc)
            league.outbox().put(league.league_key(store), record)
            return (
                summary,
                None,
                f"{exc}; the round waits in the outbox and is sent by the next command"
                " that reaches the league (or `hitrun-quiz league sync`)",
            )
        self.offline = None
        done = dataclasses.replace(summary, rank=rank, personal_best=best, round_id=round_id)
        return done, round_id, None

    def top(
        self,
        limit: int | None = 10,
        pack: str | None = None,
        player: str | None = None,
        *,
        board: str | None = None,
        offset: int = 0,
    ) -> list[ScoreRow]:
        """The table; on a league the outbox is sent first.

        An unreachable league raises LeagueUnavailable (a store error, exit 4), except right after
        this process queued a round (the round's screen then shows no table).
        """
        with self.store() as store:
            try:
                league.flush(store)
                return store.top(limit=limit, pack=pack, player=player, board=board, offset=offset)
            except LeagueUnavailable:
                if self.offline is not None:
                    return []
                raise

    def around(self, round_id: int, rank: int, board: str, rows: int = 5) -> list[ScoreRow]:
        """About ``rows`` rows of ``board`` centred on the round at ``rank``."""
        start = max(0, rank - 1 - rows // 2)
        return self.top(rows, board=board, offset=start)

    def known_pack_ids(self) -> set[str]:
        """Every pack id a recorded round used."""
        with self.store() as store:
            return store.pack_ids()
