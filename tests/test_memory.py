"""The game remembers: fresh draws, replay, retry of misses, FSRS review, forget, history.

Whole-program tests run the installed console script over pipes with a real
SQLite file; tests that move time forward drive the application layer
in-process with a fake clock (nothing sleeps).
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from hitrun_quiz.app.history import Rounds, misses_round, replay_round
from hitrun_quiz.app.review import NothingDue, in_words, review_round
from hitrun_quiz.app.rounds import setup_round
from hitrun_quiz.app.session import Recorder
from hitrun_quiz.game.engine import Round
from hitrun_quiz.ui.script import ScriptFrontend

from .conftest import MINI, Run

DAY = 86400.0
T0 = 1_790_000_000.0  # a Thursday, 2026-09-21 ... any fixed time will do


def make_pack(path: Path, n: int, pack_id: str = "big") -> Path:
    """A valid pack of ``n`` true/false questions, no facts."""
    lines = [
        f"id: {pack_id}",
        'title: "Big pack"',
        'description: "Generated for the tests."',
        'author: "tests"',
        'version: "1"',
        "questions:",
    ]
    for i in range(n):
        lines += [
            f"  - id: q{i:03d}",
            f"    category: {'ab'[i % 2]}",
            "    difficulty: easy",
            "    type: truefalse",
            f'    prompt: "Statement number {i}."',
            "    answer: true",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def asked(evs: list[dict[str, Any]]) -> list[tuple[str, tuple[str, ...]]]:
    """(question id, choices shown) of every question of a round."""
    return [(e["id"], tuple(e.get("choices", ()))) for e in evs if e["event"] == "question"]


class Clock:
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def play(rnd: Round | str, recorder: Recorder, answers: str, player: str = "ann") -> Any:
    """Play a round in-process through the scripted frontend and record it."""
    assert isinstance(rnd, Round), rnd
    summary = rnd.play(ScriptFrontend(io.StringIO(answers), io.StringIO(), io.StringIO()))
    summary, round_id, warning = recorder.save(
        rnd, summary, player=player, mode="scripted", started_at=recorder.clock()
    )
    assert warning is None and round_id is not None
    return summary


def query(home: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(home / "scores.db") as db:
        return db.execute(sql, args).fetchall()


# --------------------------------------------------------------------------- fresh draws


def test_thirteen_fresh_rounds_see_the_whole_pack_before_a_repeat(cli: Run, tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "big.yaml", 127)
    rounds = []
    for _ in range(13):
        result = cli("play", "--json", "--pack", str(pack), "--player", "Ann", input="\n" * 10)
        assert result.returncode == 0, result.stderr
        evs = events(result.stdout)
        assert evs[0]["draw"] == "fresh"
        rounds.append([qid for qid, _ in asked(evs)])
    first_twelve = [q for r in rounds[:12] for q in r]
    assert len(first_twelve) == len(set(first_twelve)) == 120  # no repeat
    last = rounds[12]
    unseen = {f"q{i:03d}" for i in range(127)} - set(first_twelve)
    assert len(unseen) == 7 and unseen <= set(last)  # the rest of the pack first,
    assert set(last) - unseen <= set(rounds[0])  # then the questions seen longest ago


def test_fresh_draws_are_per_player_and_per_filter_pool(cli: Run, tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "big.yaml", 20)
    seen: dict[str, list[str]] = {"ann": [], "bob": []}
    for player in ("ann", "bob", "ann"):
        args = ("play", "--json", "--pack", str(pack), "--player", player, "-c", "a", "-n", "5")
        evs = events(cli(*args, input="\n" * 5).stdout)
        seen[player] += [qid for qid, _ in asked(evs)]
    assert len(set(seen["ann"])) == 10  # ann's two rounds cover category a (10 questions)
    assert all(int(q[1:]) % 2 == 0 for q in seen["ann"] + seen["bob"])


def test_a_seed_replays_the_same_round_whatever_the_history(cli: Run) -> None:
    args = ("play", "--json", "--seed", "5", "-n", "6", "--player", "ann")
    first = events(cli(*args, input="A\n" * 6).stdout)
    for _ in range(3):
        cli("play", "--json", "-n", "6", "--player", "ann", input="A\n" * 6)
    again = events(cli(*args, input="A\n" * 6).stdout)
    assert first[0]["draw"] == again[0]["draw"] == "seeded"
    assert asked(first) == asked(again) and len(asked(first)) == 6


def test_replay_matches_the_original_round(cli: Run, home: Path) -> None:
    original = events(cli("play", "--json", "-n", "8", "--player", "ann", input="A\n" * 8).stdout)
    round_id = original[-1]["round_id"]
    cli("play", "--json", "-n", "8", "--player", "ann", input="B\n" * 8)  # history moves on
    replay = events(cli("play", "--json", "--replay", str(round_id), input="A\n" * 8).stdout)
    assert replay[0]["draw"] == "replay" and replay[0]["seed"] == original[0]["seed"]
    assert asked(replay) == asked(original)
    assert any(choices for _, choices in asked(original))  # choice order is part of it
    assert [e["outcome"] for e in replay if e["event"] == "result"] == [
        e["outcome"] for e in original if e["event"] == "result"
    ]
    assert query(home, "SELECT draw FROM rounds ORDER BY id") == [
        ("fresh",),
        ("fresh",),
        ("replay",),
    ]


def test_replay_of_an_unfinished_round_has_all_its_questions(cli: Run) -> None:
    original = events(cli("play", "--json", "-n", "5", "--player", "ann", input="A\nB\n").stdout)
    assert original[-1]["finished"] is False
    replay_args = ("play", "--json", "--replay", str(original[-1]["round_id"]))
    replay = events(cli(*replay_args, input="A\n" * 5).stdout)
    assert len(asked(replay)) == 5 and asked(replay)[:3] == asked(original)[:3]


def test_replay_and_misses_refuse_draw_options_and_unknown_rounds(cli: Run) -> None:
    bad = cli("play", "--replay", "1", "--seed", "3")
    assert bad.returncode == 2 and "drop --seed" in bad.stderr
    unknown = cli("play", "--replay", "9")
    assert unknown.returncode == 2 and "--replay 9: no such round" in unknown.stderr
    nobody = cli("play", "--misses", "--player", "zed")
    assert nobody.returncode == 2 and "zed has no recorded round yet" in nobody.stderr


# --------------------------------------------------------------------------- retry and review

# `play --pack MINI --seed 7` asks episodes-number, premiere-tf, lead-choice, lead-text;
# these answers are right, wrong, right, skipped.
MINI_ROUND = ("play", "--pack", str(MINI), "--seed", "7", "--player", "ann")
MINI_ANSWERS = "9\nfalse\nA\n\n"


def test_misses_retries_the_missed_questions_of_the_last_round(cli: Run) -> None:
    cli(*MINI_ROUND, input=MINI_ANSWERS)
    cli("play", "--pack", str(MINI), "--seed", "1", "--player", "bob", input="")
    result = cli("play", "--json", "--misses", "--pack", str(MINI), "--player", "ann", input="\n\n")
    evs = events(result.stdout)
    assert evs[0]["draw"] == "misses"
    assert sorted(qid for qid, _ in asked(evs)) == ["lead-text", "premiere-tf"]
    by_id = cli("play", "--json", "--misses", "1", "--pack", str(MINI), input="true\nRiaz\n")
    assert sorted(qid for qid, _ in asked(events(by_id.stdout))) == ["lead-text", "premiere-tf"]
    # Round 4 (the retry just played) was all right: nothing to retry.
    none = cli("play", "--misses", "4", "--pack", str(MINI))
    assert none.returncode == 0 and "Nothing to retry" in none.stdout


def test_a_missed_question_is_due_at_once_and_a_right_one_is_not(cli: Run, home: Path) -> None:
    cli(*MINI_ROUND, input=MINI_ANSWERS)
    cards = query(home, "SELECT question_id, asked, correct, state FROM cards ORDER BY 1")
    result = cli("review", "--json", "--pack", str(MINI), "--player", "ann", input="\n\n")
    evs = events(result.stdout)
    assert result.returncode == 0 and evs[0]["draw"] == "review"
    assert sorted(qid for qid, _ in asked(evs)) == ["lead-text", "premiere-tf"]
    assert cards == [
        ("episodes-number", 1, 1, 2),  # FSRS Review: days away
        ("lead-choice", 1, 1, 2),
        ("lead-text", 1, 0, 1),  # FSRS Learning, due now
        ("premiere-tf", 1, 0, 1),
    ]


def test_review_updates_the_cards_then_has_nothing_due(cli: Run, home: Path) -> None:
    cli(*MINI_ROUND, input=MINI_ANSWERS)
    # Terminal order of a review: most overdue first, then pack, then question id.
    result = cli("review", "--pack", str(MINI), "--player", "Ann", input="Riaz\ntrue\n")
    assert result.returncode == 0, result.stderr
    assert "Draw: review" in result.stdout and "2 of 2 correct" in result.stdout
    rows = query(home, "SELECT question_id, asked, correct, state, due FROM cards ORDER BY 1")
    now = query(home, "SELECT MAX(finished_at) FROM rounds")[0][0]
    assert all(r[3] == 2 and r[4] >= now + DAY - 60 for r in rows), rows  # Review, days away
    assert [r[1:3] for r in rows] == [(1, 1), (1, 1), (2, 1), (2, 1)]
    logs = query(home, "SELECT question_id, rating FROM review_logs ORDER BY id")
    assert logs[4:] == [("lead-text", 3), ("premiere-tf", 3)]  # Good, Good
    assert [r for _, r in logs[:4]] == [3, 1, 3, 1]  # the round: Good, Again, Good, Again
    nothing = cli("review", "--pack", str(MINI), "--player", "ann")
    assert nothing.returncode == 0
    assert nothing.stdout.startswith("Nothing due; next review in ")
    assert nothing.stdout.endswith("(2 questions)\n")  # the two reviewed together
    as_json = events(cli("review", "--json", "--player", "ann").stdout)
    assert as_json[0]["event"] == "nothing" and as_json[0]["next_review"].endswith("Z")


def test_review_schedule_moves_with_the_clock(home: Path) -> None:
    clock = Clock()
    recorder = Recorder(home / "scores.db", clock=clock)
    setup = setup_round([str(MINI)], count=4)
    play(setup.new_round(7), recorder, MINI_ANSWERS)
    first = review_round(recorder, "ann", pack=str(MINI), seed=1)
    assert isinstance(first, Round)
    assert sorted(a.question.id for a in first.asked) == ["lead-text", "premiere-tf"]
    clock.t += 60
    play(
        first,
        recorder,
        "Riaz\ntrue\n" if first.asked[0].question.id == "lead-text" else "true\nRiaz\n",
    )
    nothing = review_round(recorder, "ann", pack=str(MINI))
    assert isinstance(nothing, NothingDue)
    assert nothing.next_at is not None and nothing.next_at >= clock.t + DAY - 60
    assert nothing.message() == (
        f"Nothing due; next review {in_words(nothing.next_at - clock.t)}"
        f" ({nothing.count} question{'s' * (nothing.count != 1)})"
    )
    ahead = review_round(recorder, "ann", pack=str(MINI), ahead=True, limit=3)
    assert isinstance(ahead, Round) and len(ahead.asked) == 3
    clock.t = nothing.next_at + 3600  # time passes: the soonest cards fall due
    due = review_round(recorder, "ann", pack=str(MINI))
    assert isinstance(due, Round) and len(due.asked) == nothing.count


def test_easy_needs_a_fast_right_answer_under_a_time_limit() -> None:
    from hitrun_quiz.app.scheduling import AGAIN, EASY, GOOD, rating_for
    from hitrun_quiz.store.records import QuestionResult

    def r(correct: bool, seconds: float | None) -> QuestionResult:
        return QuestionResult("p", "q", correct, True, 0, seconds, None)

    assert rating_for(r(False, 1.0), 20) == AGAIN
    assert rating_for(r(True, 1.0), None) == GOOD
    assert rating_for(r(True, 9.9), 20) == EASY
    assert rating_for(r(True, 10.0), 20) == GOOD


def test_in_words() -> None:
    assert in_words(30) == "in 1 minute"
    assert in_words(600) == "in 10 minutes"
    assert in_words(3 * 3600) == "in 3 hours"
    assert in_words(2 * DAY + 100) == "in 2 days"
    assert in_words(DAY) == "in 1 day"


def test_questions_that_left_a_pack_are_ignored(cli: Run, tmp_path: Path, home: Path) -> None:
    pack = make_pack(tmp_path / "big.yaml", 6)
    cli("play", "--pack", str(pack), "--seed", "1", "-n", "6", "--player", "ann", input="\n" * 6)
    make_pack(pack, 3)  # q003..q005 leave the pack
    result = cli("review", "--json", "--pack", str(pack), "--player", "ann", input="\n" * 6)
    assert result.returncode == 0, result.stderr
    assert sorted(qid for qid, _ in asked(events(result.stdout))) == ["q000", "q001", "q002"]
    replay = cli("play", "--json", "--replay", "1", "--pack", str(pack), input="\n" * 6)
    assert len(asked(events(replay.stdout))) == 3
    stats = json.loads(cli("stats", "--json", "--pack", str(pack), "--player", "ann").stdout)
    assert stats["coverage"][0]["seen"] == 3 and stats["coverage"][0]["total"] == 3


def test_fresh_rounds_in_process_follow_the_history(home: Path, tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "big.yaml", 12)
    recorder = Recorder(home / "scores.db", clock=Clock())
    rounds = Rounds(setup_round([str(pack)], count=5), recorder, "Ann")
    seen = []
    for _ in range(2):
        rnd = rounds(None)
        assert rnd.kind == "fresh"
        seen += [a.question.id for a in rnd.asked]
        play(rnd, recorder, "\n" * 5)
    assert len(set(seen)) == 10
    third = rounds(None)
    assert {a.question.id for a in third.asked} >= {f"q{i:03d}" for i in range(12)} - set(seen)
    assert rounds(3).kind == "seeded"
    replay = replay_round(recorder, 1, packs=[str(pack)])
    assert [a.question.id for a in replay.asked] == seen[:5]
    assert misses_round(recorder, "ann", 1, packs=[str(pack)]) != ""


# --------------------------------------------------------------------------- a player's data


def test_history_exports_every_round_and_forget_removes_one_player(cli: Run, home: Path) -> None:
    cli(*MINI_ROUND, input=MINI_ANSWERS)
    cli("play", "--pack", str(MINI), "--seed", "1", "--player", "bob", input="A\n")
    cli("review", "--pack", str(MINI), "--player", "ANN", input="Riaz\ntrue\n")
    rounds = json.loads(cli("history", "--json", "--player", "ann").stdout)
    assert [r["round_id"] for r in rounds] == [1, 3]
    assert [r["draw"] for r in rounds] == ["seeded", "review"]
    assert [q["outcome"] for q in rounds[0]["results"]] == [
        "correct",
        "wrong",
        "correct",
        "skipped",
    ]
    assert rounds[0]["results"][0] == {
        "pack": "mini",
        "id": "episodes-number",
        "outcome": "correct",
        "correct": True,
        "given": "9",
        "points": 200,
        "seconds": rounds[0]["results"][0]["seconds"],
        "lifelines": [],
    }
    refused = cli("scores", "forget", "ann")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    done = cli("scores", "forget", "Ann", "--yes")
    assert done.returncode == 0 and done.stdout == "Deleted 2 rounds of Ann.\n"
    assert json.loads(cli("history", "--json", "--player", "ann").stdout) == []
    for table in ("cards", "review_logs"):
        assert query(home, f"SELECT DISTINCT player_key FROM {table}") == [("bob",)]
    assert query(home, "SELECT player FROM rounds") == [("bob",)]
    assert query(home, "SELECT COUNT(*) FROM results") == [(1,)]


def test_forget_without_a_database_creates_nothing(cli: Run, home: Path) -> None:
    result = cli("scores", "forget", "ann", "--yes")
    assert result.returncode == 0 and result.stdout == "Deleted 0 rounds of ann.\n"
    assert not (home / "scores.db").exists()


@pytest.mark.parametrize("command", [("stats",), ("history",), ("review",)])
def test_reading_commands_create_no_database(cli: Run, home: Path, command: tuple[str]) -> None:
    result = cli(*command, "--player", "ann")
    assert result.returncode == 0, result.stderr
    assert not (home / "scores.db").exists()


def test_a_version_1_database_is_migrated_with_its_history(home: Path) -> None:
    from hitrun_quiz.store import migrations
    from hitrun_quiz.store.scores import ScoreStore
    from hitrun_quiz.store.sqlite import SqliteConn

    db = home / "scores.db"
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    migrations.apply(SqliteConn(conn), [migrations.MIGRATIONS[0]], lambda: 0.0)  # version 1
    conn.execute(
        "INSERT INTO rounds VALUES (1, 'Ann', 100, 1, 2, 3, '{}', 7, 'scripted', 1.0, 2.0, 1)"
    )
    conn.executemany(
        "INSERT INTO results VALUES (1, ?, 'mini', ?, ?, ?, 0, NULL, NULL)",
        [(0, "lead-choice", 1, 1), (1, "premiere-tf", 0, 1), (2, "lead-text", 0, 0)],
    )
    conn.close()
    with ScoreStore(db) as store:
        assert store.count() == 1  # reading an older schema migrates it
    assert query(home, "SELECT player_key, draw, best_streak FROM rounds") == [
        ("ann", "seeded", None)
    ]
    assert query(home, "SELECT outcome FROM results ORDER BY position") == [
        ("correct",),
        ("wrong",),
        ("skipped",),
    ]
    assert query(home, "SELECT question_id, asked, correct, last_round_id, state FROM cards") == [
        ("lead-choice", 1, 1, 1, None),
        ("lead-text", 1, 0, 1, None),
        ("premiere-tf", 1, 0, 1, None),
    ]
    # Old answers count as seen for fresh draws; they are not scheduled for review.
    recorder = Recorder(db, clock=Clock())
    fresh = Rounds(setup_round([str(MINI)], count=1), recorder, "ANN")(None)
    assert [a.question.id for a in fresh.asked] == ["episodes-number"]
    assert isinstance(review_round(recorder, "ann"), NothingDue)


def test_the_draw_takes_lower_ranks_first_even_over_the_fact_rule(tmp_path: Path) -> None:
    from hitrun_quiz.game.draw import Filters, draw
    from hitrun_quiz.packs.loader import load_pack

    # Two unseen questions on one fact that give nothing of each other away
    # (lead-choice and lead-text do: each shows "Lior Raz" beside "Segev").
    text = MINI.read_text(encoding="utf-8").replace(
        "  - id: episodes-number\n    fact: episodes", "  - id: episodes-number\n    fact: premiere"
    )
    assert "fact: premiere" in text.split("id: episodes-number", 1)[1][:40]
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    pack = load_pack(path)
    rank = {("mini", "lead-choice"): 5, ("mini", "lead-text"): 6}  # the others unseen
    for seed in range(20):
        two, _ = draw([pack], 2, Filters(), seed, rank)
        assert {a.question.id for a in two} == {"episodes-number", "premiere-tf"}  # same fact
        three, _ = draw([pack], 3, Filters(), seed, rank)
        assert three[2].question.id == "lead-choice"
        plain, _ = draw([pack], 2, Filters(), seed)  # seeded: the fact rule holds
        assert {a.question.id for a in plain} != {"episodes-number", "premiere-tf"}
