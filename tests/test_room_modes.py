"""Survival and blitz in a room (app/room.py), in-process with a fake clock: no sockets."""

from __future__ import annotations

from typing import Any

import pytest

from hitrun_quiz.app.room import Refused, Room, replay_command
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.modes import rules_for

from .test_room import Clock, events, tf_pack, to


def mode_room(mode: str, n: int = 12, seconds: float | None = None) -> tuple[Room, Clock]:
    clock = Clock()
    rnd = Round.create(
        [tf_pack(n)], seed=7, time_limit=20, clock=clock, rules=rules_for(mode, seconds=seconds)
    )
    tokens = iter(f"tok{i}" for i in range(100))
    room = Room(rnd, clock=clock, code="ABCDE", token=lambda: next(tokens), pause=2)
    return room, clock


def next_question(room: Room, clock: Clock) -> None:
    """Let the reveal's pause pass: the next question opens (or the round ends)."""
    clock.now += room.pause
    room.tick()


def msgs(room: Room, target: Any, event: str) -> list[dict[str, Any]]:
    return [m for m in to(room, target) if m["event"] == event]


def test_survival_knocks_out_a_player_who_then_only_watches() -> None:
    room, clock = mode_room("survival")
    ann, bob, _cy = (room.join("ABCDE", n) for n in ("Ann", "Bob", "Cy"))
    room.start()
    assert room.total == 12  # survival draws the whole pool
    for number in (1, 2, 3):  # Bob wrong three times; Cy silent (a timeout costs a life too)
        room.answer(ann.id, number, "true")
        room.answer(bob.id, number, "false")
        if number < 3:
            clock.now += 20
            room.tick()
            room.drain()
            next_question(room, clock)
    clock.now += 20
    room.tick()  # Cy's third timeout: Bob and Cy are out together, Ann stands alone
    out = room.drain()
    host = [o.message for o in out if o.target == "host"]
    assert [m["player"] for m in host if m["event"] == "out"] == ["Bob", "Cy"]
    bob_result = next(
        o.message for o in out if o.target == bob.id and o.message["event"] == "result"
    )
    assert bob_result["status"] == {"mode": "survival", "lives": 0, "knocked_out": True}
    table = next(o.message for o in out if o.target == "all" and o.message["event"] == "standings")
    assert table["status"] == {"mode": "survival", "standing": 1, "players": 3}
    assert table["answer"] == "True"
    assert [(r["player"], r["lives"], r["out"]) for r in table["standings"]] == [
        ("Ann", 3, False), ("Bob", 0, True), ("Cy", 0, True),
    ]  # fmt: skip
    next_question(room, clock)
    assert room.phase == "over"  # the last player standing ends the round
    assert [p.name for p, s in room.finished()] == ["Ann", "Bob", "Cy"]
    assert all(s.finished and s.mode == "survival" for _, s in room.finished())


def test_a_knocked_out_player_gets_the_questions_and_a_refusal_when_answering() -> None:
    room, clock = mode_room("survival")
    ann, bob, cy = (room.join("ABCDE", n) for n in ("Ann", "Bob", "Cy"))
    room.start()
    for number in (1, 2, 3):  # Cy wrong three times; Ann and Bob right
        room.answer(ann.id, number, "true")
        room.answer(bob.id, number, "true")
        room.answer(cy.id, number, "false")
        assert room.phase == "reveal"  # everyone answered: revealed early
        next_question(room, clock)
    assert room.phase == "question" and room.index == 3  # two still standing: it goes on
    with pytest.raises(Refused) as e:
        room.answer(cy.id, 4, "true")
    assert e.value.code == "knocked-out"
    question = [m for m in room.drain() if m.target == "all" and m.message["event"] == "question"]
    assert question[-1].message["status"] == {"mode": "survival", "standing": 2, "players": 3}
    room.answer(ann.id, 4, "true")
    room.answer(bob.id, 4, "true")
    assert room.phase == "reveal"  # the spectator is not waited for
    out = room.drain()
    assert not [o for o in out if o.target == cy.id and o.message["event"] == "result"]
    # right answers first, then points: Cy (0 right) below both
    assert [r["player"] for r in room.standings()][-1] == "Cy"
    assert len(cy.rnd.results) == 3  # the questions watched are not Cy's round


def test_survival_ranks_right_answers_before_points() -> None:
    room, clock = mode_room("survival")
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    room.start()
    clock.now += 15  # Ann right but slow: few points
    room.answer(ann.id, 1, "true")
    room.answer(bob.id, 1, "true")  # Bob right at the same time
    next_question(room, clock)
    room.answer(bob.id, 2, "true")  # Bob fast and right
    clock.now += 19
    room.answer(ann.id, 2, "true")  # Ann right, slow
    next_question(room, clock)
    room.answer(ann.id, 3, "true")  # Ann right, fast
    room.answer(bob.id, 3, "false")  # Bob wrong, one life lost
    standings = room.standings()
    assert [r["player"] for r in standings] == ["Ann", "Bob"]
    assert standings[0]["score"] < 3 * 200  # Ann: more right answers, whatever the points
    assert standings[0]["correct"] == 3 and standings[1]["correct"] == 2


def test_a_lone_survival_player_plays_until_out_of_lives() -> None:
    room, clock = mode_room("survival")
    ann = room.join("ABCDE", "Ann")
    room.start()
    for number in (1, 2, 3):
        room.answer(ann.id, number, "false")
        next_question(room, clock)
    assert room.phase == "over" and room.index == 2


def test_blitz_runs_on_one_clock_with_no_pause_and_ends_on_it() -> None:
    room, clock = mode_room("blitz", seconds=30)
    assert room.pause == 0
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    room.start()
    first = msgs(room, "all", "question")[0]
    assert first["status"] == {"mode": "blitz", "seconds_left": 30.0}
    assert first["time_limit"] == 20  # a question's own limit, under the clock
    clock.now += 5
    room.answer(ann.id, 1, "true")
    room.answer(bob.id, 1, "false")
    room.tick()  # no pause: the next question is open at once
    assert room.phase == "question" and room.index == 1
    assert ann.rnd.results[0].points == 200  # points per right answer: no speed factor
    late = msgs(room, "all", "question")[0]
    assert late["status"]["seconds_left"] == 25.0
    clock.now += 20  # Bob and Ann silent: the question's own limit
    room.tick()
    assert room.index == 2 and room.limit() == 5  # the last question ends with the clock
    clock.now += 3
    room.answer(ann.id, 3, "true")
    room.answer(bob.id, 3, "true")
    room.tick()
    assert room.phase == "question" and room.limit() == pytest.approx(2)
    clock.now += 2
    room.tick()
    assert room.phase == "over"  # the clock ran out
    assert [r.outcome for r in ann.rnd.results] == ["correct", "timeout", "correct", "timeout"]
    summaries = dict((p.name, s) for p, s in room.finished())
    assert summaries["Ann"].score == 400 and summaries["Ann"].finished
    assert summaries["Ann"].mode == "blitz" and summaries["Ann"].total == 4
    with pytest.raises(Refused):
        room.answer(ann.id, 5, "true")


def test_a_blitz_player_who_joins_late_shares_the_rooms_clock() -> None:
    room, clock = mode_room("blitz", seconds=30)
    ann = room.join("ABCDE", "Ann")
    room.start()
    clock.now += 10
    bob = room.join("ABCDE", "Bob")
    welcome = msgs(room, bob.id, "welcome")[0]
    assert welcome["status"] == {"mode": "blitz", "seconds_left": 20.0}
    room.answer(ann.id, 1, "true")
    room.tick()
    room.answer(bob.id, 2, "true")
    room.answer(ann.id, 2, "true")
    clock.now += 25
    room.tick()
    assert room.phase == "over"
    assert getattr(bob.rnd.rules, "deadline", None) == room.deadline == 1030.0


def test_ladder_is_refused_and_replay_commands_name_the_mode() -> None:
    clock = Clock()
    ladder = Round.create([tf_pack(12)], seed=7, time_limit=20, rules=rules_for("ladder"))
    with pytest.raises(ValueError, match="alone"):
        Room(ladder, clock=clock)
    room, _ = mode_room("survival")
    assert "--mode survival --time-limit 20 --seed 7" in replay_command(room.template)
    assert "--count" not in replay_command(room.template)
    room, _ = mode_room("blitz", seconds=45)
    assert replay_command(room.template).endswith("--mode blitz --seconds 45 --seed 7")
    assert events(to(room, "all")) == []
