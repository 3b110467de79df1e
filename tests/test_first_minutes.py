"""Issue 20, the first five minutes of a new player, in a real pty at 80x24 and 40x24.

Each test drives the installed ``hitrun-quiz`` with pexpect, at both sizes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .test_interactive import Session, cli_env, env, go_on, home, spawn  # noqa: F401 - fixtures

pexpect = pytest.importorskip("pexpect")

SIZES = [pytest.param((24, 80), id="80x24"), pytest.param((24, 40), id="40x24")]

PROMPTS = [f"Capital number {n}?" for n in range(1, 9)]


def eight_questions(path: Path) -> Path:
    """A pack of eight text questions (one fact each), so a round of 3 leaves 5 unseen."""
    facts, questions = [], []
    for n in range(1, 9):
        facts.append(
            f'  - id: f{n}\n    statement: "Fact {n}."\n    source: notes\n'
            f'    quote: "The answer to number {n} is word{n}."\n'
        )
        questions.append(
            f"  - id: q{n}\n    fact: f{n}\n    category: plot\n    difficulty: easy\n"
            f'    type: text\n    prompt: "{PROMPTS[n - 1]}"\n    answer: "word{n}"\n'
        )
    path.write_text(
        'id: eight\ntitle: "Eight"\ndescription: "Eight questions."\nauthor: "tests"\n'
        'version: "1"\nsources:\n  - id: notes\n    title: "Notes"\n'
        '    publisher: "Tests"\n    date: "2021-08-10"\nfacts:\n'
        + "".join(facts)
        + "questions:\n"
        + "".join(questions),
        encoding="utf-8",
    )
    return path


def printed_program(env: dict[str, str]) -> str:  # noqa: F811
    """How the game names itself in the commands it prints, for the test's PATH:
    ``hitrun-quiz`` when that is the program on PATH, else its path from the repo."""
    import os
    import shutil

    from .test_interactive import PROGRAM, ROOT

    found = shutil.which("hitrun-quiz", path=env.get("PATH"))
    if found and os.path.realpath(found) == os.path.realpath(PROGRAM):
        return "hitrun-quiz"
    return os.path.relpath(PROGRAM, ROOT)


def asked_in(s: Session, count: int, last_name: str | None, right: bool = False) -> list[str]:
    """Skip (or answer ``right``) ``count`` text questions; return their prompts in order."""
    seen: list[str] = []
    pattern = re.compile("|".join(re.escape(p) for p in PROMPTS))
    for number in range(1, count + 1):
        s.child.expect(pattern)
        seen.append(s.child.after)
        s.expect("Your answer:")
        s.send(f"word{PROMPTS.index(seen[-1]) + 1}\r" if right else "\r")
        go_on(s, last=number == count)
    if last_name is not None:
        s.expect("Your name")
        s.send(last_name + "\r")
    return seen


# --------------------------------------------------------------------------- 1. play again


@pytest.mark.parametrize("size", SIZES)
def test_play_again_after_a_new_players_first_round_repeats_nothing(
    spawn: Callable[..., Session],  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    pack = eight_questions(tmp_path / "eight.yaml")
    s = spawn("play", "--pack", str(pack), "--count", "3", dimensions=size)
    first = asked_in(s, 3, "newcomer")
    s.expect("Play again?")
    s.send("y")
    second = asked_in(s, 3, "")  # Enter keeps the name: the one the round was drawn for
    assert not set(first) & set(second), (first, second)
    s.expect("Play again?")
    s.send("y")
    third = asked_in(s, 3, "")  # 2 unseen left: both come first
    assert set(PROMPTS) - set(first) - set(second) <= set(third)
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0
    assert "newcomer" in s.plain


# --------------------------------------------------------------------------- 2. runnable commands


@pytest.mark.parametrize("size", SIZES)
def test_the_printed_replay_command_runs_as_printed(
    spawn: Callable[..., Session],  # noqa: F811
    env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    import shlex
    import subprocess

    from .test_interactive import ROOT

    pack = eight_questions(tmp_path / "eight.yaml")
    s = spawn("play", "--pack", str(pack), "--count", "1", "--player", "ann", dimensions=size)
    asked_in(s, 1, None)
    s.expect("Replay this round with:")
    s.child.expect(r"\S*hitrun-quiz play --replay 1 --pack \S+")
    command = s.child.after
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0
    # Runnable here: the path the program was started by, unless it is on PATH.
    assert command.startswith(f"{printed_program(env)} play --replay 1 --pack /")
    done = subprocess.run(
        shlex.split(command),
        input="\n",
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "replay" in done.stdout


@pytest.mark.parametrize("size", SIZES)
def test_make_play_opens_the_menu(
    env: dict[str, str],  # noqa: F811
    size: tuple[int, int],
) -> None:
    import shutil

    from .test_interactive import ROOT

    make = shutil.which("make")
    assert make is not None, "make is needed for this test"
    _rows, columns = size
    child = pexpect.spawn(
        make,
        ["--no-print-directory", "-s", "play"],
        env={**env, "COLUMNS": str(columns), "LINES": str(_rows)},
        dimensions=size,
        encoding="utf-8",
        timeout=30,
        cwd=str(ROOT),
    )
    try:
        child.expect("What would you like to do")
        child.expect("Quit")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


# --------------------------------------------------------------------------- 3. the menu


def test_the_menu_lists_the_whole_game_in_order() -> None:
    from hitrun_quiz.ui.menu import MENU_KEYS, menu_options

    assert MENU_KEYS == "1-7, T"  # the hint names the keys the entries show
    titles = [o.title for o in menu_options(3)]
    assert titles == [
        "1) Play",
        "T) Play together on this terminal",  # a room's entry: a letter, not a number
        "2) Daily",
        "3) Review (3 due)",
        "4) Stats",
        "5) Packs",
        "6) Scores",
        "7) Quit",
    ]


# (key, what its screen shows, how to get back to the menu)
SCREENS = [
    ("1", "Pack", "\x03"),  # the setup; Ctrl-C backs out
    ("2", "Daily", "\x03"),  # today's round; Ctrl-C abandons it
    ("3", "Nothing due", ""),
    ("4", "Rounds played: 0", ""),
    ("5", "hit-and-run", ""),
    ("6", "No finished rounds yet", ""),
]


@pytest.mark.parametrize("size", SIZES)
def test_each_menu_entry_opens_its_screen(
    spawn: Callable[..., Session],  # noqa: F811
    size: tuple[int, int],
) -> None:
    s = spawn(dimensions=size)
    s.expect("Review (0 due)")
    for key, shows, back in SCREENS:
        s.expect("7) Quit")
        s.send(key)  # one key opens it: no Enter
        s.expect(shows)
        if key == "2":
            s.expect("Question 1/10")
        s.send(back)
    s.expect("7) Quit")
    s.send("7")
    assert s.finish() == 0
    assert "Traceback" not in s.output


@pytest.mark.parametrize("size", SIZES)
def test_review_in_the_menu_says_how_many_are_due_and_plays_them(
    spawn: Callable[..., Session],  # noqa: F811
    cli_env: Callable[..., str],  # noqa: F811
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    cli_env("packs", "add", str(eight_questions(tmp_path / "eight.yaml")))
    s = spawn("play", "--pack", "eight", "--count", "2", dimensions=size)
    asked_in(s, 2, "ann")  # both skipped: both due at once
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0
    s = spawn(dimensions=size)
    s.expect("Review (2 due)")
    s.send("3")
    s.expect("review (questions")
    asked_in(s, 2, "", right=True)
    s.expect("Play again?")
    s.send("y")
    s.expect("Nothing due")
    s.expect("7) Quit")
    s.send("q")
    assert s.finish() == 0


# --------------------------------------------------------------------------- 4. one key answers


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("qtype", "key"), [("choice", "c"), ("choice", "3"), ("truefalse", "t")])
def test_one_key_answers(
    spawn: Callable[..., Session],  # noqa: F811
    size: tuple[int, int],
    qtype: str,
    key: str,
) -> None:
    from .test_interactive import play_args

    s = spawn(*play_args(4, qtype), "--player", "ann", dimensions=size)
    s.expect("Your answer")
    s.send(key)  # and nothing else: no Enter, no confirmation
    s.child.expect(["Correct!", "Wrong"])
    s.expect("Press Enter for the results")
    s.send("\r")
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0


# --------------------------------------------------------------------------- 5. 40 columns

#: Ids, names and categories that must never be broken across lines.
WHOLE = [
    "hit-and-run",
    "interactive-player",
    "season-2",
    "characters",
    "production",
    "creators",
    "release",
    "(repeatable)",
    "$HITRUN_QUIZ_DB",
    "postgresql://...",
    "hit-and-run/10/untimed/interactive",
    "2026-12-04",
    "multiple choice",
]
PLAYER = "interactive-player"
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def broken(text: str, word: str) -> bool:
    """Does ``word`` appear cut across a line break (with any indent or border between)?"""
    for i in range(1, len(word)):
        pattern = re.escape(word[:i]) + r"[ │]*\n[ │]*" + re.escape(word[i:])
        if re.search(pattern, text):
            return True
    return False


def pty_output(env: dict[str, str], size: tuple[int, int], *args: str) -> str:  # noqa: F811
    """Everything a command writes to a terminal of ``size`` (rows, columns), plain."""
    from .test_interactive import PROGRAM, ROOT

    _rows, columns = size
    child = pexpect.spawn(
        str(PROGRAM),
        list(args),
        env={**env, "COLUMNS": str(columns), "LINES": str(_rows)},
        dimensions=size,
        encoding="utf-8",
        timeout=20,
        cwd=str(ROOT),
    )
    out = child.read()
    child.close()
    assert child.exitstatus == 0, out
    return ESCAPE.sub("", out)


def some_rounds(env: dict[str, str]) -> None:  # noqa: F811
    """Two fresh rounds and a daily round of the built-in pack, by PLAYER."""
    import subprocess

    from .test_interactive import PROGRAM, ROOT

    answers = "A\nB\n\n1\ntrue\nA\nB\nC\nx\n5\n"
    for args in (["play"], ["play"], ["daily"]):
        done = subprocess.run(
            [str(PROGRAM), *args, "--player", PLAYER],
            input=answers,
            env={**env, "HITRUN_QUIZ_TODAY": "2026-12-04"},
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr


SCREENS_40 = [
    ("stats", "--player", PLAYER),
    ("history", "--player", PLAYER),
    ("scores", "--daily", "--date", "2026-12-04"),
    ("scores", "--board", "all"),
    ("scores",),
]


@pytest.mark.parametrize("size", SIZES)
def test_tables_fit_and_break_no_word(env: dict[str, str], size: tuple[int, int]) -> None:  # noqa: F811
    some_rounds(env)
    _rows, columns = size
    for args in SCREENS_40:
        text = pty_output({**env, "HITRUN_QUIZ_TODAY": "2026-12-04"}, size, *args)
        assert PLAYER in text or args == ("scores",), (args, text)
        for line in text.splitlines():
            assert len(line) <= columns, (args, line)
        for word in WHOLE:
            assert not broken(text, word), (args, word, text)
        assert "…" not in text, (args, text)  # nothing cut short either


HELPS = [
    (),
    ("play",),
    ("daily",),
    ("review",),
    ("stats",),
    ("history",),
    ("scores",),
    ("scores", "reset"),
    ("scores", "forget"),
    ("packs",),
    ("packs", "list"),
    ("packs", "show"),
    ("packs", "validate"),
    ("packs", "add"),
    ("packs", "remove"),
    ("packs", "new"),
    ("packs", "import"),
    ("packs", "export"),
    ("packs", "schema"),
    ("packs", "lint"),
    ("packs", "check"),
    ("packs", "format"),
    ("league",),
    ("league", "init"),
    ("league", "grant"),
    ("league", "sync"),
    ("host",),
    ("join",),
]


# Every help page of one terminal size, rendered by one fresh process (COLUMNS
# and LINES are read at start-up, as on a terminal): a process per page cost
# ~90 starts. The pages are the same as on a pty of that size (checked when this
# was written, page by page); test_golden keeps the 40-column ones as files.
_HELP_DRIVER = """
import contextlib, io, json, sys
from hitrun_quiz import cli
pages = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.run([*args, "--help"])
    pages.append([code, out.getvalue()])
print(json.dumps(pages))
"""


@functools.cache
def help_pages(size: tuple[int, int]) -> dict[tuple[str, ...], str]:
    """``--help`` of every command in :data:`HELPS` at ``size`` (rows, columns)."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    rows, columns = size
    with tempfile.TemporaryDirectory() as data_dir:
        done = subprocess.run(
            [sys.executable, "-c", _HELP_DRIVER, json.dumps(HELPS)],
            env={
                **os.environ,
                "HITRUN_QUIZ_HOME": data_dir,
                "COLUMNS": str(columns),
                "LINES": str(rows),
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    pages = json.loads(done.stdout)
    for command, (code, _text) in zip(HELPS, pages, strict=True):
        assert code == 0, (command, pages)
    return {
        command: ESCAPE.sub("", text) for command, (_code, text) in zip(HELPS, pages, strict=True)
    }


@pytest.mark.parametrize("size", SIZES)
def test_every_help_fits_and_breaks_no_word(size: tuple[int, int]) -> None:
    _rows, columns = size
    pages = help_pages(size)
    assert set(pages) == set(HELPS)
    for command in HELPS:
        text = pages[command]
        for line in text.splitlines():
            assert len(line) <= columns, (command, line)
        for word in WHOLE:
            assert not broken(text, word), (command, word, text)
        assert not re.search(r"[a-z]-\n\s*[a-z]", text), (command, text)  # no hyphen breaks
        assert "..." not in text.replace("postgresql://...", "").replace("[ARGS]...", "").replace(
            "FILE...", ""
        ).replace("PACK...", ""), (command, text)  # no summary cut short


# --------------------------------------------------------------------------- 6. words and sums


def test_the_shown_points_add_up() -> None:
    """ "300 − 31 time = 269": every breakdown is whole points that sum to the total."""
    from hitrun_quiz.game.engine import points_for
    from hitrun_quiz.packs.loader import load_pack

    from .test_interactive import MINI

    questions = load_pack(MINI).questions
    for q in questions:
        for streak in range(7):
            for limit in (None, 7.0, 10.0, 30.0):
                for tenths in range(0, 301, 7):
                    p = points_for(q, streak, tenths / 10, limit)
                    shown = p.describe() or str(p.base)
                    total = eval(shown.replace("streak", "").replace("time", "").replace("−", "-"))
                    assert total == p.total, (shown, p)
                    assert "×" not in shown and "%" not in shown


@pytest.mark.parametrize("size", SIZES)
def test_a_round_on_a_terminal_says_things_as_a_player_reads_them(
    spawn: Callable[..., Session],  # noqa: F811
    size: tuple[int, int],
) -> None:
    from .test_interactive import MINI

    # A fresh timed round of the true/false question, answered wrong with one key.
    s = spawn(
        "play", "--pack", str(MINI), "--type", "truefalse", "--player", "ann",
        "--time-limit", "30", dimensions=size,
    )  # fmt: skip
    s.expect("Time limit")
    s.expect("Draw")
    s.expect("Question 1/1")
    s.expect("Your answer")
    s.send("f")
    s.expect("Wrong (0 points)")
    s.expect("Press Enter for the results")
    s.send("\r")
    s.expect("Missed (1)")
    s.expect("you said False")
    s.expect("Play again?")
    s.send("y")
    s.expect("Question 1/1")
    s.expect("Your answer")
    s.send("t")
    s.expect("Correct!")
    s.expect("Press Enter for the results")
    found = re.search(r"Points +(\d+)(?: − (\d+) time)? = (\d+)", s.plain)
    if found:  # a breakdown when the time took points off
        base, slower, total = (int(g or 0) for g in found.groups())
        assert base - slower == total
    else:  # an instant answer scores its whole base: nothing to explain
        assert "Correct! +100 points" in s.plain
    s.send("\r")
    s.expect("Play again?")
    s.send("n")
    assert s.finish() == 0
    welcome = s.plain.split("Question 1/1")[0]
    assert "Seed" not in welcome  # a fresh draw: no raw seed for the player to wonder about
    assert "you said false" not in s.plain


def test_stats_say_true_or_false_and_local_times(env: dict[str, str]) -> None:  # noqa: F811
    some_rounds(env)
    for size in ((24, 80), (24, 40)):
        text = pty_output(env, size, "stats", "--player", PLAYER)
        assert "true or false" in text
        assert "truefalse" not in text
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), text  # no raw UTC time
        history = pty_output(env, size, "history", "--player", PLAYER)
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", history), history


def test_metavars_are_consistent() -> None:
    helps = help_pages((24, 100))
    every = "\n".join(helps.values())
    assert "<int range>" not in every and "x>=1" not in every
    assert "--player NAME" not in every and not re.search(r"--player\s+NAME", every)
    for command in (("play",), ("daily",), ("review",), ("stats",), ("history",), ("scores",)):
        assert re.search(r"--player\s+PLAYER", helps[command]), command
    assert re.search(r"--limit\s+(?:-n\s+)?N\b", helps[("review",)])
    assert re.search(r"--sources\s+DIR", helps[("packs", "check")])
    assert re.search(r"--date\s+YYYY-MM-DD", helps[("scores",)])  # a day's board, visible
    assert "[COMMAND]" in helps[("scores",)] and "COMMAND [ARGS]" not in helps[("scores",)]


def test_one_question_is_not_questions(cli_env: Callable[..., str], tmp_path: Path) -> None:  # noqa: F811
    from .test_interactive import DATA

    one = tmp_path / "one.yaml"
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    one.write_text(text.split("  - id: episodes-number")[0], encoding="utf-8")
    out = cli_env("packs", "validate", str(one))
    assert "1 question)" in out and "1 questions" not in out


# --------------------------------------------------------------------------- 7. the setup


@pytest.mark.parametrize("size", SIZES)
def test_the_setup_refuses_more_questions_than_the_pack_has(
    spawn: Callable[..., Session],  # noqa: F811
    home: Path,  # noqa: F811
    size: tuple[int, int],
) -> None:
    import json

    from hitrun_quiz.packs.loader import find_pack

    total = len(find_pack("hit-and-run").questions)
    home.mkdir(parents=True, exist_ok=True)  # an impossible remembered count comes down
    setup = {"pack": "hit-and-run", "categories": [], "difficulty": "any", "count": 500}
    (home / "settings.json").write_text(json.dumps({"setup": setup}), encoding="utf-8")
    s = spawn(dimensions=size)
    s.expect("7) Quit")
    s.send("1")
    for step in ("Pack", "Categories", "Difficulty", "Mode"):
        s.expect(step)
        s.send("\r")
    s.expect(f"(Enter for {total};")  # a narrow screen wraps the hint at the space
    s.expect(f"at most {total})")
    s.send("500\r")
    s.expect(f"At most {total}")
    s.send("\x15" + "3\r")
    s.expect("Seconds for each question:")
    s.expect("(Enter for none)")
    s.send("20\r")
    s.expect("Question 1/3")
    s.expect("Your answer")
    s.send("\x03")  # back to the menu
    s.expect("7) Quit")
    s.send("1")
    for step in ("Pack", "Categories", "Difficulty", "Mode"):
        s.expect(step)
        s.send("\r")
    s.expect("(Enter for 3;")
    s.expect(f"at most {total})")
    s.send("\r")
    s.expect("(Enter for 20;")
    s.expect("none for no limit)")  # how to go back to no time limit
    s.send("none\r")
    s.expect("Time limit  none")
    s.expect("Your answer")
    s.send("\x03")
    s.expect("7) Quit")
    s.send("q")
    assert s.finish() == 0
    saved = json.loads((home / "settings.json").read_text(encoding="utf-8"))["setup"]
    assert saved["count"] == 3 and saved["time_limit"] is None
