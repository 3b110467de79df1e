"""The daily challenge: one round a day, the same for everyone who has the same pack.

- **The round.**  The seed comes from the local date, the pack's id and a digest
  of the pack's content (:func:`pack_digest`: its canonical JSON, without where
  the file lives), so every player and machine with that pack gets the same
  questions in the same order with the same order of choices on that date, and
  an edited pack gives a new round.  :data:`DAILY_COUNT` questions, no time limit.
- **Day numbers** count from :data:`FIRST_DAY`, 2021-08-06, the day *Hit & Run*
  premiered on Netflix: that is daily #1.
- **One official attempt** a day per player and pack: the first daily round
  played to the end on that day.  Later tries that day, and any past day
  (``--date``), are practice: played and recorded, never on a board.  A round
  abandoned (Ctrl-C, or input that runs out) uses up nothing.  A future date is
  refused.
- **Streak**: consecutive days with an official attempt (any pack), up to today;
  a streak whose last day is yesterday is still alive today (:func:`streak`).
- **The share line** (:func:`share_text`) holds the day number, correct/total,
  points, streak and a row of marks, never a question or an answer.

The date comes in from the caller (:func:`today` reads the testing hook
``HITRUN_QUIZ_TODAY`` only when the command passes it the environment), so
tests never sleep or wait for midnight.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hitrun_quiz.app import league
from hitrun_quiz.app.scheduling import schedule
from hitrun_quiz.app.session import round_record
from hitrun_quiz.errors import QuizError, UsageError
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import DailyInfo, RoundFinished
from hitrun_quiz.packs import cache as packcache
from hitrun_quiz.packs.loader import DEFAULT_PACK, find_pack
from hitrun_quiz.packs.model import Pack
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store import daily as store_daily
from hitrun_quiz.store.scores import LeagueUnavailable, ScoresNotSaved, ScoreStore

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.engine import Round
    from hitrun_quiz.store.records import ScoreRow

FIRST_DAY = dt.date(2021, 8, 6)  # daily #1: Hit & Run premiered on Netflix
DAILY_COUNT = 10
ENV_TODAY = "HITRUN_QUIZ_TODAY"  # testing hook: YYYY-MM-DD instead of the clock's date
SEED_VERSION = 1  # part of the seed: bump only to change every daily round at once

MARKS = {
    "emoji": {"right": "🟩", "wrong": "🟥", "blank": "⬜"},
    "plain": {"right": "R", "wrong": "W", "blank": "-"},
}
SEPARATORS = {"emoji": " · ", "plain": " | "}


class NoDailyYet(UsageError):
    """``daily --share`` before any daily round was finished."""


# --------------------------------------------------------------------------- dates


def today(
    environ: Mapping[str, str] | None = None, clock: Callable[[], dt.date] = dt.date.today
) -> dt.date:
    """The local date; ``environ[HITRUN_QUIZ_TODAY]`` replaces it when given (tests)."""
    value = (environ or {}).get(ENV_TODAY)
    if value:
        return parse_date(value, ENV_TODAY)
    return clock()


def parse_date(text: str, what: str = "--date") -> dt.date:
    """A YYYY-MM-DD date, or a UsageError naming ``what``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what} {text}: not a date; use YYYY-MM-DD") from None


def day_number(day: dt.date) -> int:
    """The daily number of ``day``: FIRST_DAY is #1."""
    return (day - FIRST_DAY).days + 1


def check_day(day: dt.date, now: dt.date) -> None:
    """Refuse a day in the future or before daily #1 (UsageError, exit 2)."""
    if day > now:
        raise UsageError(f"--date {day}: that day has not come yet (today is {now})")
    if day < FIRST_DAY:
        raise UsageError(f"--date {day}: the first daily round is {FIRST_DAY} (#1)")


# --------------------------------------------------------------------------- the round


def pack_digest(pack: Pack) -> str:
    """A SHA-256 of the pack's content (metadata, sources, facts, questions), hex.

    Canonical: the same content gives the same digest wherever the file lives,
    whatever its YAML layout and whether it came from the pack cache.
    """

    data = packcache.to_json(pack)
    data["meta"] = data["meta"][: packcache.META_FIELDS.index("origin")]
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def daily_seed(day: dt.date, pack_id: str, digest: str) -> int:
    """The seed of ``day``'s round of a pack: 63 bits of a SHA-256."""
    text = f"hitrun-quiz daily/{SEED_VERSION}/{day.isoformat()}/{pack_id}/{digest}"
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") >> 1


@dataclass(frozen=True)
class DailyPlan:
    """A daily round about to be played: its day, pack, player, and whether it counts."""

    day: dt.date
    today: dt.date
    pack: Pack
    digest: str
    player: str
    official: bool
    reason: str | None  # why practice; None when official
    streak: int  # before the round
    count: int = DAILY_COUNT
    claim: str | None = None  # this run's claim on the official attempt (store/daily.py)

    @property
    def number(self) -> int:
        return day_number(self.day)

    @property
    def pack_key(self) -> str:
        return f"{self.pack.id}@{self.digest[:16]}"

    @property
    def seed(self) -> int:
        return daily_seed(self.day, self.pack.id, self.digest)

    def info(self) -> DailyInfo:
        return DailyInfo(
            date=self.day.isoformat(),
            day=self.number,
            player=self.player,
            official=self.official,
            streak=self.streak,
            reason=self.reason,
        )

    def new_round(self) -> Round:
        """The day's round, marked as daily (its start event carries :meth:`info`)."""

        rnd = Round.create([self.pack], count=self.count, seed=self.seed)
        rnd.daily = self.info()
        return rnd


PAST_DAY = "a past day's round"
ALREADY = "today's official attempt is already recorded"
RUNNING = "today's official attempt is being played in another run"


def plan_daily(
    pack_ref: str | None,
    *,
    player: str,
    now: dt.date,
    recorder: Recorder,
    day: dt.date | None = None,
) -> DailyPlan:
    """Find the pack and decide whether this attempt is official (see the module doc)."""
    day = now if day is None else day
    check_day(day, now)
    pack = find_pack(pack_ref or DEFAULT_PACK)
    player = clean_player_name(player) or "player"
    claim: str | None = None
    with recorder.store() as store:
        if day < now:
            reason: str | None = PAST_DAY
        elif store_daily.has_official(store, player, day.isoformat(), pack.id):
            reason = ALREADY
        else:
            reason, claim = _claim(store, player, day.isoformat(), pack.id, recorder.clock())
        current = streak(store, player, now)
    return DailyPlan(
        day=day,
        today=now,
        pack=pack,
        digest=pack_digest(pack),
        player=player,
        official=reason is None,
        reason=reason,
        streak=current,
        claim=claim,
    )


def release(plan: DailyPlan, recorder: Recorder) -> None:
    """Give up the plan's claim if its round was never recorded (Ctrl-C, an error).

    Best effort: a claim that cannot be released expires (store/daily.py).
    """
    if plan.claim is None:
        return
    try:
        with recorder.store() as store:
            store_daily.release_claim(store, plan.claim)
    except QuizError:
        pass


def _claim(
    store: ScoreStore, player: str, day: str, pack_id: str, now: float
) -> tuple[str | None, str | None]:
    """Claim the official attempt before the round starts: (reason if practice, the claim).

    Of several runs started at once only the one holding the claim is announced
    as official. A store that cannot be written now decides at the end instead.
    """
    from hitrun_quiz.store.records import new_round_uuid

    token = new_round_uuid()
    try:
        if store_daily.claim_official(store, player, day, pack_id, token, now):
            return None, token
    except (ScoresNotSaved, LeagueUnavailable):
        return None, None
    return RUNNING, None


def record_daily(
    plan: DailyPlan, rnd: Round, summary: RoundFinished, *, recorder: Recorder, started_at: float
) -> tuple[RoundFinished, int | None, str | None]:
    """Record a played daily round; return the summary with its daily info, round id, warning.

    Only a finished round leaves a daily attempt; the first finished one of the
    day is official, even if another process got there between the plan and now.
    """

    record = round_record(
        rnd, summary, player=plan.player, mode="daily", started_at=started_at, now=recorder.clock()
    )
    attempt = store_daily.DailyAttempt(
        player=plan.player,
        day=plan.day.isoformat(),
        day_number=plan.number,
        pack_id=plan.pack.id,
        pack_key=plan.pack_key,
        official=plan.official,
    )
    warning = None
    round_id: int | None = None
    official, rank, current = False, None, plan.streak
    try:
        with recorder.store() as store:
            try:
                league.flush(store)
                round_id, official = store_daily.record_attempt(
                    store, record, attempt, schedule, claim=plan.claim
                )
            except LeagueUnavailable as exc:
                # Nothing lost: the round waits in the outbox like any other; its
                # daily attempt needs the league at the end of the round, so it is
                # sent as a round only (never ranked on a day's board).
                league.outbox().put(league.league_key(store), record)
                raise ScoresNotSaved(
                    f"{exc}; the round waits in the outbox (sent by the next command that"
                    " reaches the league), but it cannot count as today's daily attempt"
                ) from None
            if official:
                rank = store_daily.board_rank(store, round_id)
            current = streak(store, plan.player, plan.today)
    except ScoresNotSaved as exc:
        warning = str(exc)
    reason = plan.reason
    if not summary.finished:
        reason = "not played to the end: the day is not used up"
    elif warning:
        reason = "not saved"
    elif plan.official and not official:
        reason = "another attempt of today finished first"
    marks = [
        "right" if r.correct else "wrong" if r.outcome == "wrong" else "blank" for r in rnd.results
    ]
    marks += ["blank"] * (len(rnd.asked) - len(marks))
    share = {
        style: share_text(
            day=plan.number,
            correct=summary.correct,
            total=summary.total,
            score=summary.score,
            streak=current,
            marks=marks,
            official=official,
            pack_id=plan.pack.id,
            style=style,
            lifelines=[name for _, name in summary.lifelines],
        )
        for style in MARKS
    }
    info = dataclasses.replace(
        plan.info(),
        official=official,
        reason=None if official else reason,
        streak=current,
        rank=rank,
        share=share["emoji"] if summary.finished else None,
        share_plain=share["plain"] if summary.finished else None,
    )
    return dataclasses.replace(summary, daily=info), round_id, warning


# ------------------------------------------------------------------- streaks, boards, shares


def streak(store: ScoreStore, player: str, now: dt.date) -> int:
    """Consecutive days with an official attempt, ending today (or yesterday: still alive)."""
    days = store_daily.official_days(store, player, now.isoformat())
    expected = now if days and days[0] == now.isoformat() else now - dt.timedelta(days=1)
    run = 0
    for text in days:
        if text != expected.isoformat():
            break
        run += 1
        expected -= dt.timedelta(days=1)
    return run


def share_text(
    *,
    day: int,
    correct: int,
    total: int,
    score: int,
    streak: int,
    marks: Sequence[str],
    official: bool = True,
    pack_id: str = DEFAULT_PACK,
    style: str = "emoji",
    lifelines: Sequence[str] = (),
) -> str:
    """The spoiler-free share line: a head line, then one mark per question.

    ``hitrun-quiz daily #123 · 8/10 · 1,740 pts · streak 5`` then 🟩 (right),
    🟥 (wrong) and ⬜ (skipped or timed out); ``style="plain"`` uses ASCII only
    (``|`` between the parts; R, W and - for the marks).
    """
    head = f"hitrun-quiz daily #{day}"
    if pack_id != DEFAULT_PACK:
        head += f" {pack_id}"
    if not official:
        head += " (practice)"
    parts = [head, f"{correct}/{total}", f"{score:,} pts", f"streak {streak}"]
    if lifelines:  # a round helped by lifelines says so
        from hitrun_quiz.game.lifelines import TITLES

        parts.append("lifelines " + ", ".join(TITLES.get(n, n) for n in lifelines))
    glyphs = MARKS[style]
    return SEPARATORS[style].join(parts) + "\n" + "".join(glyphs[m] for m in marks)


def last_share(recorder: Recorder, player: str, now: dt.date) -> DailyInfo:
    """The daily info, with both share lines, of the player's last finished daily round."""
    with recorder.store() as store:
        last = store_daily.last_attempt(store, player)
        if last is None:
            raise NoDailyYet(
                f"no daily round finished yet by {clean_player_name(player) or 'player'}"
                " (play one: hitrun-quiz daily)"
            )
        as_of = dt.date.fromisoformat(last.day) if last.official else now
        current = streak(store, player, min(as_of, now))
        rank = store_daily.board_rank(store, last.round_id) if last.official else None
    share = {
        style: share_text(
            day=last.day_number,
            correct=last.correct,
            total=last.total,
            score=last.score,
            streak=current,
            marks=last.marks,
            official=last.official,
            pack_id=last.pack_id,
            style=style,
            lifelines=last.lifelines,
        )
        for style in MARKS
    }
    return DailyInfo(
        date=last.day,
        day=last.day_number,
        player=last.player,
        official=last.official,
        streak=current,
        rank=rank,
        share=share["emoji"],
        share_plain=share["plain"],
    )


def day_board(
    recorder: Recorder, day: dt.date, pack_id: str | None = None, limit: int = 10
) -> list[ScoreRow]:
    """The official attempts of ``day`` (every pack, or one), best first."""
    with recorder.store() as store:
        return store_daily.board(store, day.isoformat(), pack_id=pack_id, limit=limit)
