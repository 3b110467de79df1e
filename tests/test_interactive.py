"""The real installed program in a pseudo-terminal, driven with pexpect.

Each test spawns ``hitrun-quiz`` in an 80x30 pty with its own data dir and a
fixed ``--seed``; the order of questions and choices comes from building the
same Round in-process.  Expectations are on text (never on timing): the helper
:func:`expect_text` lets terminal escape sequences fall between the characters.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from hitrun_quiz.game.draw import Asked, Filters  # noqa: E402
from hitrun_quiz.game.engine import Round  # noqa: E402
from hitrun_quiz.packs.loader import load_pack  # noqa: E402
from hitrun_quiz.store.scores import ScoreStore  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith(("linux", "darwin")), reason="needs a POSIX pseudo-terminal"
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini.yaml"
MARKUP = DATA / "term_markup.yaml"
PROGRAM = Path(sys.executable).parent / "hitrun-quiz"

# Terminal control sequences that may fall between the characters of a text.
ESCAPES = r"(?:\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r|\n)*"
DOWN, UP, CTRL_C, CTRL_D, CTRL_U = "\x1b[B", "\x1b[A", "\x03", "\x04", "\x15"


def text_pattern(text: str) -> re.Pattern[str]:
    return re.compile(ESCAPES.join(re.escape(ch) for ch in text))


def expect_text(child: pexpect.spawn, text: str) -> None:
    child.expect(text_pattern(text))


class Session:
    """One spawned program and everything it wrote."""

    def __init__(self, child: pexpect.spawn, log: io.StringIO) -> None:
        self.child = child
        self.log = log

    def expect(self, text: str) -> None:
        expect_text(self.child, text)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        assert self.child.exitstatus is not None, f"killed by signal {self.child.signalstatus}"
        return self.child.exitstatus

    @property
    def output(self) -> str:
        return self.log.getvalue()

    @property
    def plain(self) -> str:
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "", self.output)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home.parent),
        "HITRUN_QUIZ_HOME": str(home),
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": "30",
        "LANG": "C.UTF-8",
        # pexpect does not answer cursor position requests; a real terminal does.
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }


@pytest.fixture
def cli_env(env: dict[str, str]) -> Callable[..., str]:
    """Run the program over pipes with the test's environment; return its stdout."""

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(PROGRAM), *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.fixture
def spawn(env: dict[str, str]) -> Iterator[Callable[..., Session]]:
    children: list[pexpect.spawn] = []

    def start(*args: str, dimensions: tuple[int, int] = (30, 80), **extra_env: str) -> Session:
        log = io.StringIO()
        rows, columns = dimensions
        child = pexpect.spawn(
            str(PROGRAM),
            list(args),
            env={**env, "COLUMNS": str(columns), "LINES": str(rows), **extra_env},
            dimensions=dimensions,
            encoding="utf-8",
            timeout=10,
            cwd=str(ROOT),
        )
        child.logfile_read = log
        children.append(child)
        return Session(child, log)

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def the_round(seed: int, *types: str, count: int = 10) -> list[Asked]:
    """The questions `play --pack mini --seed SEED --type ...` asks, in order."""
    rnd = Round.create([load_pack(MINI)], count=count, seed=seed, filters=Filters(types=types))
    return rnd.asked


def play_args(seed: int, *types: str, pack: Path = MINI) -> list[str]:
    args = ["play", "--pack", str(pack), "--seed", str(seed)]
    for t in types:
        args += ["--type", t]
    return args


def scores_json(env: dict[str, str]) -> list[dict[str, object]]:
    done = subprocess.run(
        [str(PROGRAM), "scores", "--json", "--board", "all"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def rounds_recorded(home: Path) -> int:
    db = home / "scores.db"
    if not db.exists():
        return 0
    with ScoreStore(db) as store:
        return store.count()


def terminal_restored(output: str) -> bool:
    """The cursor is shown again and bracketed paste is off after the last prompt."""
    return output.rfind("\x1b[?25h") > output.rfind("\x1b[?25l") and output.rfind(
        "\x1b[?2004l"
    ) > output.rfind("\x1b[?2004h")


def go_on(s: Session, last: bool = False) -> None:
    """Enter at the pause after an answer's feedback."""
    s.expect("Press Enter for the results" if last else "Press Enter for the next question")
    s.send("\r")


def no_more_rounds(s: Session) -> int:
    s.expect("Play again?")
    s.send("n")
    return s.finish()


# --------------------------------------------------------------------------- answering


def test_choose_an_answer_with_arrow_keys_and_enter(spawn: Callable[..., Session]) -> None:
    (asked,) = the_round(3, "choice")
    s = spawn(*play_args(3, "choice"), "--player", "tester")
    s.expect("Question 1/1")
    s.expect(f"D) {asked.choices[3]}")
    index = asked.choices.index("Lior Raz")
    s.send(DOWN * (index + 1) + UP + "\r")
    s.expect("Correct!")
    s.expect("Your answer  Lior Raz")
    go_on(s, last=True)
    s.expect("Round over")
    assert no_more_rounds(s) == 0


def test_choose_an_answer_with_a_letter_key(spawn: Callable[..., Session]) -> None:
    (asked,) = the_round(4, "choice")
    letter = "abcd"[asked.choices.index("Lior Raz")]
    s = spawn(*play_args(4, "choice"), "--player", "tester")
    s.expect(f"D) {asked.choices[3]}")
    s.send(letter)  # one key answers: no Enter
    s.expect("Correct!")
    s.expect("Your answer  Lior Raz")
    go_on(s, last=True)
    assert no_more_rounds(s) == 0


def test_a_wrong_letter_is_a_wrong_answer(spawn: Callable[..., Session]) -> None:
    (asked,) = the_round(4, "choice")
    wrong = next(i for i, c in enumerate(asked.choices) if c != "Lior Raz")
    s = spawn(*play_args(4, "choice"), "--player", "tester")
    s.expect(f"D) {asked.choices[3]}")
    s.send(str(wrong + 1))
    s.expect("Wrong (0 points)")
    s.expect(f"Your answer  {asked.choices[wrong]}")
    s.expect("Answer       Lior Raz")
    go_on(s, last=True)
    assert no_more_rounds(s) == 0


def test_type_a_text_answer(spawn: Callable[..., Session]) -> None:
    s = spawn(*play_args(1, "text"), "--player", "tester")
    s.expect("Which actor plays Segev?")
    s.expect("Your answer:")
    s.send("lior raz\r")
    s.expect("Correct!")
    s.expect("Your answer  lior raz")
    go_on(s, last=True)
    assert no_more_rounds(s) == 0


def test_an_empty_text_answer_skips(spawn: Callable[..., Session]) -> None:
    s = spawn(*play_args(1, "text"), "--player", "tester")
    s.expect("Your answer:")
    s.send("\r")
    s.expect("Skipped (0 points)")
    go_on(s, last=True)
    s.expect("0 of 1 (0 answered)")
    assert no_more_rounds(s) == 0


def test_a_number_question_refuses_a_non_number_then_takes_a_number(
    spawn: Callable[..., Session],
) -> None:
    s = spawn(*play_args(1, "number"), "--player", "tester")
    s.expect("How many episodes are in season 1?")
    s.expect("Your answer:")
    s.send("lots\r")
    s.expect("Not a number")
    s.send(CTRL_U + "9\r")
    s.expect("Correct!")
    s.expect("Your answer  9")
    go_on(s, last=True)
    s.expect("1 of 1 (1 answered)")
    assert no_more_rounds(s) == 0
    assert "Wrong" not in s.plain and "Skipped" not in s.plain


def test_a_time_limit_runs_out_and_the_round_goes_on(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    s = spawn(*play_args(1, "choice", "truefalse"), "--time-limit", "1", "--player", "timer")
    s.expect("Time limit  1 s a question")
    s.expect("Question 1/2")
    s.expect("Time left: ")
    s.expect("Out of time (0 points)")
    go_on(s)
    s.expect("Question 2/2")
    s.expect("Out of time (0 points)")
    go_on(s, last=True)
    s.expect("0 of 2 (0 answered)")
    assert no_more_rounds(s) == 0
    (row,) = scores_json(env)
    assert (row["player"], row["answered"], row["correct"], row["score"]) == ("timer", 0, 0, 0)


# --------------------------------------------------------------------------- a whole round


def test_a_whole_round_then_the_name_prompt_then_the_scores(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    asked = the_round(1)
    assert [a.question.id for a in asked] == [
        "premiere-tf",
        "lead-choice",
        "episodes-number",
        "lead-text",
    ]
    s = spawn(*play_args(1))
    s.expect("Question 1/4")
    s.expect("False")
    s.send(DOWN + UP + "\r")  # True
    s.expect("Correct!")
    go_on(s)
    s.expect(f"D) {asked[1].choices[3]}")
    s.send("ABCD"[asked[1].choices.index("Lior Raz")] + "\r")
    s.expect("Score 210 · Streak 2")
    go_on(s)
    s.expect("Your answer:")
    s.send("nine\r")
    s.expect("Points       200 + 40 streak = 240")  # the breakdown, in whole points
    go_on(s)
    s.expect("Question 4/4")
    s.expect("Your answer:")
    s.send("Lior Raz\r")
    go_on(s, last=True)
    s.expect("Round over")
    s.expect("4 of 4 (4 answered)")
    s.expect("Your name for the high scores:")
    s.send("Ziva David\r")
    s.expect("Your round is #1 on its board")
    s.expect("Ziva David")
    assert no_more_rounds(s) == 0
    assert "Traceback" not in s.output
    (row,) = scores_json(env)
    assert row["player"] == "Ziva David"
    assert row["mode"] == "interactive"
    assert (row["correct"], row["answered"], row["total"], row["seed"]) == (4, 4, 4, 1)
    assert row["score"] == 100 + 110 + 240 + 390
    settings = json.loads((Path(env["HITRUN_QUIZ_HOME"]) / "settings.json").read_text())
    assert settings["player"] == "Ziva David"


def test_play_again_plays_a_fresh_round(spawn: Callable[..., Session], env: dict[str, str]) -> None:
    s = spawn(*play_args(1, "text"), "--player", "again")
    s.expect("Your answer:")
    s.send("Lior Raz\r")
    go_on(s, last=True)
    s.expect("Play again?")
    s.send("y")
    s.expect("Question 1/1")
    s.expect("Your answer:")
    s.send("\r")
    s.expect("Skipped")
    go_on(s, last=True)
    assert no_more_rounds(s) == 0
    assert len(scores_json(env)) == 2


# --------------------------------------------------------------------------- giving up


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_giving_up_mid_question_abandons_the_round(
    spawn: Callable[..., Session], env: dict[str, str], home: Path, key: str
) -> None:
    s = spawn(*play_args(1))
    s.expect("Question 1/4")
    s.expect("False")
    s.send("\r")
    go_on(s)
    s.expect("Question 2/4")
    s.expect("D) ")
    s.send(DOWN + key)
    s.expect("Round abandoned")
    assert s.finish() == 130
    assert "Traceback" not in s.output
    assert terminal_restored(s.output)
    assert rounds_recorded(home) == 0
    assert scores_json(env) == []


def test_ctrl_c_mid_text_answer_abandons_the_round(
    spawn: Callable[..., Session], home: Path
) -> None:
    s = spawn(*play_args(1, "text"))
    s.expect("Your answer:")
    s.send("Lior" + CTRL_C)
    s.expect("Round abandoned")
    assert s.finish() == 130
    assert "Traceback" not in s.output
    assert rounds_recorded(home) == 0


def test_ctrl_c_at_the_name_prompt_keeps_the_round(
    spawn: Callable[..., Session], env: dict[str, str], home: Path
) -> None:
    s = spawn(*play_args(1, "text"), LOGNAME="carol", USER="carol")
    s.expect("Your answer:")
    s.send("Lior Raz\r")
    go_on(s, last=True)
    s.expect("Your name for the high scores:")
    s.expect("(Enter for carol)")
    s.send("x" + CTRL_C)
    s.expect("Round recorded as carol.")
    assert s.finish() == 130
    assert "Traceback" not in s.output
    assert "Round abandoned" not in s.plain
    assert [r["player"] for r in scores_json(env)] == ["carol"]
    assert not (home / "settings.json").exists()


def test_typing_a_name_replaces_the_default(
    spawn: Callable[..., Session], env: dict[str, str], cli_env: Callable[..., str]
) -> None:
    s = spawn(*play_args(1, "text"), LOGNAME="root", USER="root")
    s.expect("Your answer:")
    s.send("Lior Raz\r")
    go_on(s, last=True)
    s.expect("(Enter for root)")
    s.send("Bob\r")
    assert no_more_rounds(s) == 0
    assert [r["player"] for r in scores_json(env)] == ["Bob"]
    assert "Bob" in cli_env("scores", "--board", "all")


def test_an_empty_name_keeps_the_default(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    s = spawn(*play_args(1, "text"), LOGNAME="dora", USER="dora")
    s.expect("Your answer:")
    s.send("\r")
    go_on(s, last=True)
    s.expect("(Enter for dora)")
    s.send("\r")
    assert no_more_rounds(s) == 0
    assert [r["player"] for r in scores_json(env)] == ["dora"]


# --------------------------------------------------------------------------- text and colour


def test_markup_in_a_pack_and_a_name_is_shown_literally(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    (asked,) = Round.create([load_pack(MARKUP)], seed=1).asked
    s = spawn(*play_args(1, pack=MARKUP))
    s.expect("[bold red]x[/]")  # the pack title
    s.expect("[blink]cat")
    s.expect("Which is [link=http://example.com]y[/link]?")
    for letter, option in zip("ABCD", asked.choices, strict=True):
        s.expect(f"{letter}) {option}")
    s.send("\r")
    s.expect("Quoted [link=http://example.com]y[/link] text.")
    go_on(s, last=True)
    s.expect("Your name for the high scores:")
    s.send("[blink]z\r")
    s.expect("Your round is #1 on its board")
    s.expect("[blink]z")
    assert no_more_rounds(s) == 0
    assert "\x1b]8;" not in s.output  # no hyperlink
    assert 5 not in attributes(s.output)  # no blink
    assert [r["player"] for r in scores_json(env)] == ["[blink]z"]


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def sgr_codes(output: str) -> Iterator[tuple[str, list[int]]]:
    """Each SGR sequence and its codes, the arguments of 38/48 (extended colours) left out."""
    for match in SGR.finditer(output):
        params = [int(p) for p in match.group(1).split(";") if p]
        codes, i = [], 0
        while i < len(params):
            codes.append(params[i])
            if params[i] in (38, 48):  # 38;5;N or 38;2;R;G;B
                i += 3 if params[i + 1 : i + 2] == [5] else 5
            else:
                i += 1
        yield match.group(0), codes


def attributes(output: str) -> set[int]:
    return {code for _, codes in sgr_codes(output) for code in codes}


def colour_codes(output: str) -> list[str]:
    """SGR sequences that set a colour (30-38, 40-48, 90-97, 100-107)."""
    return [
        seq
        for seq, codes in sgr_codes(output)
        if any(30 <= c <= 38 or 40 <= c <= 48 or 90 <= c <= 97 or 100 <= c <= 107 for c in codes)
    ]


@pytest.mark.parametrize(
    ("args", "extra_env", "coloured"),
    [
        ((), {}, True),
        ((), {"NO_COLOR": "1"}, False),
        (("--no-color",), {}, False),
        (("--no-color-root",), {}, False),
    ],
    ids=["colour", "NO_COLOR", "play --no-color", "--no-color play"],
)
def test_no_colour(
    spawn: Callable[..., Session], args: tuple[str, ...], extra_env: dict[str, str], coloured: bool
) -> None:
    argv = [*play_args(1, "choice", "text"), "--player", "mono"]
    if args == ("--no-color-root",):
        argv = ["--no-color", *argv]
    else:
        argv += list(args)
    s = spawn(*argv, **extra_env)
    s.expect("D) ")
    s.send("\r")
    go_on(s)
    s.expect("Your answer:")
    s.send("nobody\r")
    s.expect("Wrong")
    go_on(s, last=True)
    s.expect("▶ 1")  # the player's own row is marked, with or without colour
    assert no_more_rounds(s) == 0
    assert bool(colour_codes(s.output)) is coloured


# --------------------------------------------------------------------------- menu and confirm


def test_no_command_shows_the_menu_and_quit_exits_0(spawn: Callable[..., Session]) -> None:
    s = spawn()
    s.expect("What would you like to do?")
    s.expect("7) Quit")
    s.send("6")  # one key: Scores
    s.expect("No finished rounds yet on the board hit-and-run")
    s.expect("7) Quit")
    s.send("q")
    assert s.finish() == 0
    assert "Traceback" not in s.output


def test_the_menu_lists_the_packs(spawn: Callable[..., Session]) -> None:
    s = spawn()
    s.expect("7) Quit")
    s.send("5")
    s.child.expect([text_pattern("Question packs"), text_pattern("(none)")])
    s.expect("7) Quit")
    s.send("7")
    assert s.finish() == 0


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_giving_up_in_the_menu_exits_130(spawn: Callable[..., Session], key: str) -> None:
    s = spawn()
    s.expect("7) Quit")
    s.send(key)
    assert s.finish() == 130
    assert "Traceback" not in s.output
    assert terminal_restored(s.output)


def test_the_menu_sets_up_a_round_and_remembers_it(
    spawn: Callable[..., Session], env: dict[str, str], home: Path
) -> None:
    s = spawn()
    s.expect("7) Quit")
    s.send("1")
    s.expect("Pack")
    s.expect("Hit & Run (2021) (hit-and-run)")
    s.send("\r")
    s.expect("Categories")
    s.expect("none ticked means all")
    s.send(" \r")  # tick the first category
    s.expect("Difficulty")
    s.expect("Hard")
    s.send(DOWN + "\r")  # Easy
    s.expect("Mode")
    s.expect("Blitz: as many")
    s.send("\r")  # Classic
    s.expect("Number of questions:")
    s.expect("(Enter for ")
    s.send("2\r")
    s.expect("Seconds for each question:")
    s.expect("(Enter for none)")
    s.send("\r")
    s.expect("Questions   2")
    s.expect("Question 1/2")
    s.expect("Your answer")
    s.send(CTRL_C)  # Ctrl-C in a round: back to the menu
    s.expect("Round abandoned")
    s.expect("7) Quit")
    s.send("1")
    s.expect("Pack")
    s.send("\r")
    s.expect("Categories")
    s.send("\r")
    s.expect("Difficulty")
    s.send("\r")
    s.expect("Mode")
    s.send("\r")
    s.expect("(Enter for 2;")  # the last setup is the next default
    s.send(CTRL_C)  # Ctrl-C in the setup: back to the menu
    s.expect("7) Quit")
    s.send("q")
    assert s.finish() == 0
    assert "Traceback" not in s.output
    setup = json.loads((home / "settings.json").read_text())["setup"]
    assert setup["pack"] == "hit-and-run" and setup["difficulty"] == "easy"
    assert setup["count"] == 2 and setup["time_limit"] is None and setup["mode"] == "classic"
    assert len(setup["categories"]) == 1
    assert rounds_recorded(home) == 0


# --------------------------------------------------------------------------- skip, pause, narrow


def test_skip_a_choice_and_a_true_false_question(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    s = spawn(*play_args(1, "choice", "truefalse"), "--player", "skipper")
    s.expect("S skips")
    s.expect("Question 1/2")
    s.expect("S skips)")  # the prompt's help line
    s.send("s")
    s.expect("Skipped (0 points)")
    go_on(s)
    s.expect("Question 2/2")
    s.expect("(arrows, T, F; S skips)")
    s.send("S")
    s.expect("Skipped (0 points)")
    go_on(s, last=True)
    s.expect("0 of 2 (0 answered)")
    assert no_more_rounds(s) == 0
    (row,) = scores_json(env)
    assert (row["answered"], row["correct"]) == (0, 0)


def test_a_key_typed_during_the_feedback_does_not_answer_the_next_question(
    spawn: Callable[..., Session], env: dict[str, str]
) -> None:
    s = spawn(*play_args(1, "choice", "truefalse"), "--time-limit", "1", "--player", "racer")
    s.expect("The clock starts")
    s.expect("Question 1/2")
    s.expect("Out of time (0 points)")  # time ran out on the first question...
    s.send("2")  # ...and a key meant for it arrives during the feedback
    s.expect("Press Enter for the next question")
    s.send("1")
    s.send("\r")
    s.expect("Question 2/2")
    s.expect("Time left")
    s.expect("Out of time (0 points)")  # the second question was not answered by those keys
    go_on(s, last=True)
    s.expect("0 of 2 (0 answered)")
    assert no_more_rounds(s) == 0
    (row,) = scores_json(env)
    assert row["answered"] == 0


def test_screens_at_40_columns(spawn: Callable[..., Session], env: dict[str, str]) -> None:
    s = spawn(*play_args(1, "number"), "--player", "narrow", dimensions=(24, 40))
    s.expect("╭─ Question 1/1 " + "─" * 23 + "╮")  # the panel fits 40 columns
    s.expect("Type a number and press Enter")
    s.send("9 episodes\r")
    s.expect("Correct!")
    go_on(s, last=True)
    s.expect("Round over")
    s.expect("narrow")  # the player's name in the table, whole
    assert no_more_rounds(s) == 0
    assert "(9 or nine)" not in s.plain
    listing = spawn("packs", "list", dimensions=(24, 40))
    listing.expect("hit-and-run")  # an id never breaks
    assert listing.finish() == 0
    assert "Categories" not in listing.plain  # a narrow terminal drops columns


def test_confirmation_yes(spawn: Callable[..., Session]) -> None:
    s = spawn("scores", "reset")
    s.expect("Delete every recorded round (0 recorded rounds)?")
    s.expect("(y/N)")
    s.send("y")
    s.expect("Deleted 0 rounds.")
    assert s.finish() == 0


@pytest.mark.parametrize("key", ["\r", CTRL_C], ids=["enter", "ctrl-c"])
def test_confirmation_defaults_to_no(spawn: Callable[..., Session], key: str) -> None:
    s = spawn("scores", "reset")
    s.expect("(y/N)")
    s.send(key)
    s.expect("nothing deleted")
    assert s.finish() == 0  # declined: nothing changed, as asked
    assert "Traceback" not in s.output


# --------------------------------------------------------------------------- lazy imports

PROBE = """
import atexit, json, os, runpy, sys
def report():
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("questionary", "prompt_toolkit"))
    with open(os.environ["PROBE_OUT"], "w") as f:
        json.dump(heavy, f)
atexit.register(report)
if os.environ.get("PROBE_CONTROL"):
    import questionary
sys.argv = ["hitrun-quiz", *sys.argv[1:]]
runpy.run_module("hitrun_quiz", run_name="__main__")
"""


def loaded_prompt_modules(
    tmp_path: Path, args: list[str], stdin: str = "", **env: str
) -> list[str]:
    out = tmp_path / "probe.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PROBE_OUT": str(out), **env},
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["play", "--pack", str(MINI), "--seed", "1"],
        ["play", "--pack", str(MINI), "--seed", "1", "--json"],
        ["scores", "--json"],
    ],
    ids=["help", "version", "scripted", "scripted-json", "scores-json"],
)
def test_no_prompt_library_is_imported_without_a_prompt(
    tmp_path: Path, home: Path, args: list[str]
) -> None:
    modules = loaded_prompt_modules(
        tmp_path, args, "A\n9\ntrue\nLior Raz\n", HITRUN_QUIZ_HOME=str(home)
    )
    assert modules == []


def test_the_import_probe_sees_a_prompt_library(tmp_path: Path, home: Path) -> None:
    modules = loaded_prompt_modules(
        tmp_path, ["--version"], HITRUN_QUIZ_HOME=str(home), PROBE_CONTROL="1"
    )
    assert "questionary" in modules and "prompt_toolkit" in modules
