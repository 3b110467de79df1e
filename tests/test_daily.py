"""The daily challenge: one round a day for everyone, one official attempt, streaks, share line.

The date is injected with the testing hook HITRUN_QUIZ_TODAY (read only by the
daily commands) or passed straight to app/daily.py: no test sleeps or waits.
Scripted rounds run the installed program over pipes; interactive ones are in
tests/test_daily_pty.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import signal
import subprocess
from pathlib import Path
from typing import Any

from hitrun_quiz.app import daily as daily_app
from hitrun_quiz.app.session import Recorder
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.store import daily as store_daily
from hitrun_quiz.store.records import RoundRecord
from hitrun_quiz.store.scores import ScoreStore
from hitrun_quiz.ui import share

from .conftest import MINI, ROOT, SCRIPT, Run

BANK = ROOT / "questions" / "hit-and-run.yaml"
DAY = "2026-05-09"
SHARE = re.compile(
    r"hitrun-quiz daily #\d+( [a-z0-9-]+)?( \(practice\))? · \d+/\d+ · [\d,]+ pts · streak \d+"
    r"\n[🟩🟥⬜]+"
)
SHARE_PLAIN = re.compile(
    r"hitrun-quiz daily #\d+( [a-z0-9-]+)?( \(practice\))? \| \d+/\d+ \| [\d,]+ pts"
    r" \| streak \d+\n[RW-]+"
)


def play_daily(
    cli: Run, answers: str = "A\n" * 10, *args: str, today: str = DAY, **env: str
) -> tuple[int, list[dict[str, Any]], str]:
    """`daily --json`: exit code, events, stderr."""
    done = cli("daily", "--json", *args, input=answers, HITRUN_QUIZ_TODAY=today, **env)
    events = [json.loads(line) for line in done.stdout.splitlines()]
    return done.returncode, events, done.stderr


def of(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["event"] == kind]


def questions(events: list[dict[str, Any]]) -> list[tuple[str, list[str] | None]]:
    return [(q["id"], q.get("choices")) for q in of(events, "question")]


def board(cli: Run, day: str = DAY, **env: str) -> list[dict[str, Any]]:
    done = cli("scores", "--daily", "--date", day, "--json", **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --------------------------------------------------------------------------- one round for everyone


def test_two_data_dirs_on_one_date_get_the_same_round(cli: Run, tmp_path: Path) -> None:
    runs = []
    for name in ("ziva", "segev"):
        home = str(tmp_path / name)
        code, events, err = play_daily(cli, "\n" * 10, "--player", name, HITRUN_QUIZ_HOME=home)
        assert code == 0, err
        runs.append(events)
    first, second = runs
    assert len(of(first, "question")) == 10
    assert questions(first) == questions(second)  # same questions, same order of choices
    assert of(first, "start")[0]["seed"] == of(second, "start")[0]["seed"]
    assert any(choices for _, choices in questions(first))  # choice order was compared


def test_another_date_gives_another_round(cli: Run, tmp_path: Path) -> None:
    _, today, _ = play_daily(cli, "", HITRUN_QUIZ_HOME=str(tmp_path / "a"))
    _, tomorrow, _ = play_daily(cli, "", today="2026-05-10", HITRUN_QUIZ_HOME=str(tmp_path / "b"))
    assert of(today, "start")[0]["seed"] != of(tomorrow, "start")[0]["seed"]
    # Only the first question is asked before the input runs out; compare whole rounds in-process.
    pack = load_pack(BANK)
    digest = daily_app.pack_digest(pack)
    rounds = {
        day: [
            a.question.id
            for a in daily_app.DailyPlan(day, day, pack, digest, "p", True, None, 0)
            .new_round()
            .asked
        ]
        for day in (dt.date(2026, 5, 9), dt.date(2026, 5, 10))
    }
    assert rounds[dt.date(2026, 5, 9)] != rounds[dt.date(2026, 5, 10)]
    assert questions(today)[0][0] == rounds[dt.date(2026, 5, 9)][0]


def test_the_round_depends_on_the_pack_content_not_its_place(tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "mini.yaml"
    moved.parent.mkdir()
    moved.write_bytes(MINI.read_bytes().replace(b"\n", b"\n\n"))  # another layout, same content
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        MINI.read_text(encoding="utf-8").replace("Which actor plays Segev?", "Who plays Segev?"),
        encoding="utf-8",
    )
    original, same, changed = (load_pack(p) for p in (MINI, moved, edited))
    assert original.path != same.path
    assert daily_app.pack_digest(original) == daily_app.pack_digest(same)
    assert daily_app.pack_digest(original) != daily_app.pack_digest(changed)
    day = dt.date(2026, 5, 9)
    seeds = {daily_app.daily_seed(day, p.id, daily_app.pack_digest(p)) for p in (original, same)}
    assert len(seeds) == 1
    assert daily_app.daily_seed(day, changed.id, daily_app.pack_digest(changed)) not in seeds


def test_day_numbers_count_from_the_premiere() -> None:
    assert dt.date(2021, 8, 6) == daily_app.FIRST_DAY
    assert daily_app.day_number(dt.date(2021, 8, 6)) == 1
    assert daily_app.day_number(dt.date(2021, 8, 7)) == 2
    assert daily_app.day_number(dt.date(2022, 8, 6)) == 366


# --------------------------------------------------------------------------- one official attempt


def test_a_second_attempt_the_same_day_is_practice(cli: Run) -> None:
    code, first, err = play_daily(cli, "A\n" * 10, "--player", "Ziva")
    assert code == 0, err
    assert of(first, "start")[0]["daily"]["official"] is True
    summary = of(first, "summary")[0]
    assert summary["daily"]["official"] is True
    assert summary["daily"]["rank"] == 1
    assert summary["rank"] is None  # not on the normal board

    code, second, err = play_daily(cli, "B\n" * 10, "--player", "ziva")  # same player, any case
    assert code == 0, err
    start = of(second, "start")[0]["daily"]
    assert start["official"] is False
    assert start["reason"] == "today's official attempt is already recorded"
    assert of(second, "summary")[0]["daily"]["official"] is False
    assert "(practice)" in of(second, "summary")[0]["daily"]["share"]

    rows = board(cli)
    assert [(r["player"], r["score"]) for r in rows] == [("Ziva", summary["score"])]
    assert rows[0]["mode"] == "daily"


def test_practice_is_announced_before_the_first_question(cli: Run) -> None:
    cli("daily", "--player", "z", input="\n" * 10, HITRUN_QUIZ_TODAY=DAY)
    done = cli("daily", "--player", "z", input="\n" * 10, HITRUN_QUIZ_TODAY=DAY)
    assert done.returncode == 0, done.stderr
    before_question = done.stdout.split("Question 1/")[0]
    assert ": practice, never ranked (today's official attempt is already recorded)" in (
        before_question
    )
    assert "official attempt\n" not in before_question


def test_daily_rounds_stay_off_the_normal_high_scores(cli: Run) -> None:
    play_daily(cli, "A\n" * 10, "--player", "z")
    cli("play", "--pack", str(MINI), "--seed", "1", "--player", "p", input="\n" * 4)
    done = cli("scores", "--json", "--board", "all")
    assert [r["player"] for r in json.loads(done.stdout)] == ["p"]


def test_other_players_each_have_their_official_attempt(cli: Run) -> None:
    for name, answers in (("ann", "A\n" * 10), ("bob", "B\n" * 10), ("cy", "\n" * 10)):
        code, events, err = play_daily(cli, answers, "--player", name)
        assert code == 0, err
        assert of(events, "summary")[0]["daily"]["official"] is True
    rows = board(cli)
    assert sorted(r["player"] for r in rows) == ["ann", "bob", "cy"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert board(cli, "2026-05-08") == []
    # Without a date: today's board (the testing hook is today); plain text off a terminal.
    done = cli("scores", "--daily", HITRUN_QUIZ_TODAY=DAY)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Daily #1738 · {DAY}"
    assert [line.split()[1] for line in lines[2:]] == [r["player"] for r in rows]
    only_mini = cli("scores", "--daily", "--pack", "mini", "--json", HITRUN_QUIZ_TODAY=DAY)
    assert only_mini.stdout.strip() == "[]"  # every attempt was with hit-and-run
    bad = cli("scores", "--daily", "--date", "tomorrow")
    assert (bad.returncode, bad.stderr) == (
        2,
        "hitrun-quiz: --date tomorrow: not a date; use YYYY-MM-DD\n"
        "Try 'hitrun-quiz scores --help'.\n",
    )


def test_a_past_day_is_practice_and_a_future_day_is_refused(cli: Run) -> None:
    code, events, err = play_daily(cli, "A\n" * 10, "--date", "2026-05-01")
    assert code == 0, err
    daily = of(events, "summary")[0]["daily"]
    assert (daily["date"], daily["official"]) == ("2026-05-01", False)
    assert daily["day"] == daily_app.day_number(dt.date(2026, 5, 1))
    assert board(cli, "2026-05-01") == []

    for bad in ("2026-05-10", "2021-08-05", "09/05/2026", "2026-02-30"):
        done = cli("daily", "--date", bad, input="", HITRUN_QUIZ_TODAY=DAY)
        assert done.returncode == 2, (bad, done.stderr)
        assert done.stderr.startswith("hitrun-quiz: --date ")
        assert done.stdout == ""


def test_only_one_official_attempt_even_when_two_finish_at_once(tmp_path: Path) -> None:
    # Both rounds were planned as official (neither saw the other): the store decides.
    def rec() -> RoundRecord:
        return RoundRecord("ann", 100, 1, 1, 1, ["hit-and-run"], {}, 1, "daily", 1.0, 2.0, True)

    attempt = store_daily.DailyAttempt("Ann", DAY, 1738, "hit-and-run", "k", official=True)
    with ScoreStore(tmp_path / "scores.db") as store:
        first = store_daily.record_attempt(store, rec(), attempt)
        second = store_daily.record_attempt(store, rec(), attempt)
        assert (first[1], second[1]) == (True, False)
        assert [r.round_id for r in store_daily.board(store, DAY)] == [first[0]]
        assert store_daily.board_rank(store, second[0]) is None


def test_processes_finishing_at_once_leave_one_official_attempt(cli: Run) -> None:
    procs = [
        subprocess.Popen(
            [str(SCRIPT), "daily", "--json", "--player", "Ann"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "HITRUN_QUIZ_TODAY": DAY},
        )
        for _ in range(6)
    ]
    outputs = [p.communicate("A\n" * 10, timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [err for _, err in outputs]
    summaries = [json.loads(out.splitlines()[-1])["daily"] for out, _ in outputs]
    assert sum(d["official"] for d in summaries) == 1
    late = [d for d in summaries if not d["official"]]
    assert {d["reason"] for d in late} <= {
        "today's official attempt is already recorded",
        "today's official attempt is being played in another run",
    }
    # Only the run that is official says so from its start: the others start as practice.
    starts = [json.loads(out.splitlines()[0])["daily"] for out, _ in outputs]
    assert [d["official"] for d in starts] == [d["official"] for d in summaries]
    assert len(board(cli)) == 1


# --------------------------------------------------------------------------- abandoned attempts


def test_input_that_runs_out_does_not_use_up_the_day(cli: Run) -> None:
    code, events, _ = play_daily(cli, "A\nB\n", "--player", "z")
    assert code == 0
    daily = of(events, "summary")[0]["daily"]
    assert daily["official"] is False and daily["share"] is None
    assert board(cli) == []
    _, again, _ = play_daily(cli, "A\n" * 10, "--player", "z")
    assert of(again, "summary")[0]["daily"]["official"] is True


def test_ctrl_c_during_a_scripted_round_does_not_use_up_the_day(cli: Run, home: Path) -> None:
    proc = subprocess.Popen(
        [str(SCRIPT), "daily", "--json", "--player", "z"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "HITRUN_QUIZ_TODAY": DAY},
    )
    assert proc.stdin and proc.stdout and proc.stderr
    assert json.loads(proc.stdout.readline())["daily"]["official"] is True
    proc.stdin.write("A\n")
    proc.stdin.flush()
    seen = [json.loads(proc.stdout.readline()) for _ in range(3)]  # question, result, question
    assert [e["event"] for e in seen] == ["question", "result", "question"]
    proc.send_signal(signal.SIGINT)  # while it waits for the second answer
    assert proc.wait(timeout=30) == 130
    assert "Traceback" not in proc.stderr.read()
    proc.stdin.close()
    proc.stdout.close()
    proc.stderr.close()
    assert board(cli) == []
    with ScoreStore(home / "scores.db") as store:
        assert store.count() == 0  # nothing recorded at all
    _, events, _ = play_daily(cli, "A\n" * 10, "--player", "z")
    assert of(events, "start")[0]["daily"]["official"] is True


# --------------------------------------------------------------------------- streaks


def test_a_streak_survives_consecutive_days_and_resets_after_a_missed_day(cli: Run) -> None:
    def day(today: str, answers: str = "A\n" * 10) -> dict[str, Any]:
        code, events, err = play_daily(cli, answers, "--player", "z", today=today)
        assert code == 0, err
        return {"start": of(events, "start")[0]["daily"], "end": of(events, "summary")[0]["daily"]}

    assert day("2026-05-01")["end"]["streak"] == 1
    assert day("2026-05-02")["end"]["streak"] == 2
    third = day("2026-05-03")
    assert (third["start"]["streak"], third["end"]["streak"]) == (2, 3)
    assert "streak 3" in third["end"]["share"]
    assert day("2026-05-03")["end"]["streak"] == 3  # practice adds nothing, takes nothing
    # The next day, before playing, the streak is still alive (an unfinished try used nothing).
    assert day("2026-05-04", "A\n")["start"]["streak"] == 3
    # 2026-05-04 missed: on the 5th the streak starts again.
    fifth = day("2026-05-05")
    assert (fifth["start"]["streak"], fifth["end"]["streak"]) == (0, 1)
    # A past day played later is practice: it does not mend the streak.
    assert day("2026-05-05", "A\n" * 10)["end"]["streak"] == 1
    _, events, _ = play_daily(
        cli, "A\n" * 10, "--player", "z", "--date", "2026-05-04", today="2026-05-05"
    )
    assert of(events, "summary")[0]["daily"]["streak"] == 1


def test_streak_counts_official_days_up_to_today(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "scores.db")

    def official(day: str) -> None:
        rec = RoundRecord("Ann", 1, 1, 1, 1, ["p"], {}, 1, "daily", 1.0, 2.0, True)
        attempt = store_daily.DailyAttempt("Ann", day, 1, "p", "k", official=True)
        with recorder.store() as store:
            store_daily.record_attempt(store, rec, attempt)

    for day in ("2026-01-01", "2026-01-02", "2026-01-04", "2026-01-05", "2026-01-06"):
        official(day)
    with recorder.store() as store:

        def streak(day: str) -> int:
            return daily_app.streak(store, "ann", dt.date.fromisoformat(day))

        assert streak("2025-12-31") == 0
        assert streak("2026-01-02") == 2
        assert streak("2026-01-03") == 2  # yesterday counts: still alive
        assert streak("2026-01-04") == 1  # the 3rd was missed
        assert streak("2026-01-06") == 3
        assert streak("2026-01-07") == 3
        assert streak("2026-01-08") == 0
        assert daily_app.streak(store, "nobody", dt.date(2026, 1, 6)) == 0


# --------------------------------------------------------------------------- the share line


def test_the_share_line_holds_no_question_and_no_answer(cli: Run) -> None:
    code, events, err = play_daily(cli, "A\ntrue\n\n9\nLior Raz\nB\nC\n\nfalse\nD\n")
    assert code == 0, err
    daily = of(events, "summary")[0]["daily"]
    assert SHARE.fullmatch(daily["share"]), daily["share"]
    assert SHARE_PLAIN.fullmatch(daily["share_plain"]), daily["share_plain"]
    secrets: set[str] = set()
    for q in of(events, "question"):
        secrets.add(q["prompt"])
        secrets.update(q.get("choices", []))
    for r in of(events, "result"):
        secrets.add(str(r["answer"]))
        secrets.add(r["explanation"])
        if r["given"]:
            secrets.add(r["given"])
    secrets = {s for s in secrets if len(s) > 3}  # "9" or "true" would match digits or nothing
    assert len(secrets) > 10
    for text in (daily["share"], daily["share_plain"]):
        assert not [s for s in secrets if s.lower() in text.lower()]
    # One mark per question: right, wrong, blank (skipped).
    results = of(events, "result")
    marks = daily["share"].splitlines()[1]
    expected = [
        "🟩" if r["outcome"] == "correct" else "🟥" if r["outcome"] == "wrong" else "⬜"
        for r in results
    ]
    assert marks == "".join(expected)
    assert "⬜" in marks


def test_share_prints_the_last_share_line(cli: Run) -> None:
    _, events, _ = play_daily(cli, "A\n" * 10, "--player", "z")
    daily = of(events, "summary")[0]["daily"]
    done = cli("daily", "--share", "--player", "z", HITRUN_QUIZ_TODAY=DAY)
    assert done.returncode == 0, done.stderr
    assert done.stdout == daily["share"] + "\n"
    plain = cli("daily", "--share", "--player", "z", HITRUN_QUIZ_TODAY=DAY, NO_COLOR="1")
    assert plain.stdout == daily["share_plain"] + "\n"
    as_json = cli("daily", "--share", "--json", "--player", "z", HITRUN_QUIZ_TODAY=DAY)
    assert json.loads(as_json.stdout) == daily
    nobody = cli("daily", "--share", "--player", "nobody", HITRUN_QUIZ_TODAY=DAY)
    assert nobody.returncode == 2
    assert "no daily round finished yet" in nobody.stderr


def test_the_share_line_falls_back_to_plain_characters() -> None:
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    utf8_out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert share.share_style(utf8_out, {}) == "emoji"
    assert share.share_style(utf8_out, {"NO_COLOR": "1"}) == "plain"
    assert share.share_style(ascii_out, {}) == "plain"
    line = daily_app.share_text(
        day=123, correct=8, total=10, score=1740, streak=5, marks=["right"] * 8 + ["wrong", "blank"]
    )
    assert line == "hitrun-quiz daily #123 · 8/10 · 1,740 pts · streak 5\n🟩🟩🟩🟩🟩🟩🟩🟩🟥⬜"
    plain = daily_app.share_text(
        day=123,
        correct=8,
        total=10,
        score=1740,
        streak=5,
        marks=["right", "wrong", "blank"],
        official=False,
        pack_id="mini",
        style="plain",
    )
    assert plain == "hitrun-quiz daily #123 mini (practice) | 8/10 | 1,740 pts | streak 5\nRW-"
    assert plain.isascii()


def test_plain_text_rounds_end_with_the_streak_and_the_share_line(cli: Run) -> None:
    done = cli("daily", "--player", "z", input="A\n" * 10, HITRUN_QUIZ_TODAY=DAY, NO_COLOR="1")
    assert done.returncode == 0, done.stderr
    tail = done.stdout.rstrip("\n").split("\n")
    assert tail[-4].endswith("official, #1 on the day's board. Streak: 1 day.")
    assert tail[-3] == ""
    assert SHARE_PLAIN.fullmatch("\n".join(tail[-2:]))


# --------------------------------------------------------------------------- the clipboard


def test_copy_uses_a_clipboard_tool_when_there_is_one(cli: Run, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    got = tmp_path / "clipboard.txt"
    fake = bin_dir / "xclip"
    fake.write_text(f"#!/bin/sh\ncat > '{got}'\n", encoding="utf-8")
    fake.chmod(0o755)
    _, events, _ = play_daily(cli, "A\n" * 10, "--player", "z")
    path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    done = cli(
        "daily",
        "--share",
        "--copy",
        "--player",
        "z",
        HITRUN_QUIZ_TODAY=DAY,
        PATH=path,
        DISPLAY=":9",
    )
    assert done.returncode == 0, done.stderr
    assert got.read_text(encoding="utf-8") == of(events, "summary")[0]["daily"]["share"]
    assert "copied to the clipboard with xclip" in done.stderr


def test_no_clipboard_is_never_an_error(cli: Run, tmp_path: Path) -> None:
    play_daily(cli, "A\n" * 10, "--player", "z")
    done = cli(
        "daily",
        "--share",
        "--copy",
        "--player",
        "z",
        HITRUN_QUIZ_TODAY=DAY,
        PATH=str(tmp_path),
        DISPLAY="",
        WAYLAND_DISPLAY="",
    )
    assert done.returncode == 0, done.stderr
    assert "no clipboard found" in done.stderr

    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "w"}
    assert share.clipboard_tools(env, which=lambda name: f"/x/{name}")
    calls: list[object] = []

    def failing(argv: list[str], **_kw: object) -> object:
        calls.append(argv[0])
        if len(calls) == 1:
            raise OSError("gone")
        return subprocess.CompletedProcess(argv, 1)

    # Every tool fails (one cannot start, the others exit 1): no exception, nothing copied.
    assert share.copy("x", io.StringIO(), env, run=failing, which=lambda n: f"/x/{n}") is None
    assert calls == ["/x/wl-copy", "/x/xclip", "/x/xsel", "/x/pbcopy"]
    assert share.clipboard_tools({}, which=lambda name: None) == []


def test_scores_reset_forgets_daily_attempts_too(cli: Run) -> None:
    play_daily(cli, "A\n" * 10, "--player", "z")
    assert len(board(cli)) == 1
    assert cli("scores", "reset", "--yes").returncode == 0
    assert board(cli) == []
    _, events, _ = play_daily(cli, "A\n" * 10, "--player", "z")
    assert of(events, "summary")[0]["daily"]["official"] is True  # the day is free again
