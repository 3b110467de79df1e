"""A first round with no surprises (issue 9): answer forms, boards, notes, pack authoring.

Through the installed program over pipes (scripted play, scores, packs), the
score store on a real SQLite file, and golden text of the round's screens at
40 and 80 columns.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from hitrun_quiz.game.engine import Round
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.store import migrations
from hitrun_quiz.store.boards import DEFAULT_BOARD, board_key, board_title
from hitrun_quiz.store.records import RoundRecord
from hitrun_quiz.store.scores import ScoreStore
from hitrun_quiz.store.sqlite import SqliteConn

from .conftest import MINI, ROOT, Run

GOLDEN = Path(__file__).resolve().parent / "golden"

FORMS_PACK = """\
id: forms
title: "Answer forms"
questions:
  - id: day
    category: release
    difficulty: easy
    type: number
    prompt: "On which day of August 2021 did season 1 premiere?"
    answer: 6
  - id: first
    category: release
    difficulty: easy
    type: number
    prompt: "Which season premiered in 2021?"
    answer: 1
  - id: runtime
    category: release
    difficulty: easy
    type: number
    prompt: "The shortest episode runs how many minutes?"
    answer: 40
  - id: month
    category: production
    difficulty: easy
    type: text
    prompt: "In which month was filming of season 2 expected to start?"
    answer: "October"
  - id: detective
    category: cast
    difficulty: easy
    type: text
    prompt: "Kevin Mambo plays which detective?"
    answer: "Detective Ellis"
  - id: show
    category: release
    difficulty: easy
    type: text
    prompt: "What is the show called?"
    answer: "Hit and Run"
"""
FORMS = {
    "day": "6th",
    "first": "first",
    "runtime": "40 minutes",
    "month": "Oct.",
    "detective": "Det. Ellis",
    "show": "Hit & Run",
}


def events(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def play_json(cli: Run, pack: Path, answers: list[str], *args: str) -> list[dict[str, object]]:
    done = cli(
        "play", "--pack", str(pack), "--json", *args, input="".join(a + "\n" for a in answers)
    )
    assert done.returncode == 0, done.stderr
    return events(done.stdout)


# --------------------------------------------------------------------------- answer forms


def test_everyday_answer_forms_are_right(cli: Run, tmp_path: Path) -> None:
    pack = tmp_path / "forms.yaml"
    pack.write_text(FORMS_PACK, encoding="utf-8")
    order = [a.question.id for a in Round.create([load_pack(pack)], seed=5).asked]
    result = play_json(cli, pack, [FORMS[qid] for qid in order], "--seed", "5")
    judged = {e["id"]: e for e in result if e["event"] == "result"}
    assert {qid: e["outcome"] for qid, e in judged.items()} == dict.fromkeys(FORMS, "correct")
    assert result[-1]["correct"] == 6 and result[-1]["missed"] == []


@pytest.mark.parametrize(("given", "right"), [("sixth", True), ("7th", False), ("6 days", True)])
def test_an_ordinal_or_a_unit_on_a_number_question(
    cli: Run, tmp_path: Path, given: str, right: bool
) -> None:
    pack = tmp_path / "forms.yaml"
    pack.write_text(FORMS_PACK, encoding="utf-8")
    result = play_json(cli, pack, [given], "--seed", "1", "--category", "release", "-n", "1")
    (judged,) = [e for e in result if e["event"] == "result"]
    if judged["id"] == "day":
        assert judged["correct"] is right


# --------------------------------------------------------------------------- new JSON fields


def test_result_events_carry_the_breakdown_and_the_fact(cli: Run) -> None:
    rnd = Round.create([load_pack(MINI)], seed=1)
    answers = {"premiere-tf": "true", "lead-choice": "Lior Raz", "episodes-number": "nine"}
    replies = [answers.get(a.question.id, "") for a in rnd.asked]
    result = play_json(cli, MINI, replies, "--seed", "1")
    results = [e for e in result if e["event"] == "result"]
    assert results[0]["breakdown"] == {
        "base": 100,
        "streak_bonus": 0,
        "streak_percent": 0,
        "speed_factor": None,
        "total": 100,
        "hint_halved": False,
    }
    assert results[2]["breakdown"]["streak_percent"] == 20
    assert results[2]["breakdown"]["total"] == results[2]["points"] == 240
    assert results[0]["fact"] == {
        "statement": "It premiered on Netflix.",
        "quote": "season 1 premiered on August 6, 2021, on Netflix.",
        "source": {
            "title": "Test notes",
            "publisher": "Test Publisher",
            "date": "2021-08-10",
            "url": None,
        },
    }
    assert results[3]["breakdown"] is None  # skipped: no points
    summary = result[-1]
    assert summary["board"] == "mini/4/untimed/scripted"
    assert summary["personal_best"] is False
    (missed,) = summary["missed"]
    assert missed["id"] == "lead-text" and missed["outcome"] == "skipped"
    assert missed["answer"] == "Lior Raz" and missed["given"] is None
    assert missed["source"] == "Test Publisher, 2021-08-10"
    assert missed["prompt"] == "Which actor plays Segev?"


def test_a_timed_round_shows_the_speed_factor(cli: Run) -> None:
    result = play_json(cli, MINI, ["true"], "--seed", "1", "-n", "1", "--time-limit", "30")
    (judged,) = [e for e in result if e["event"] == "result"]
    assert judged["correct"]
    factor = judged["breakdown"]["speed_factor"]
    assert 0.5 <= factor <= 1.0
    assert judged["points"] == round(100 * factor)
    assert result[-1]["board"] == "mini/1/timed/scripted"


# --------------------------------------------------------------------------- not an option


@pytest.mark.parametrize(
    ("qtype", "reply", "note"),
    [
        ("choice", "E", "'E' is not one of the options (A-D, 1-4 or its text)"),
        ("choice", "true", "'true' is not one of the options"),
        ("truefalse", "B", "'B' is not true or false"),
        ("number", "lots", "'lots' is not a number"),
    ],
)
def test_a_reply_that_is_not_an_option_says_so(cli: Run, qtype: str, reply: str, note: str) -> None:
    args = ("play", "--pack", str(MINI), "--seed", "1", "--type", qtype)
    plain = cli(*args, input=reply + "\n")
    assert plain.returncode == 0
    assert note in plain.stderr and "counted as wrong" in plain.stderr
    assert "Wrong." in plain.stdout
    result = events(cli(*args, "--json", input=reply + "\n").stdout)
    (judged,) = [e for e in result if e["event"] == "result"]
    assert judged["outcome"] == "wrong" and note in judged["note"]


def test_a_reply_naming_an_option_has_no_note(cli: Run) -> None:
    result = events(
        cli(
            "play", "--pack", str(MINI), "--seed", "1", "--type", "choice", "--json", input="D\n"
        ).stdout
    )
    (judged,) = [e for e in result if e["event"] == "result"]
    assert "note" not in judged


# --------------------------------------------------------------------------- boards


def test_boards_keep_unlike_rounds_apart(cli: Run) -> None:
    def summary(*args: str, answers: str, player: str = "ann") -> dict[str, object]:
        done = cli(
            "play",
            "--pack",
            str(MINI),
            "--seed",
            "1",
            "--json",
            "--player",
            player,
            *args,
            input=answers,
        )
        assert done.returncode == 0, done.stderr
        return events(done.stdout)[-1]

    long = summary(answers="true\nA\n9\nLior Raz\n")
    assert (long["board"], long["rank"], long["personal_best"]) == (
        "mini/4/untimed/scripted",
        1,
        False,
    )
    short = summary("-n", "2", answers="\n\n")  # a worse, shorter round...
    assert short["board"] == "mini/2/untimed/scripted"
    assert short["rank"] == 1  # ...is first on its own board, not behind the long one
    better = summary("-n", "2", answers="true\nLior Raz\n")
    assert (better["rank"], better["personal_best"]) == (1, True)
    worse = summary("-n", "2", answers="\n\n")
    assert (worse["rank"], worse["personal_best"]) == (3, False)

    board = json.loads(cli("scores", "--json", "--board", "mini/2/untimed/scripted").stdout)
    assert [r["score"] for r in board] == [better["score"], 0, 0]
    assert {r["board"] for r in board} == {"mini/2/untimed/scripted"}
    everything = json.loads(cli("scores", "--json", "--board", "all").stdout)
    assert len(everything) == 4


FOUR = "true\nA\n9\nx\n"  # the four questions of the mini pack


def test_scores_shows_the_board_of_a_default_round(cli: Run, script: Run) -> None:
    cli("play", "--pack", str(MINI), "--seed", "1", input=FOUR)
    done = script("scores")  # a process: the command it names is the one it was started by
    assert done.returncode == 0
    from .test_first_minutes import printed_program

    me = printed_program(dict(os.environ))  # the command as the player can run it from here
    assert done.stdout == (
        "No finished rounds on the board hit-and-run · 10 questions · untimed · interactive"
        f" yet (see every board: {me} scores --board all). Play one: {me} play\n"
    )
    assert json.loads(cli("scores", "--json").stdout) == []
    shown = cli("scores", "--board", "all")
    assert shown.stdout.startswith("High scores: all boards\n")
    one = cli("scores", "--board", "mini/4/untimed/scripted")
    assert one.stdout.startswith("High scores: board mini · 4 questions · untimed · scripted\n")
    assert DEFAULT_BOARD == "hit-and-run/10/untimed/interactive"


def test_scores_filters_that_match_nothing_say_so(cli: Run) -> None:
    cli("play", "--pack", str(MINI), "--seed", "1", "--player", "ann", input=FOUR)
    nobody = cli("scores", "--player", "Bob")
    assert nobody.returncode == 0
    assert nobody.stdout == "No finished rounds by Bob.\n"
    unknown = cli("scores", "--pack", "nope")
    assert unknown.returncode == 2
    assert "no pack 'nope'" in unknown.stderr
    played = cli("scores", "--pack", "mini")  # played from a file: known from the rounds
    assert played.returncode == 0 and "ann" in played.stdout


def test_scores_reset_says_how_many_rounds_it_deletes(cli: Run) -> None:
    for _ in range(2):
        cli("play", "--pack", str(MINI), "--seed", "1", input="true\n")
    refused = cli("scores", "reset")
    assert refused.returncode == 2
    assert "Delete every recorded round (2 recorded rounds)?" in refused.stderr


def test_filters_ignore_case(cli: Run) -> None:
    result = play_json(cli, MINI, ["x", "x"], "--seed", "1", "--category", "Cast", "-d", "EASY")
    assert result[0]["count"] == 1
    assert all(e.get("category", "cast") == "cast" for e in result if e["event"] == "question")


# --------------------------------------------------------------------------- the store


def test_migration_2_gives_old_rounds_a_board(tmp_path: Path) -> None:
    db = tmp_path / "scores.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    migrations.apply(SqliteConn(conn), [migrations.MIGRATIONS[0]], lambda: 0.0)  # version 1
    conn.execute("COMMIT")
    conn.execute(
        "INSERT INTO rounds (id, player, score, correct, answered, total, filters, seed, mode,"
        " started_at, finished_at, finished) VALUES (1, 'ann', 5, 1, 1, 10, '{}', 1,"
        " 'interactive', 0, 1, 1)"
    )
    conn.executemany(
        "INSERT INTO round_packs VALUES (1, ?, ?, 1, 5, 1)", [("mini", 0), ("hit-and-run", 1)]
    )
    conn.close()
    with ScoreStore(db) as store:
        (row,) = store.top(None)
        assert row.board == "hit-and-run+mini/10/untimed/interactive"
        assert store.rank(1) == 1
    assert board_title(row.board) == "hit-and-run + mini · 10 questions · untimed · interactive"


def test_best_before_is_the_players_best_on_the_same_board(tmp_path: Path) -> None:
    board = board_key(["mini"], 4, False, "scripted")

    def record(store: ScoreStore, player: str, score: int, on: str = board) -> int:
        return store.record(
            RoundRecord(player, score, 1, 1, 4, ["mini"], {}, 1, "scripted", 0, 1, True, board=on)
        )

    with ScoreStore(tmp_path / "scores.db") as store:
        first = record(store, "ann", 100)
        record(store, "bob", 900)
        record(store, "ann", 999, on=board_key(["mini"], 2, False, "scripted"))
        second = record(store, "ann", 150)
        assert store.best_before(first) is None
        assert store.best_before(second) == 100
        assert store.rank(second) == 2


# --------------------------------------------------------------------------- pack authoring


def validate(cli: Run, tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    done = cli("packs", "validate", "p.yaml", cwd=tmp_path)
    assert done.returncode == 1
    return done.stderr.splitlines()[:-1]


PACK = """\
id: solar
title: "Sun"
questions:
  - id: q1
    category: sky
    difficulty: easy
    type: text
    prompt: "What is our star?"
    answer: Sun
"""


def test_a_tab_is_explained_and_every_other_problem_still_found(cli: Run, tmp_path: Path) -> None:
    text = PACK.replace("    prompt:", "\tprompt:").replace("easy", "hrad")
    assert validate(cli, tmp_path, text) == [
        "p.yaml:6:17: the difficulty of question 'q1' must be one of easy, medium, hard,"
        " not 'hrad'; did you mean 'hard'?",
        "p.yaml:8:1: YAML: tabs can't indent YAML: use spaces",
    ]


def test_a_bad_indent_is_explained(cli: Run, tmp_path: Path) -> None:
    (line,) = validate(cli, tmp_path, PACK.replace("    prompt:", "      prompt:"))
    assert line.startswith("p.yaml:8:13: YAML: a ':' YAML did not expect: check this line's")
    assert "mapping values are not allowed" not in line


def test_a_mistyped_key_gives_one_message(cli: Run, tmp_path: Path) -> None:
    text = PACK.replace("id: q1", "id: q3").replace("prompt:", "promt:")
    assert validate(cli, tmp_path, text) == [
        "p.yaml:8:5: unknown key 'promt' in question q3: did you mean 'prompt'?"
    ]


def test_a_missing_key_names_the_question(cli: Run, tmp_path: Path) -> None:
    text = PACK.replace('    prompt: "What is our star?"\n', "")
    assert validate(cli, tmp_path, text) == ["p.yaml:4:5: question 'q1' is missing 'prompt'"]


def test_a_bad_id_gets_a_slug_suggestion(cli: Run, tmp_path: Path) -> None:
    (line,) = validate(cli, tmp_path, PACK.replace("id: solar", "id: Solar System"))
    assert line.endswith("for example 'solar-system'")


def test_a_single_string_is_a_list_of_one(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PACK + "    accept: Sol\n    wrong: Moon\n", encoding="utf-8")
    (q,) = load_pack(path, cache=False).questions
    assert q.accept == ("Sol",) and q.wrong == ("Moon",)


def test_play_pack_suggests_a_file_here_with_that_id(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "my-stars.yaml").write_text(PACK, encoding="utf-8")
    done = cli("play", "--pack", "solar", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "hitrun-quiz: no installed pack 'solar', but ./my-stars.yaml in this directory has"
        " that id: play it with --pack ./my-stars.yaml, or install it with:"
        " hitrun-quiz packs add my-stars.yaml\n"
        "Try 'hitrun-quiz play --help'.\n"
    )


def test_packs_format_prints_the_reference_shipped_in_the_package(cli: Run) -> None:
    shipped = (ROOT / "hitrun_quiz" / "packs" / "format.md").read_text(encoding="utf-8")
    assert shipped == (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    done = cli("packs", "format")
    assert done.returncode == 0
    assert done.stdout == shipped


# --------------------------------------------------------------------------- narrow help and tables


def test_help_never_cuts_option_names_at_40_columns(script: Run) -> None:
    done = script("play", "--help", COLUMNS="40")
    assert done.returncode == 0
    for name in ("--category", "--difficulty", "--time-limit", "--answers"):
        assert name in done.stdout
    assert "…" not in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 40
    assert "{" not in script("packs", "show", "--help").stdout


def test_packs_show_wraps_at_word_boundaries(script: Run) -> None:
    done = script("packs", "show", "hit-and-run", COLUMNS="40")
    assert done.returncode == 0
    words = set((ROOT / "questions" / "hit-and-run.yaml").read_text(encoding="utf-8").split())
    for line in done.stdout.splitlines():
        assert len(line) <= 40
        if line.strip() and not line.startswith(("Category", "Difficulty", "Type")):
            last = line.split()[-1]
            assert any(last in w for w in words) or last.isdigit() or last.endswith(")")


# --------------------------------------------------------------------------- golden screens


def recording_console(width: int) -> Console:
    return Console(
        record=True, width=width, force_terminal=False, color_system=None, file=io.StringIO()
    )


@pytest.mark.parametrize("width", [40, 80])
def test_the_screens_of_a_round_match_their_golden_text(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")  # the "When" column is local time
    time.tzset()
    from hitrun_quiz.game.events import Reply
    from hitrun_quiz.store.records import ScoreRow
    from hitrun_quiz.ui.screens import (
        render_question,
        render_rank,
        render_result,
        render_scores,
        render_summary,
        render_welcome,
    )

    rnd = Round.create([load_pack(MINI)], seed=1, time_limit=20, clock=lambda: 0.0)
    answers = {"premiere-tf": "true", "lead-choice": "Lior Raz", "episodes-number": "8"}
    console = recording_console(width)
    console.print(render_welcome(rnd.started()))
    for asked in rnd.asked:
        console.print(render_question(QuestionAskedFor(rnd, asked)))
        reply = answers.get(asked.question.id)
        judged = rnd.judge(asked, Reply.answer(reply, 5.0) if reply else Reply("skip"))
        console.print(render_result(judged))
    summary = replace(
        rnd.finish(),
        rank=2,
        board="mini/4/timed/interactive",
        board_title=board_title("mini/4/timed/interactive"),
        personal_best=True,
    )
    console.print(render_summary(summary))
    console.print(render_rank(summary))
    rows = [
        ScoreRow(n, n, name, score, 3, 3, 4, ["mini"], "interactive", 1_700_000_000.0, 1)
        for n, name, score in ((1, "Alice Longname", 900), (2, "bob", summary.score))
    ]
    console.print(render_scores(rows, 2, board=summary.board, width=width))
    text = console.export_text()
    monkeypatch.undo()
    time.tzset()
    path = GOLDEN / f"screens-{width}.txt"
    if os.environ.get("HITRUN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
    assert all(len(line) <= width for line in text.splitlines())


def QuestionAskedFor(rnd: Round, asked: object) -> object:
    from hitrun_quiz.game.events import QuestionAsked

    return QuestionAsked(asked, rnd.score, rnd.streak)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- a short screen


@pytest.mark.parametrize(("lines", "ranks"), [("24", [4, 5, 6, 7, 8]), ("50", list(range(1, 11)))])
def test_a_short_screen_shows_the_rows_around_the_players_round(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: str, ranks: list[int]
) -> None:
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.events import RoundFinished
    from hitrun_quiz.ui.terminal import _standing_rows

    board = board_key(["mini"], 4, False, "interactive")
    recorder = Recorder(tmp_path / "scores.db")
    with recorder.store() as store:
        ids = [
            store.record(
                RoundRecord(
                    f"p{n}",
                    1000 - n,
                    1,
                    1,
                    4,
                    ["mini"],
                    {},
                    1,
                    "interactive",
                    0,
                    n,
                    True,
                    board=board,
                )
            )
            for n in range(12)
        ]
    monkeypatch.setenv("LINES", lines)
    monkeypatch.setenv("COLUMNS", "80")
    summary = RoundFinished(1000 - 5, 1, 1, 4, 1, 1, True, (), rank=6, board=board)
    rows = _standing_rows(recorder, summary, ids[5])
    assert [r.rank for r in rows] == ranks
