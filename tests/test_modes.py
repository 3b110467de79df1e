"""Modes and lifelines in-process: the engine with a scripted fake frontend and a fake clock.

The console script and a pty are tested in test_modes_cli.py and test_modes_pty.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hitrun_quiz.errors import UsageError
from hitrun_quiz.game import lifelines
from hitrun_quiz.game.answers import LETTERS
from hitrun_quiz.game.draw import Asked, Rng, draw
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import (
    EOF,
    AnswerJudged,
    Event,
    LifelineUsed,
    QuestionAsked,
    Reply,
    RoundFinished,
)
from hitrun_quiz.game.modes import HAVENS, PRIZES, Blitz, Ladder, Survival, rules_for
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.packs.model import Pack, Question

from .conftest import ROOT

BANK = ROOT / "questions" / "hit-and-run.yaml"


@pytest.fixture(scope="module")
def bank() -> Pack:
    return load_pack(BANK)


def right(asked: Asked) -> str:
    q = asked.question
    if q.type == "choice":
        return LETTERS[asked.choices.index(str(q.answer))]
    if isinstance(q.answer, bool):
        return "true" if q.answer else "false"
    return str(q.answer)


def wrong(asked: Asked) -> str:
    q = asked.question
    if q.type == "choice":
        return LETTERS[next(i for i, c in enumerate(asked.choices) if c != q.answer)]
    if q.type == "truefalse":
        return "false" if q.answer else "true"
    if q.type == "number":
        return str(float(q.answer) + 1000)  # type: ignore[arg-type]
    return "zzzz qqqq"


class Fake:
    """A frontend whose replies come from a function of the question (and the event seen)."""

    def __init__(self, reply: Callable[[Asked, QuestionAsked], Reply]) -> None:
        self.reply = reply
        self.events: list[Event] = []
        self.limits: list[float | None] = []

    def show(self, event: Event) -> None:
        self.events.append(event)

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        self.limits.append(time_limit)
        last = [e for e in self.events if isinstance(e, QuestionAsked)][-1]
        return self.reply(asked, last)

    def of(self, kind: type) -> list:  # type: ignore[type-arg]
        return [e for e in self.events if isinstance(e, kind)]


def replies(*texts: str) -> Callable[[Asked, QuestionAsked], Reply]:
    """Replies in order ("!right" / "!wrong" answer the question asked); then EOF."""
    it: Iterator[str] = iter(texts)

    def reply(asked: Asked, _event: QuestionAsked) -> Reply:
        text = next(it, None)
        if text is None:
            return EOF
        if text == "!right":
            text = right(asked)
        elif text == "!wrong":
            text = wrong(asked)
        return Reply.typed(text)

    return reply


# --------------------------------------------------------------------------- lifelines


def test_fifty_fifty_never_hides_the_right_answer_in_10000_seeded_questions(bank: Pack) -> None:
    choice = [q for q in bank.questions if q.type == "choice" and len(q.choices) >= 4]
    assert choice
    rng = Rng(7)
    hidden_counts = set()
    for n in range(10_000):
        q = choice[rng.below(len(choice))]
        shown = list(q.choices)
        rng.shuffle(shown)  # the player's own order, never the pack's
        hidden = lifelines.fifty_fifty(q, shown, n)
        assert len(hidden) == 2 and len(set(hidden)) == 2
        assert all(shown[i] != q.answer for i in hidden), (q.id, shown, hidden)
        assert q.answer in [c for i, c in enumerate(shown) if i not in hidden]
        hidden_counts.add(hidden)
    assert len(hidden_counts) > 3  # the pair hidden varies


def test_fifty_fifty_in_a_drawn_round_hides_two_wrong_options_of_the_shown_order(
    bank: Pack,
) -> None:
    for seed in range(300):
        asked, _ = draw([bank], 10, Round.create([bank], seed=seed).filters, seed)
        for a in asked:
            if a.question.type == "choice" and len(a.choices) >= 4:
                hidden = lifelines.fifty_fifty(a.question, a.choices, seed)
                assert a.question.answer not in [a.choices[i] for i in hidden]


def test_hint_letters_and_number_range() -> None:
    q = Question("t", "text", "c", "easy", "p?", "Ford Mustang")
    assert lifelines.hint(q) == "F___ M______"
    n = Question("n", "number", "c", "easy", "p?", 1997)
    assert lifelines.hint(n) == "between 1900 and 2000"
    lo, hi = lifelines.number_range(42)
    assert lo <= 42 <= hi and (lo, hi) == (40, 50)
    for x in (0, 7, 9, 99, 100, 12345, -3):
        lo, hi = lifelines.number_range(x)
        assert lo <= x <= hi


def test_lifelines_that_do_not_fit_are_refused() -> None:
    tf = Question("tf", "truefalse", "c", "easy", "p?", True)
    three = Question("c3", "choice", "c", "easy", "p?", "a", choices=("a", "b", "c"))
    text = Question("t", "text", "c", "easy", "p?", "a")
    assert lifelines.refusal("50", tf) is not None
    assert lifelines.refusal("50", three) is not None
    assert lifelines.refusal("hint", three) is not None
    assert lifelines.refusal("hint", text) is None
    assert lifelines.refusal("skip", tf) is None
    with pytest.raises(ValueError):
        lifelines.fifty_fifty(three, three.choices, 1)


def first_seed(bank: Pack, want: Callable[[Asked], bool], mode: str = "classic") -> int:
    for seed in range(1000):
        rnd = Round.create([bank], seed=seed, rules=rules_for(mode))
        if want(rnd.asked[0]):
            return seed
    raise AssertionError("no seed")


def test_a_lifeline_cannot_be_used_twice_and_is_refused_without_being_spent(bank: Pack) -> None:
    seed = first_seed(bank, lambda a: a.question.type == "choice" and len(a.choices) >= 4)
    rnd = Round.create([bank], seed=seed, count=3)
    fake = Fake(replies("?hint", "?50", "?50", "!right", "?50", "!wrong", "!wrong"))
    summary = rnd.play(fake)
    used = fake.of(LifelineUsed)
    assert [(e.lifeline, e.ok) for e in used[:3]] == [("hint", False), ("50", True), ("50", False)]
    assert "only for a text or number" in used[0].message
    assert "used up" in used[2].message
    assert used[0].left == ("50", "hint", "skip")  # the refused hint was not spent
    assert used[1].left == ("hint", "skip")
    # The same question is asked again, with two options hidden, never the right one.
    again = fake.of(QuestionAsked)[2]  # after the refused hint, then the 50:50
    assert again.asked == fake.of(QuestionAsked)[0].asked and again.again
    assert len(again.hidden) == 2
    assert again.asked.question.answer not in [again.asked.choices[i] for i in again.hidden]
    result = fake.of(AnswerJudged)[0]
    assert result.correct and result.lifelines == ("50",)
    assert summary.lifelines == ((1, "50"),)
    assert summary.to_json()["lifelines"] == [{"number": 1, "lifeline": "50"}]


def test_hint_halves_the_points_and_skip_keeps_the_streak(bank: Pack) -> None:
    seed = first_seed(bank, lambda a: a.question.type in ("text", "number"))
    rnd = Round.create([bank], seed=seed, count=4)
    fake = Fake(replies("?hint", "!right", "!right", "?skip", "!right"))
    summary = rnd.play(fake)
    results = fake.of(AnswerJudged)
    hinted = results[0]
    assert hinted.breakdown is not None and hinted.breakdown.hint
    assert hinted.points == hinted.breakdown.base // 2  # no streak on the first question
    assert results[2].outcome == "skipped" and results[2].lifelines == ("skip",)
    assert results[2].streak == 2  # kept
    assert results[3].streak == 3
    assert summary.best_streak == 3


# --------------------------------------------------------------------------- modes


def test_survival_three_lives_then_knocked_out(bank: Pack) -> None:
    rnd = Round.create([bank], seed=11, rules=Survival())
    fake = Fake(replies("!right", "!wrong", "", "!right", "?skip", "!wrong", "!right"))
    summary = rnd.play(fake)
    results = fake.of(AnswerJudged)
    assert [r.outcome for r in results] == [
        "correct", "wrong", "skipped", "correct", "skipped", "wrong",
    ]  # fmt: skip
    assert [r.status.lives for r in results if r.status] == [3, 2, 1, 1, 1, 0]
    assert results[-1].final and results[-1].status and results[-1].status.knocked_out
    assert summary.finished and summary.total == 6 and summary.correct == 2
    assert summary.mode == "survival"


def test_survival_ends_when_the_pool_runs_out(bank: Pack) -> None:
    rnd = Round.create([bank], seed=3, rules=Survival(), filters=None)
    small = Round.create(
        [bank], seed=3, rules=Survival(), filters=type(rnd.filters)(categories=("cast",))
    )
    n = len(small.asked)
    summary = small.play(Fake(replies(*["!right"] * (n + 5))))
    assert summary.finished and summary.total == n == summary.correct


def test_ladder_rises_in_difficulty_and_falls_to_the_haven(bank: Pack) -> None:
    rnd = Round.create([bank], seed=5, rules=Ladder())
    fake = Fake(replies(*["!right"] * 7, "!wrong"))
    summary = rnd.play(fake)
    results = fake.of(AnswerJudged)
    levels = [r.asked.question.difficulty for r in results]
    assert levels == ["easy"] * 5 + ["medium"] * 3
    assert [r.asked.number for r in results] == list(range(1, 9))
    assert results[6].score == PRIZES[6]
    assert results[7].score == PRIZES[HAVENS[0] - 1] == summary.score  # fell to the haven
    assert summary.finished and results[-1].final


def test_ladder_walk_away_keeps_the_prize_and_skip_swaps_the_question(bank: Pack) -> None:
    rnd = Round.create([bank], seed=5, rules=Ladder())
    fake = Fake(replies("!right", "!right", "?skip", "!right", "?walk"))
    summary = rnd.play(fake)
    results = fake.of(AnswerJudged)
    assert [r.asked.number for r in results] == [1, 2, 3, 3]
    assert results[2].outcome == "skipped"
    assert results[2].asked.question.id != results[3].asked.question.id
    assert summary.score == PRIZES[2] and summary.walked and summary.finished
    assert fake.of(LifelineUsed)[-1].lifeline == "walk"


def test_walking_away_is_refused_outside_a_ladder(bank: Pack) -> None:
    rnd = Round.create([bank], seed=5, count=1)
    fake = Fake(replies("?walk", "!right"))
    summary = rnd.play(fake)
    refused = fake.of(LifelineUsed)[0]
    assert not refused.ok and "ladder" in refused.message
    assert summary.correct == 1


def test_ladder_seed_replays_the_same_questions(bank: Pack) -> None:
    def ids(seed: int) -> list[str]:
        fake = Fake(replies(*["!right"] * 15))
        Round.create([bank], seed=seed, rules=Ladder()).play(fake)
        return [r.asked.question.id for r in fake.of(AnswerJudged)]

    first = ids(77)
    assert len(first) == 15 and first == ids(77) and first != ids(78)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_blitz_ends_on_its_clock_with_an_injectable_clock(bank: Pack) -> None:
    clock = Clock()
    rnd = Round.create([bank], seed=9, rules=Blitz(30), clock=clock)

    def reply(asked: Asked, event: QuestionAsked) -> Reply:
        clock.now += 7  # each answer takes 7 s
        return Reply.typed(right(asked))

    fake = Fake(reply)
    summary = rnd.play(fake)
    results = fake.of(AnswerJudged)
    # 7, 14, 21, 28 s answered in time; the fifth comes at 35 s: out of time, round over.
    assert [r.outcome for r in results] == ["correct"] * 4 + ["timeout"]
    assert fake.limits[:2] == [30, 23]  # the frontend is told the time left
    assert summary.finished and summary.correct == 4 and summary.total == 5
    assert results[-1].final
    assert all(r.breakdown is None or r.breakdown.speed is None for r in results)


def test_blitz_seconds_must_be_positive() -> None:
    with pytest.raises(UsageError):
        Blitz(0)
    with pytest.raises(UsageError):
        rules_for("marathon")


def test_classic_is_unchanged(bank: Pack, tmp_path: Path) -> None:
    rnd = Round.create([bank], seed=42, count=3)
    summary = rnd.play(Fake(replies("!right", "!wrong", "")))
    assert isinstance(summary, RoundFinished)
    assert summary.total == 3 and summary.finished and summary.mode == "classic"
    assert rnd.unplayed() == []


# --------------------------------------------------------------------------- the store


def test_a_survival_board_ranks_right_answers_before_points_on_both_engines(engine) -> None:  # type: ignore[no-untyped-def]
    from hitrun_quiz.store.boards import board_key, board_title
    from hitrun_quiz.store.records import QuestionResult, RoundRecord
    from hitrun_quiz.store.scores import ScoreStore

    board = board_key(["mini"], 3, False, "scripted", game="survival")
    assert board == "mini/survival/untimed/scripted"
    assert board_title(board) == "mini · survival · untimed · scripted"

    def record(store: ScoreStore, correct: int, score: int) -> int:
        result = QuestionResult("mini", "lead-text", True, True, score, None, "x", lifelines="hint")
        return store.record(
            RoundRecord("ann", score, correct, correct, correct + 3, ["mini"], {}, 1, "scripted",
                        0, 1, True, results=[result], board=board, game_mode="survival")
        )  # fmt: skip

    with ScoreStore(engine.target) as store:
        few = record(store, 1, 300)
        many = record(store, 2, 200)
        assert [r.round_id for r in store.top(10, board=board)] == [many, few]
        assert (store.rank(many), store.rank(few)) == (1, 2)
        assert store.new_best(many) and not store.new_best(few)
    assert engine.query("SELECT game_mode FROM rounds ORDER BY id") == [("survival",)] * 2
    assert engine.query("SELECT lifelines FROM results")[0] == ("hint",)
