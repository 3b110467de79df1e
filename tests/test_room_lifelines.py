"""Lifelines in a room (app/room.py), in-process with a fake clock: no sockets."""

from __future__ import annotations

from typing import Any

import pytest

from hitrun_quiz.app.room import Refused, Room
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.modes import rules_for
from hitrun_quiz.packs.model import Fact, Pack, Question, Source

from .test_room import Clock


def pack(kind: str, n: int = 4) -> Pack:
    """n questions of one type: choice (4 options, answer "Right"), text, number, truefalse."""
    source = Source("s", "t", "p", "2021")
    facts = tuple(Fact(f"f{i}", "s", "s", "q") for i in range(n))
    qs = []
    for i in range(n):
        if kind == "choice":
            q = Question(
                f"q{i}", "choice", "plot", "medium", f"Pick {i}", "Right",
                fact=f"f{i}", choices=("Right", "Wrong A", "Wrong B", "Wrong C"),
            )  # fmt: skip
        elif kind == "text":
            q = Question(f"q{i}", "text", "plot", "medium", f"Name {i}", "Segev Azulai", f"f{i}")
        else:
            q = Question(f"q{i}", "truefalse", "plot", "medium", f"Statement {i}", True, f"f{i}")
        qs.append(q)
    return Pack(id="p", title="P", sources=(source,), facts=facts, questions=tuple(qs))


def room_of(kind: str, mode: str = "classic") -> tuple[Room, Clock]:
    clock = Clock()
    rnd = Round.create(
        [pack(kind)], count=4, seed=7, time_limit=20, clock=clock, rules=rules_for(mode)
    )
    tokens = iter(f"tok{i}" for i in range(100))
    return Room(rnd, clock=clock, code="ABCDE", token=lambda: next(tokens), pause=2), clock


def mine(room: Room, pid: int) -> list[dict[str, Any]]:
    return [o.message for o in room.drain() if o.target == pid]


def next_question(room: Room, clock: Clock) -> None:
    clock.now += 20
    room.tick()
    clock.now += room.pause
    room.tick()


def test_fifty_fifty_hides_two_wrong_options_for_that_player_only() -> None:
    room, clock = room_of("choice")
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    welcome = mine(room, ann.id)[0]
    assert welcome["lifelines"] == ["50", "hint", "skip"]
    room.start()
    room.drain()
    room.lifeline(ann.id, 1, "50")
    out = room.drain()
    assert {o.target for o in out} == {ann.id, "host"}  # Bob hears nothing of it
    msg = next(o.message for o in out if o.target == ann.id)
    choices = room.template.asked[0].choices
    assert msg["event"] == "lifeline" and msg["used"] is True and msg["left"] == ["hint", "skip"]
    assert len(msg["hidden"]) == 2 and [choices[i] for i in msg["hidden"]] == msg["removed"]
    assert "Right" not in msg["removed"]
    # used up: refused with a message, nothing used, the question still open to answer
    next_question(room, clock)
    room.drain()
    room.lifeline(ann.id, 2, "50")
    refusal = mine(room, ann.id)
    assert refusal[0]["used"] is False and "used up" in refusal[0]["message"]
    assert ann.rnd.lifelines.left == ["hint", "skip"]
    room.answer(ann.id, 2, "Right")
    room.answer(bob.id, 2, "Right")
    assert [r.lifelines for r in ann.rnd.results] == [("50",), ()]
    assert ann.rnd.results[1].correct


def test_a_lifeline_that_does_not_fit_is_refused_and_kept() -> None:
    room, _clock = room_of("choice")
    ann = room.join("ABCDE", "Ann")
    room.start()
    room.drain()
    room.lifeline(ann.id, 1, "hint")
    msg = mine(room, ann.id)[0]
    assert msg["used"] is False and msg["message"].startswith("a hint is only for")
    assert ann.rnd.lifelines.left == ["50", "hint", "skip"]
    with pytest.raises(Refused) as exc:
        room.lifeline(ann.id, 1, "double")
    assert exc.value.code == "bad-lifeline"
    with pytest.raises(Refused) as exc:
        room.lifeline(ann.id, 2, "50")
    assert exc.value.code == "not-now"
    room.answer(ann.id, 1, "Right")
    with pytest.raises(Refused) as exc:
        room.lifeline(ann.id, 2 - 1, "skip")
    assert exc.value.code in ("already-answered", "not-now")


def test_a_hint_halves_the_points_and_is_shown_again_on_resume() -> None:
    room, clock = room_of("text")
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    room.start()
    room.drain()
    room.lifeline(ann.id, 1, "hint")
    msg = mine(room, ann.id)[0]
    assert msg["hint"] == "S____ A_____"
    room.dropped(ann.id)
    room.resume("ABCDE", ann.token)
    again = [m for m in mine(room, ann.id) if m["event"] == "question"]
    assert again[0]["hint"] == "S____ A_____" and "hidden" not in again[0]
    room.answer(ann.id, 1, "Segev Azulai")
    room.answer(bob.id, 1, "Segev Azulai")  # same time: Ann's points are half of Bob's
    a, b = ann.rnd.results[0], bob.rnd.results[0]
    assert a.points == b.points // 2 and a.breakdown is not None and a.breakdown.hint
    assert a.lifelines == ("hint",)
    assert room.finished() == [] and room.phase == "reveal"
    del clock


def test_skip_passes_at_once_keeps_the_streak_and_costs_no_life() -> None:
    room, clock = room_of("truefalse", "survival")
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    room.start()
    room.answer(ann.id, 1, "true")
    room.answer(bob.id, 1, "true")
    clock.now += room.pause
    room.tick()
    room.drain()
    room.lifeline(ann.id, 2, "skip")
    out = mine(room, ann.id)
    assert [m["event"] for m in out] == ["lifeline", "answered"]
    assert ann.rnd.results[1].outcome == "skipped" and ann.rnd.results[1].lifelines == ("skip",)
    assert ann.rnd.streak == 1 and ann.rnd.rules.status(0).lives == 3
    with pytest.raises(Refused) as exc:
        room.answer(ann.id, 2, "true")
    assert exc.value.code == "already-answered"
    room.answer(bob.id, 2, "")  # Bob's plain skip costs a life and the streak
    assert bob.rnd.streak == 0 and bob.rnd.rules.status(0).lives == 2
    summary = dict((p.name, s) for p, s in [(p, p.rnd.finish()) for p in room.active()])
    assert summary["Ann"].lifelines == ((2, "skip"),)


def test_a_knocked_out_player_cannot_use_a_lifeline() -> None:
    room, clock = room_of("truefalse", "survival")
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    cy = room.join("ABCDE", "Cy")
    room.start()
    for number in (1, 2, 3):
        room.answer(ann.id, number, "true")
        room.answer(bob.id, number, "true")
        room.answer(cy.id, number, "false")
        clock.now += room.pause
        room.tick()
    with pytest.raises(Refused) as exc:
        room.lifeline(cy.id, 4, "skip")
    assert exc.value.code == "knocked-out"


def test_the_scripted_join_words_lifelines_as_play_does() -> None:
    from hitrun_quiz.ui.room_join import State, plain

    room, _clock = room_of("choice")
    ann = room.join("ABCDE", "Ann")
    room.start()
    room.lifeline(ann.id, 1, "50")
    out = [o.message for o in room.drain()]
    question = next(m for m in out if m["event"] == "question")
    used = next(m for m in out if m["event"] == "lifeline" and "used" in m)
    state = State()
    state.update(used)
    assert state.lifelines == ["hint", "skip"]
    assert plain(used, state) == (
        f"Lifeline 50:50 took away {', '.join(used['removed'])} (left: hint, skip)"
    )
    again = question | {"lifelines": state.lifelines, "hidden": used["hidden"], "again": True}
    text = plain(again, state)
    assert text is not None and "Lifelines: ?hint, ?skip" in text
    assert all(f") {gone}" not in text for gone in used["removed"]) and ") Right" in text
    refused = plain({"event": "lifeline", "used": False, "message": "no \x1b[2J"}, state)
    assert refused == "Refused: no \\x1b[2J"  # a peer's text never reaches the terminal raw
