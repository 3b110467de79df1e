"""The room's rules (app/room.py), in-process with a fake clock: no sockets."""

from __future__ import annotations

from typing import Any

import pytest

from hitrun_quiz.app.room import Refused, Room, replay_command
from hitrun_quiz.game.engine import Round
from hitrun_quiz.packs.model import Fact, Pack, Question, Source


def tf_pack(n: int = 4) -> Pack:
    """n true/false questions, all "medium" (200 points), every answer True."""
    source = Source("s", "t", "p", "2021")
    facts = tuple(Fact(f"f{i}", "s", "s", "q") for i in range(n))
    questions = tuple(
        Question(f"q{i}", "truefalse", "plot", "medium", f"Statement {i}", True, fact=f"f{i}")
        for i in range(n)
    )
    return Pack(id="tf", title="TF", sources=(source,), facts=facts, questions=questions)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_room(n: int = 3, **kw: Any) -> tuple[Room, Clock]:
    clock = Clock()
    rnd = Round.create([tf_pack(max(n, 4))], count=n, seed=7, time_limit=20, clock=clock)
    tokens = iter(f"tok{i}" for i in range(100))
    room = Room(rnd, clock=clock, code="ABCDE", token=lambda: next(tokens), pause=2, **kw)
    return room, clock


def to(room: Room, target: Any) -> list[dict[str, Any]]:
    """The messages queued for ``target`` (a player id, "all", "host")."""
    return [o.message for o in room.drain() if o.target == target]


def events(msgs: list[dict[str, Any]]) -> list[str]:
    return [m["event"] for m in msgs]


def test_speed_scoring_streaks_and_wrong_answers_never_score() -> None:
    room, clock = make_room()
    ann, bob, cy = (room.join("ABCDE", n) for n in ("Ann", "Bob", "Cy"))
    room.start()
    clock.now += 0  # Ann answers at once: full points
    room.answer(ann.id, 1, "true")
    clock.now += 10  # Bob at half time: 1 - (10/20)/2 = 0.75
    room.answer(bob.id, 1, "true")
    clock.now += 1  # Cy, wrong and fast: nothing
    room.answer(cy.id, 1, "false")
    assert room.phase == "reveal"  # everyone answered: no waiting for the clock
    assert [ann.rnd.score, bob.rnd.score, cy.rnd.score] == [200, 150, 0]
    clock.now += 2
    room.tick()
    assert room.phase == "question" and room.index == 1
    room.answer(ann.id, 2, "true")  # second in a row: +10% streak
    assert ann.rnd.results[1].points == 220 and ann.rnd.streak == 2
    assert [s["player"] for s in room.standings()] == ["Ann", "Bob", "Cy"]


def test_one_answer_a_question_and_only_the_open_one() -> None:
    room, _ = make_room()
    ann = room.join("ABCDE", "Ann")
    room.join("ABCDE", "Bob")
    with pytest.raises(Refused) as e:
        room.answer(ann.id, 1, "true")
    assert e.value.code == "not-now"  # the lobby
    room.start()
    room.answer(ann.id, 1, "true")
    with pytest.raises(Refused) as e:
        room.answer(ann.id, 1, "false")
    assert e.value.code == "already-answered"
    assert ann.rnd.score == 200
    with pytest.raises(Refused) as e:
        room.answer(ann.id, 2, "true")
    assert e.value.code == "not-now"
    with pytest.raises(Refused) as e:
        room.answer(ann.id, 1, "x" * 201)
    assert e.value.code == "bad-answer"


def test_time_runs_out_on_the_hosts_clock() -> None:
    room, clock = make_room()
    ann = room.join("ABCDE", "Ann")
    bob = room.join("ABCDE", "Bob")
    room.start()
    room.answer(ann.id, 1, "true")
    assert room.wake_at() == 1020.0
    clock.now += 19.9
    room.tick()
    assert room.phase == "question"
    clock.now += 0.1
    room.tick()
    assert room.phase == "reveal"
    assert bob.rnd.results[0].outcome == "timeout" and bob.rnd.score == 0
    msgs = room.drain()
    result = next(o.message for o in msgs if o.target == bob.id and o.message["event"] == "result")
    assert result["outcome"] == "timeout" and result["v"] == 1 and result["place"] == 2
    host = [o.message for o in msgs if o.target == "host"]
    reveal = next(m for m in host if m["event"] == "reveal")
    assert [r["player"] for r in reveal["results"]] == ["Ann", "Bob"]
    assert reveal["answer"] == "True"


def test_names_are_cleaned_unique_and_capped() -> None:
    room, _ = make_room(max_players=2)
    p = room.join("abcde", "\x1b[2JAnn\u202e ")  # codes ignore case; escapes removed
    assert p.name == "Ann"
    for name, code in (("ANN", "name-taken"), ("\x1b[31m", "bad-name")):
        with pytest.raises(Refused) as e:
            room.join("ABCDE", name)
        assert e.value.code == code
    room.join("ABCDE", "Bob")
    with pytest.raises(Refused) as e:
        room.join("ABCDE", "Cy")
    assert e.value.code == "room-full"
    with pytest.raises(Refused) as e:
        room.join("WRONG", "Dee")
    assert e.value.code == "bad-code"


def test_a_late_joiner_starts_at_the_next_question() -> None:
    room, clock = make_room()
    ann = room.join("ABCDE", "Ann")
    room.start()
    late = room.join("ABCDE", "Late")
    msgs = to(room, late.id)
    assert events(msgs) == ["welcome", "start"]
    assert msgs[0]["first"] == 2
    with pytest.raises(Refused):
        room.answer(late.id, 1, "true")
    room.answer(ann.id, 1, "true")  # the late player does not hold up question 1
    assert room.phase == "reveal"
    clock.now += 2
    room.tick()
    room.answer(late.id, 2, "true")
    assert late.rnd.score == 200
    assert [r.outcome for r in late.rnd.results] == ["unanswered", "correct"]


def test_a_dropped_player_resumes_with_the_score_within_the_grace_period() -> None:
    room, clock = make_room(grace=30)
    ann = room.join("ABCDE", "Ann")
    bob = room.join("ABCDE", "Bob")
    room.start()
    room.answer(ann.id, 1, "true")
    room.dropped(ann.id)
    room.drain()
    clock.now += 5
    with pytest.raises(Refused) as e:
        room.resume("ABCDE", "not-a-token")
    assert e.value.code == "bad-token"
    again = room.resume("ABCDE", "tok0")
    assert again is ann and ann.connected
    welcome = to(room, ann.id)[0]
    assert welcome["score"] == 200 and welcome["token"] == "tok0"
    room.answer(bob.id, 1, "false")
    # dropped once more, past the grace period: out, and the token no longer works
    clock.now += 2
    room.tick()
    room.dropped(ann.id)
    clock.now += 31
    room.tick()
    assert ann.gone == "expired"
    with pytest.raises(Refused) as e:
        room.resume("ABCDE", "tok0")
    assert e.value.code == "expired"


def test_a_resumed_player_gets_the_open_question_again() -> None:
    room, clock = make_room()
    ann = room.join("ABCDE", "Ann")
    room.join("ABCDE", "Bob")
    room.start()
    room.dropped(ann.id)
    room.drain()
    clock.now += 5
    room.resume("ABCDE", "tok0")
    msgs = to(room, ann.id)
    assert events(msgs) == ["welcome", "start", "question"]
    assert msgs[-1]["remaining"] == 15.0


def test_the_host_removes_a_player_and_leavers_are_not_recorded() -> None:
    room, clock = make_room(n=1)
    room.join("ABCDE", "Ann")
    bob = room.join("ABCDE", "Bob")
    cy = room.join("ABCDE", "Cy")
    room.drain()
    assert room.remove("bob") and not room.remove("nobody")
    out = room.drain()
    assert any(o.target == bob.id and o.close and o.message["event"] == "removed" for o in out)
    room.leave(cy.id)
    room.start()
    with pytest.raises(Refused):
        room.resume("ABCDE", bob.token)
    clock.now += 20
    room.tick()
    clock.now += 2
    room.tick()
    assert room.phase == "over"
    assert [p.name for p, _ in room.finished()] == ["Ann"]
    room.send_summaries({}, replay_command(room.template))
    summary = next(o.message for o in room.drain() if o.message["event"] == "summary")
    assert summary["total"] == 1 and summary["place"] == 1
    assert summary["replay"].endswith("--time-limit 20 --seed 7")


def test_closing_tells_every_player() -> None:
    room, _ = make_room()
    room.join("ABCDE", "Ann")
    room.drain()
    room.close("the host stopped the room")
    (out,) = room.drain()
    assert out.target == "all" and out.close and out.message["event"] == "closed"
    with pytest.raises(Refused):
        room.join("ABCDE", "Bob")
