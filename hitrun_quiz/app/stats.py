"""A player's statistics, computed from what the store returns (no fsrs needed).

Every accuracy is right answers out of questions asked (skipped and timed-out
questions count as asked, not right). Per question the figures come from the
player's cards, per week from the results of the last :data:`WEEKS` weeks (ISO
weeks, UTC). A question counts as mastered when its FSRS stability is at least
:data:`~hitrun_quiz.store.cards.MASTERED_DAYS` days. Questions that have left
their pack count in the totals but not in the breakdowns, coverage or most missed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from hitrun_quiz.app.daily import streak as daily_streak
from hitrun_quiz.app.finder import PackFinder
from hitrun_quiz.app.history import key_of
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store import history as stored
from hitrun_quiz.store.cards import MASTERED_DAYS, CardRecord

if TYPE_CHECKING:
    from hitrun_quiz.app.session import Recorder

WEEKS = 12
MOST_MISSED = 5
ORDERS = {
    "difficulty": ("easy", "medium", "hard"),
    "type": ("choice", "truefalse", "text", "number"),
}


def board_of(r: stored.RoundScore) -> tuple[Any, ...]:
    """The board a round competes on: its packs, question count, timed or not, and mode.

    (One place to switch to a stored board column.)
    """
    return (r.packs, r.total, r.timed, r.mode)


def _accuracy(correct: int, asked: int) -> float | None:
    return round(correct / asked, 4) if asked else None


def _row(name: str, correct: int, asked: int) -> dict[str, Any]:
    return {
        "name": name,
        "questions": asked,
        "correct": correct,
        "accuracy": _accuracy(correct, asked),
    }


def _week_start(t: datetime) -> datetime:
    day = t.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def _iso(t: float) -> str:
    return (
        datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


def weekly(
    answers: Iterable[tuple[float, int, int]], now: float, weeks: int = WEEKS
) -> list[dict[str, Any]]:
    """Accuracy of each of the last ``weeks`` ISO weeks (UTC), oldest first, from
    (time, right answers, answers) of each round."""

    this_week = _week_start(datetime.fromtimestamp(now, timezone.utc))
    starts = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    edges = [s.timestamp() for s in starts]
    counts = [[0, 0] for _ in starts]
    for t, correct, n in answers:
        i = bisect_right(edges, t) - 1
        if i >= 0:
            counts[i][0] += correct
            counts[i][1] += n
    out = []
    for s, (c, n) in zip(starts, counts, strict=True):
        year, week, _ = s.isocalendar()
        out.append(
            {
                "week": f"{year}-W{week:02d}",
                "start": s.date().isoformat(),
                "questions": n,
                "correct": c,
                "accuracy": _accuracy(c, n),
            }
        )
    return out


def since_for(now: float, weeks: int = WEEKS) -> float:
    start = _week_start(datetime.fromtimestamp(now, timezone.utc)) - timedelta(weeks=weeks - 1)
    return start.timestamp()


def compute(
    recorder: Recorder,
    player: str,
    pack: str | None = None,
    now: Callable[[], float] | None = None,
) -> dict[str, Any]:
    """The statistics of one player (of one pack if given), JSON-ready."""

    key = key_of(player)
    t = (now or recorder.clock)()
    finder = PackFinder([pack] if pack else [])
    pack_id = finder.given[0].id if pack else None
    since = since_for(t)

    with recorder.store() as store:
        figures = store.player_figures(key, pack_id, since, t)
        days = daily_streak(store, player, date.fromtimestamp(t))  # the local date
    cards, nxt = figures.cards, figures.next_due

    return {
        "player": clean_player_name(player),
        "pack": pack_id,
        "rounds": figures.rounds,
        "questions": sum(c.asked for c in cards),
        "correct": sum(c.correct for c in cards),
        "accuracy": _accuracy(sum(c.correct for c in cards), sum(c.asked for c in cards)),
        **breakdowns(cards, finder),
        "weekly": weekly(figures.answers, t),
        "coverage": coverage(cards, finder, pack_id),
        "mastered_stability_days": MASTERED_DAYS,
        "best_rounds": best_rounds(figures.finished),
        "longest_streak": figures.best_streak or 0,
        "daily_streak": days,
        "most_missed": most_missed(cards, finder),
        "reviews": {
            "due": figures.due,
            "next_review": None if nxt is None else _iso(nxt[0]),
            "next_count": 0 if nxt is None else nxt[1],
        },
    }


def breakdowns(cards: list[CardRecord], finder: Any) -> dict[str, list[dict[str, Any]]]:
    """Accuracy by category, difficulty and type (questions still in their packs)."""
    tallies: dict[str, dict[str, list[int]]] = {"category": {}, "difficulty": {}, "type": {}}
    for c in cards:
        found = finder.question(c.pack_id, c.question_id)
        if found is None:
            continue
        q = found[1]
        for field, value in (
            ("category", q.category),
            ("difficulty", q.difficulty),
            ("type", q.type),
        ):
            tally = tallies[field].setdefault(value, [0, 0])
            tally[0] += c.correct
            tally[1] += c.asked
    out = {}
    for field, counts in tallies.items():
        order = ORDERS.get(field)
        names = sorted(counts, key=lambda n: (order.index(n) if order and n in order else 99, n))
        out[f"by_{field}"] = [_row(n, *counts[n]) for n in names]
    return out


def coverage(cards: list[CardRecord], finder: Any, pack_id: str | None) -> list[dict[str, Any]]:
    """Per pack: questions seen and mastered, out of the questions it holds now."""
    ids = list(dict.fromkeys([*([pack_id] if pack_id else []), *(c.pack_id for c in cards)]))
    out = []
    for pid in ids:
        p = finder.pack(pid)
        if p is None:
            continue
        live = [c for c in cards if c.pack_id == pid and finder.question(pid, c.question_id)]
        out.append(
            {
                "pack": pid,
                "title": p.title,
                "seen": len(live),
                "total": len(p.questions),
                "mastered": sum(1 for c in live if (c.stability or 0) >= MASTERED_DAYS),
            }
        )
    return out


def best_rounds(finished: list[stored.RoundScore]) -> list[dict[str, Any]]:
    """The best finished round of each board (rounds come best first)."""
    best: dict[tuple[Any, ...], stored.RoundScore] = {}
    for r in finished:
        best.setdefault(board_of(r), r)
    return [
        {
            "packs": list(r.packs),
            "count": r.total,
            "timed": r.timed,
            "mode": r.mode,
            "round_id": r.round_id,
            "score": r.score,
            "finished_at": _iso(r.finished_at),
        }
        for r in sorted(best.values(), key=lambda r: (-r.score, r.finished_at, r.round_id))
    ]


def _answer_text(answer: Any) -> str:
    """An answer as a player reads it (as ``game.engine.answer_text``, without importing the
    engine and its matcher: stats must start fast)."""
    if isinstance(answer, bool):
        return "True" if answer else "False"
    if isinstance(answer, float) and answer.is_integer():
        return str(int(answer))
    return str(answer)


def most_missed(cards: list[CardRecord], finder: Any, n: int = MOST_MISSED) -> list[dict[str, Any]]:
    """The questions missed most often (still in their packs), with their answers."""
    ranked = sorted(
        (c for c in cards if c.asked > c.correct),
        key=lambda c: (-(c.asked - c.correct), -c.asked, c.pack_id, c.question_id),
    )
    out = []
    for c in ranked:
        found = finder.question(c.pack_id, c.question_id)
        if found is None:
            continue
        q = found[1]
        out.append(
            {
                "pack": c.pack_id,
                "id": c.question_id,
                "prompt": q.prompt,
                "answer": _answer_text(q.answer),
                "missed": c.asked - c.correct,
                "asked": c.asked,
            }
        )
        if len(out) == n:
            break
    return out
