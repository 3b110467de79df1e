"""The interactive frontend in-process: screens rendered to text, replies, prompts, whole rounds.

Screens are compared whole, as a player reads them, on a recording console of a
fixed width (80 columns, and 40 for the narrow layout).  Prompts are driven
through prompt_toolkit's pipe input, so the real questionary prompts run
without a terminal.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console, RenderableType

from hitrun_quiz.app.session import Recorder, remembered_player
from hitrun_quiz.game.draw import Asked, Filters
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import (
    SKIP,
    TIMEOUT,
    AnswerJudged,
    Event,
    QuestionAsked,
    Reply,
    RoundFinished,
    RoundStarted,
)
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.packs.model import Pack
from hitrun_quiz.store.records import ScoreRow
from hitrun_quiz.store.scores import ScoreStore
from hitrun_quiz.ui import terminal
from hitrun_quiz.ui.prompts import Option, QuestionaryPrompter, ask_confirm, colour_wanted
from hitrun_quiz.ui.terminal import (
    NOT_A_NUMBER,
    TerminalFrontend,
    play_interactive,
    render_question,
    render_result,
    render_scores,
    render_summary,
    render_welcome,
)

DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"
MARKUP = DATA / "term_markup.yaml"

# Seed 1 over the mini pack asks: premiere-tf, lead-choice, episodes-number, lead-text.
ANSWERS = {"premiere-tf": "true", "lead-choice": "Gal Toren", "episodes-number": "9"}


def recording_console(width: int = 80) -> Console:
    return Console(
        record=True, width=width, force_terminal=False, color_system=None, file=io.StringIO()
    )


def screen(renderable: RenderableType, width: int = 80) -> str:
    console = recording_console(width)
    console.print(renderable)
    return console.export_text()


class Recording:
    """A frontend that records events and answers from a dict (missing = skip)."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.events: list[Event] = []

    def show(self, event: Event) -> None:
        self.events.append(event)

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        text = self.answers.get(asked.question.id)
        return SKIP if text is None else Reply.answer(text, seconds=1.0)


def played(
    pack: Pack | None = None, answers: dict[str, str] | None = None, **create: Any
) -> tuple[list[Event], RoundFinished]:
    rnd = Round.create([pack or load_pack(MINI)], **{"count": 4, "seed": 1, **create})
    frontend = Recording(ANSWERS if answers is None else answers)
    summary = rnd.play(frontend)
    return frontend.events, summary


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return played()[0]


@pytest.fixture(scope="module")
def summary() -> RoundFinished:
    return played()[1]


# --------------------------------------------------------------------------- screens


def test_the_round_is_the_one_the_screens_expect(events: list[Event]) -> None:
    asked = [e.asked.question.id for e in events if isinstance(e, QuestionAsked)]
    assert asked == ["premiere-tf", "lead-choice", "episodes-number", "lead-text"]


def test_welcome_screen(events: list[Event]) -> None:
    assert isinstance(events[0], RoundStarted)
    assert screen(render_welcome(events[0])) == (
        "╭─ Mini pack ──────────────────────────────────────────────────────────────────╮\n"
        "│ Pack        Mini pack                                                        │\n"
        "│ Questions   4                                                                │\n"
        "│ Time limit  none                                                             │\n"
        "│ Seed        1 (replay with --seed 1)                                         │\n"
        "│                                                                              │\n"
        "│ A letter, number, T or F answers at once (or arrows, then Enter).            │\n"
        "│ S skips a choice; an empty answer skips a typed one.                         │\n"
        "│ Enter after each answer goes on; Ctrl-C abandons the round.                  │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_welcome_screen_shows_filters_time_limit_and_a_short_round() -> None:
    rnd = Round.create(
        [load_pack(MINI)], count=10, seed=7, filters=Filters(categories=("cast",)), time_limit=20
    )
    assert screen(render_welcome(rnd.started())) == (
        "╭─ Mini pack ──────────────────────────────────────────────────────────────────╮\n"
        "│ Pack        Mini pack                                                        │\n"
        "│ Questions   2 (10 asked for; only 2 match the filters)                       │\n"
        "│ Filters     category cast                                                    │\n"
        "│ Time limit  20 s a question                                                  │\n"
        "│ Seed        7 (replay with --seed 7)                                         │\n"
        "│                                                                              │\n"
        "│ A letter, number, T or F answers at once (or arrows, then Enter).            │\n"
        "│ S skips a choice; an empty answer skips a typed one.                         │\n"
        "│ Enter after each answer goes on; Ctrl-C abandons the round.                  │\n"
        "│ The clock starts as each question shows.                                     │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_question_screen(events: list[Event]) -> None:
    assert screen(render_question(events[3])) == (  # type: ignore[arg-type]
        "╭─ Question 2/4 ───────────────────────────────────────────────────────────────╮\n"
        "│ cast · easy · multiple choice                                                │\n"
        "│                                                                              │\n"
        "│ Who plays Segev?                                                             │\n"
        "╰─────────────────────────────────────────────────────── Score 100 · Streak 1 ─╯\n"
    )


def test_number_question_screen_at_40_columns(events: list[Event]) -> None:
    assert screen(render_question(events[5]), width=40) == (  # type: ignore[arg-type]
        "╭─ Question 3/4 ───────────────────────╮\n"
        "│ release · medium · number            │\n"
        "│                                      │\n"
        "│ How many episodes are in season 1?   │\n"
        "│                                      │\n"
        "│ Type a number and press Enter; an    │\n"
        "│ empty answer skips.                  │\n"
        "│ Lifelines: ?hint, ?skip (type one)   │\n"
        "╰─────────────── Score 100 · Streak 0 ─╯\n"
    )


def test_result_screen_for_a_wrong_answer(events: list[Event]) -> None:
    assert screen(render_result(events[4])) == (  # type: ignore[arg-type]
        "╭─ Wrong (0 points) ───────────────────────────────────────────────────────────╮\n"
        "│ Your answer  Gal Toren                                                       │\n"
        "│ Answer       Lior Raz                                                        │\n"
        "│                                                                              │\n"
        "│ Lior Raz leads the cast.                                                     │\n"
        "│                                                                              │\n"
        "│ “The cast is led by Lior Raz, who essays the character of Segev Azulai.”     │\n"
        "│ — Test Publisher, 2021-08-10                                                 │\n"
        "╰─────────────────────────────────────────────────────── Score 100 · Streak 0 ─╯\n"
    )


def test_result_screen_for_a_right_answer(events: list[Event]) -> None:
    assert screen(render_result(events[2])) == (  # type: ignore[arg-type]
        "╭─ Correct! +100 points ───────────────────────────────────────────────────────╮\n"
        "│ Your answer  True                                                            │\n"
        "│ Answer       True                                                            │\n"
        "│                                                                              │\n"
        "│ “season 1 premiered on August 6, 2021, on Netflix.”                          │\n"
        "│ — Test Publisher, 2021-08-10                                                 │\n"
        "╰─────────────────────────────────────────────────────── Score 100 · Streak 1 ─╯\n"
    )


def test_result_screen_at_40_columns(events: list[Event]) -> None:
    assert screen(render_result(events[4]), width=40) == (  # type: ignore[arg-type]
        "╭─ Wrong (0 points) ───────────────────╮\n"
        "│ Your answer  Gal Toren               │\n"
        "│ Answer       Lior Raz                │\n"
        "│                                      │\n"
        "│ Lior Raz leads the cast.             │\n"
        "│                                      │\n"
        "│ “The cast is led by Lior Raz, who    │\n"
        "│ essays the character of Segev        │\n"
        "│ Azulai.”                             │\n"
        "│ — Test Publisher, 2021-08-10         │\n"
        "╰─────────────── Score 100 · Streak 0 ─╯\n"
    )


def test_result_screen_for_a_skip(events: list[Event]) -> None:
    assert screen(render_result(events[8])) == (  # type: ignore[arg-type]
        "╭─ Skipped (0 points) ─────────────────────────────────────────────────────────╮\n"
        "│ Answer  Lior Raz                                                             │\n"
        "│                                                                              │\n"
        "│ “The cast is led by Lior Raz, who essays the character of Segev Azulai.”     │\n"
        "│ — Test Publisher, 2021-08-10                                                 │\n"
        "╰─────────────────────────────────────────────────────── Score 300 · Streak 0 ─╯\n"
    )


def test_result_screen_for_a_timeout() -> None:
    rnd = Round.create([load_pack(MINI)], count=4, seed=1, time_limit=5)
    text = screen(render_result(rnd.judge(rnd.asked[0], TIMEOUT)))
    assert text.startswith("╭─ Out of time (0 points) ─")
    assert "Your answer" not in text
    assert "│ Answer  True" in text


def test_summary_screen(summary: RoundFinished) -> None:
    assert screen(render_summary(summary)) == (
        "╭─ Round over ─────────────────────────────────────────────────────────────────╮\n"
        "│ Score        300                                                             │\n"
        "│ Correct      2 of 4 (3 answered)                                             │\n"
        "│ Best streak  1                                                               │\n"
        "│ Seed         1 (replay with --seed 1)                                        │\n"
        "│ By category  release 2/2 · cast 0/2                                          │\n"
        "│                                                                              │\n"
        "│ Missed (2)                                                                   │\n"
        "│ 2. Who plays Segev?                                                          │\n"
        "│    Answer: Lior Raz · you said Gal Toren                                     │\n"
        "│    — Test Publisher, 2021-08-10                                              │\n"
        "│ 4. Which actor plays Segev?                                                  │\n"
        "│    Answer: Lior Raz · skipped                                                │\n"
        "│    — Test Publisher, 2021-08-10                                              │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯\n"
    )


def test_summary_screen_at_40_columns_with_a_rank(summary: RoundFinished) -> None:
    from dataclasses import replace

    summary = replace(
        summary,
        rank=2,
        board="mini/4/untimed/interactive",
        board_title="mini · 4 questions · untimed · interactive",
        personal_best=True,
    )
    assert screen(render_summary(summary), width=40) == (
        "╭─ Round over ─────────────────────────╮\n"
        "│ Score        300                     │\n"
        "│ Correct      2 of 4 (3 answered)     │\n"
        "│ Best streak  1                       │\n"
        "│ Rank         #2 · new personal best! │\n"
        "│ Board        mini · 4 questions ·    │\n"
        "│              untimed · interactive   │\n"
        "│ Seed         1 (replay with --seed   │\n"
        "│              1)                      │\n"
        "│ By category  release 2/2 · cast 0/2  │\n"
        "│                                      │\n"
        "│ Missed (2)                           │\n"
        "│ 2. Who plays Segev?                  │\n"
        "│    Answer: Lior Raz · you said Gal   │\n"
        "│    Toren                             │\n"
        "│    — Test Publisher, 2021-08-10      │\n"
        "│ 4. Which actor plays Segev?          │\n"
        "│    Answer: Lior Raz · skipped        │\n"
        "│    — Test Publisher, 2021-08-10      │\n"
        "╰──────────────────────────────────────╯\n"
    )


def test_summary_of_an_unfinished_round_says_so(summary: RoundFinished) -> None:
    from dataclasses import replace

    assert "Recorded as unfinished" in screen(render_summary(replace(summary, finished=False)))
    assert "unfinished" not in screen(render_summary(summary))


def score_row(round_id: int, player: str, rank: int, score: int) -> ScoreRow:
    return ScoreRow(
        rank=rank,
        round_id=round_id,
        player=player,
        score=score,
        correct=3,
        answered=4,
        total=4,
        packs=["mini"],
        mode="interactive",
        finished_at=1_700_000_000.0,
        seed=1,
    )


def test_scores_table_highlights_the_new_round() -> None:
    rows = [score_row(7, "ann", 1, 900), score_row(9, "bob", 2, 500)]
    console = recording_console()
    segments = list(console.render(render_scores(rows, round_id=9)))
    reversed_text = "".join(s.text for s in segments if s.style and s.style.reverse)
    assert "bob" in reversed_text and "500" in reversed_text
    assert "ann" not in reversed_text
    segments = list(console.render(render_scores(rows, round_id=None)))
    assert not any(s.style and s.style.reverse for s in segments)


# --------------------------------------------------------------------------- untrusted text

LITERALS = [
    "[bold red]x[/]",
    ":smile: plain",
    "[blink]cat",
    "[blink]Daily[/blink]",
    "Which is [link=http://example.com]y[/link]?",
    "Because [bold]markup[/bold] is text.",
    "Quoted [link=http://example.com]y[/link] text.",
]


def markup_screens() -> list[RenderableType]:
    pack = load_pack(MARKUP)
    events, summary = played(pack, {"markup-choice": ":smile: plain"}, count=1)
    screens: list[RenderableType] = []
    for event in events:
        if isinstance(event, RoundStarted):
            screens.append(render_welcome(event))
        elif isinstance(event, QuestionAsked):
            screens.append(render_question(event))
        elif isinstance(event, AnswerJudged):
            screens.append(render_result(event))
    screens.append(render_summary(summary))
    screens.append(render_scores([score_row(1, "[blink]z", 1, 100)], round_id=1))
    return screens


def test_markup_in_pack_text_and_player_names_is_shown_literally() -> None:
    console = recording_console(width=100)
    for renderable in markup_screens():
        console.print(renderable)
    plain = console.export_text(clear=False)
    styled = console.export_text(styles=True)
    for literal in [*LITERALS, "[blink]z"]:
        assert literal in plain, literal
    assert "\x1b]8;" not in styled  # no hyperlink
    assert "\x1b[5m" not in styled and ";5m" not in styled  # no blink


def test_markup_in_pack_text_makes_no_link_or_blink_style() -> None:
    console = recording_console(width=100)
    for renderable in markup_screens():
        for segment in console.render(renderable):
            style = segment.style
            assert style is None or (not style.link and not style.blink), segment


def test_prompt_options_carry_pack_text_as_plain_strings() -> None:
    pack = load_pack(MARKUP)
    rnd = Round.create([pack], count=1, seed=1)
    prompter = FakePrompter([lambda *a, **k: "[bold red]x[/]"])
    frontend = TerminalFrontend(recording_console(), prompter)
    reply = frontend.ask(rnd.asked[0], None)
    assert reply == Reply.answer("[bold red]x[/]")
    (_, args, _) = prompter.calls[0]
    titles = [o.title for o in args[1]]
    assert all(isinstance(t, str) for t in titles)
    assert titles == [f"{'ABCD'[i]}) {c}" for i, c in enumerate(rnd.asked[0].choices)]
    assert rnd.judge(rnd.asked[0], reply).correct


# --------------------------------------------------------------------------- the frontend


@dataclass
class FakePrompter:
    """Answers prompts from a script of callables; records every call."""

    script: list[Callable[..., Any]]
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    def _next(self, kind: str, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((kind, args, kwargs))
        step = self.script.pop(0)
        return step(*args, **kwargs)

    def choose(self, message: str, options: Sequence[Option], **kwargs: Any) -> str | None:
        return self._next("choose", message, options, **kwargs)

    def text(self, message: str, **kwargs: Any) -> str | None:
        return self._next("text", message, **kwargs)

    def confirm(self, message: str, *, default: bool = False) -> bool:
        return self._next("confirm", message, default=default)

    def pause(self, message: str) -> None:
        """Enter after each answer: recorded, never scripted."""
        self.calls.append(("pause", (message,), {}))


def answer(value: Any) -> Callable[..., Any]:
    return lambda *args, **kwargs: value


def interrupt(exc: type[BaseException] = KeyboardInterrupt) -> Callable[..., Any]:
    def raise_(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return raise_


def mini_round(seed: int = 1, **create: Any) -> Round:
    return Round.create([load_pack(MINI)], **{"count": 4, "seed": seed, **create})


def test_choice_prompt_offers_letters_and_numbers_in_the_order_shown() -> None:
    rnd = mini_round()
    asked = rnd.asked[1]
    assert asked.question.type == "choice"
    prompter = FakePrompter([answer(asked.choices[2])])
    reply = TerminalFrontend(recording_console(), prompter).ask(asked, None)
    assert reply == Reply.answer(asked.choices[2])
    kind, (_message, options), kwargs = prompter.calls[0]
    assert kind == "choose"
    assert [o.value for o in options] == list(asked.choices)
    assert [o.keys for o in options] == [("A", "1"), ("B", "2"), ("C", "3"), ("D", "4")]
    assert kwargs["deadline"] is None
    assert "A-D" in kwargs["instruction"]


def test_truefalse_prompt_is_a_two_option_select() -> None:
    asked = mini_round().asked[0]
    assert asked.question.type == "truefalse"
    prompter = FakePrompter([answer("false")])
    reply = TerminalFrontend(recording_console(), prompter).ask(asked, None)
    assert reply == Reply.answer("false")
    options = prompter.calls[0][1][1]
    assert [(o.title, o.value) for o in options] == [("True", "true"), ("False", "false")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Lior Raz", Reply.answer("Lior Raz")), ("", SKIP), ("   ", SKIP), (None, TIMEOUT)],
)
def test_text_prompt_replies(typed: str | None, expected: Reply) -> None:
    asked = mini_round().asked[3]
    assert asked.question.type == "text"
    prompter = FakePrompter([answer(typed)])
    assert TerminalFrontend(recording_console(), prompter).ask(asked, None) == expected
    assert prompter.calls[0][2]["validate"] is None


def test_a_select_that_runs_out_of_time_is_a_timeout() -> None:
    asked = mini_round().asked[1]
    prompter = FakePrompter([answer(None)])
    now = [100.0]
    frontend = TerminalFrontend(recording_console(), prompter, clock=lambda: now[0])
    assert frontend.ask(asked, 12.0) == TIMEOUT
    assert prompter.calls[0][2]["deadline"] == 112.0


def test_number_prompt_validates_with_parse_number() -> None:
    asked = mini_round().asked[2]
    assert asked.question.type == "number"
    prompter = FakePrompter([answer("nine")])
    assert TerminalFrontend(recording_console(), prompter).ask(asked, None) == Reply.answer("nine")
    validate = prompter.calls[0][2]["validate"]
    assert validate("lots") == NOT_A_NUMBER
    assert validate("nine nine") == NOT_A_NUMBER
    assert validate("6th") is True  # an ordinal
    assert validate("40 minutes") is True  # a number and a unit word
    assert validate("9") is True
    assert validate("twenty-one") is True
    assert validate("") is True  # an empty answer is a skip, not an error


def test_show_prints_each_screen(events: list[Event], summary: RoundFinished) -> None:
    console = recording_console()
    frontend = TerminalFrontend(console, FakePrompter([]))
    for event in [*events, summary]:
        frontend.show(event)
    text = console.export_text()
    for expected in ("Mini pack", "Question 4/4", "Wrong (0 points)", "Round over"):
        assert expected in text


# --------------------------------------------------------------------------- whole rounds


def round_script(name: Callable[..., Any] | None) -> list[Callable[..., Any]]:
    """Answers for the four mini questions (seed 1), then the name, then "Play again?" no."""
    script = [answer("true"), answer("Lior Raz"), answer("9"), answer("")]
    if name is not None:
        script.append(name)
    script.append(answer(False))
    return script


def rounds_in(db: Path) -> int:
    with ScoreStore(db) as store:
        return store.count()


def test_play_interactive_records_the_round_with_the_name_given(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "scores.db")
    console = recording_console()
    prompter = FakePrompter(round_script(answer("[blink]z")))
    code = play_interactive(
        mini_round(), mini_round, recorder, player=None, console=console, prompter=prompter
    )
    assert code == 0
    rows = recorder.top(10)
    assert [(r.player, r.mode, r.correct, r.total) for r in rows] == [
        ("[blink]z", "interactive", 3, 4)
    ]
    assert remembered_player() == "[blink]z"
    kind, (message,), kwargs = prompter.calls[8]
    assert (kind, message) == ("text", "Your name for the high scores:")
    assert not kwargs.get("default")  # nothing to type over: typing replaces
    assert kwargs["instruction"].startswith("(Enter for ")  # the remembered or login name
    text = console.export_text()
    assert "Round over" in text
    assert "Your round is #1 on its board." in text
    assert "High scores: board mini · 4 questions" in text
    assert "[blink]z" in text and "High scores" in text
    assert prompter.calls[-1][:2] == ("confirm", ("Play again?",))


def test_play_interactive_with_a_player_asks_no_name(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "scores.db")
    prompter = FakePrompter(round_script(None))
    code = play_interactive(
        mini_round(),
        mini_round,
        recorder,
        player="Ziva",
        console=recording_console(),
        prompter=prompter,
    )
    assert code == 0
    assert [r.player for r in recorder.top(10)] == ["Ziva"]
    kinds = ["choose", "pause", "choose", "pause", "text", "pause", "text", "pause", "confirm"]
    assert [c[0] for c in prompter.calls] == kinds
    assert prompter.calls[1][1] == ("Press Enter for the next question",)
    assert prompter.calls[7][1] == ("Press Enter for the results",)


def test_play_again_starts_a_fresh_round(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "scores.db")
    seeds: list[int | None] = []

    def new_round(seed: int | None) -> Round:
        seeds.append(seed)
        return mini_round(seed=1)

    script = round_script(None)
    script[-1] = answer(True)  # play again
    script += round_script(None)
    code = play_interactive(
        mini_round(),
        new_round,
        recorder,
        player="Ziva",
        console=recording_console(),
        prompter=FakePrompter(script),
    )
    assert code == 0
    assert seeds == [None]
    assert len(recorder.top(10)) == 2


@pytest.mark.parametrize("exc", [KeyboardInterrupt, EOFError])
def test_ctrl_c_or_ctrl_d_mid_round_abandons_it(tmp_path: Path, exc: type[Exception]) -> None:
    db = tmp_path / "scores.db"
    console = recording_console()
    prompter = FakePrompter([answer("true"), interrupt(exc)])
    code = play_interactive(
        mini_round(), mini_round, Recorder(db), player="Ziva", console=console, prompter=prompter
    )
    assert code == 130
    assert "Round abandoned" in console.export_text()
    assert not db.exists() or rounds_in(db) == 0


def test_ctrl_c_at_the_name_prompt_keeps_the_round_under_the_default_name(
    tmp_path: Path,
) -> None:
    from hitrun_quiz.app.session import default_player

    db = tmp_path / "scores.db"
    console = recording_console()
    prompter = FakePrompter(round_script(interrupt()))
    code = play_interactive(
        mini_round(), mini_round, Recorder(db), player=None, console=console, prompter=prompter
    )
    assert code == 130
    text = console.export_text()
    assert "Round abandoned" not in text
    assert f"Round recorded as {default_player()}." in text
    assert [r.player for r in Recorder(db).top(None)] == [default_player()]
    assert remembered_player() is None  # no name was given


def test_ctrl_c_at_play_again_means_no(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "scores.db")
    script = round_script(None)
    script[-1] = interrupt()
    code = play_interactive(
        mini_round(),
        mini_round,
        recorder,
        player="Ziva",
        console=recording_console(),
        prompter=FakePrompter(script),
    )
    assert code == 0
    assert len(recorder.top(10)) == 1


def test_a_save_warning_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    class Unwritable(Recorder):
        def save(self, rnd: Round, summary: RoundFinished, **kwargs: Any) -> Any:
            return summary, None, "score not saved: disk full"

    console = recording_console()
    code = play_interactive(
        mini_round(),
        mini_round,
        Unwritable(tmp_path / "scores.db"),
        player="Ziva",
        console=console,
        prompter=FakePrompter(round_script(None)),
    )
    assert code == 0
    assert capsys.readouterr().err == "hitrun-quiz: score not saved: disk full\n"
    assert "Not ranked." in console.export_text()


# --------------------------------------------------------------------------- real prompts


@pytest.fixture
def keys() -> Iterator[Callable[[str], None]]:
    """Type keys into every prompt_toolkit prompt started inside the test."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    fired: list[bool] = []

    def give_up() -> None:  # end a prompt still waiting, rather than hang the suite
        fired.append(True)
        pipe.close()

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        watchdog = threading.Timer(5.0, give_up)
        watchdog.start()
        try:
            yield pipe.send_text
        finally:
            watchdog.cancel()
    if fired:
        pytest.fail("a prompt was still waiting for keys after 5 s")


OPTIONS = [
    Option("A) Gal Toren", "Gal Toren", ("A", "1")),
    Option("B) Igal Naor", "Igal Naor", ("B", "2")),
    Option("C) Lior Raz", "Lior Raz", ("C", "3")),
    Option("D) Kevin Mambo", "Kevin Mambo", ("D", "4")),
]
DOWN, UP = "\x1b[B", "\x1b[A"


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("\r", "Gal Toren"),
        (DOWN + DOWN + "\r", "Lior Raz"),
        (DOWN + DOWN + DOWN + UP + "\r", "Lior Raz"),
        ("c", "Lior Raz"),  # one key answers: no Enter
        ("C", "Lior Raz"),
        ("4", "Kevin Mambo"),
        (DOWN + "d", "Kevin Mambo"),  # a key wins over where the pointer is
        ("x\r", "Gal Toren"),  # other keys do nothing
    ],
)
def test_select_prompt_keys(keys: Callable[[str], None], typed: str, chosen: str) -> None:
    keys(typed)
    assert QuestionaryPrompter().choose("Your answer", OPTIONS) == chosen


@pytest.mark.parametrize(("key", "exc"), [("\x03", KeyboardInterrupt), ("\x04", EOFError)])
def test_select_prompt_ctrl_c_and_ctrl_d(
    keys: Callable[[str], None], key: str, exc: type[Exception]
) -> None:
    keys(DOWN + key)
    with pytest.raises(exc):
        QuestionaryPrompter().choose("Your answer", OPTIONS)


@pytest.mark.parametrize(("key", "exc"), [("\x03", KeyboardInterrupt), ("\x04", EOFError)])
def test_text_prompt_ctrl_c_and_ctrl_d(
    keys: Callable[[str], None], key: str, exc: type[Exception]
) -> None:
    keys("Lior" + key)
    with pytest.raises(exc):
        QuestionaryPrompter().text("Your answer:")


def test_number_prompt_refuses_a_non_number_and_asks_again(keys: Callable[[str], None]) -> None:
    keys("lots\r" + "\x15" + "9\r")
    seen: list[str] = []

    def validate(text: str) -> bool | str:
        seen.append(text)
        return terminal._number_validator(text)

    assert QuestionaryPrompter().text("Your answer:", validate=validate) == "9"
    assert seen[0] == "lots" and seen[-1] == "9"


def test_an_empty_text_answer_comes_back_empty(keys: Callable[[str], None]) -> None:
    keys("\r")
    assert QuestionaryPrompter().text("Your answer:", validate=terminal._number_validator) == ""


def test_a_prompt_closes_at_its_deadline(keys: Callable[[str], None]) -> None:
    prompter = QuestionaryPrompter()
    start = time.monotonic()
    assert prompter.choose("Your answer", OPTIONS, deadline=start + 0.3) is None
    assert prompter.text("Your answer:", deadline=time.monotonic() + 0.3) is None
    assert 0.55 <= time.monotonic() - start < 5


def test_an_answer_before_the_deadline_is_returned(keys: Callable[[str], None]) -> None:
    keys("b\r")
    deadline = time.monotonic() + 30
    assert QuestionaryPrompter().choose("Your answer", OPTIONS, deadline=deadline) == "Igal Naor"


@pytest.mark.parametrize(
    ("typed", "expected"), [("y", True), ("n", False), ("\r", False), ("\x03", False)]
)
def test_ask_confirm(keys: Callable[[str], None], typed: str, expected: bool) -> None:
    keys(typed)
    assert ask_confirm("Delete every recorded round?") is expected


def test_colour_follows_no_color_and_term(monkeypatch: pytest.MonkeyPatch) -> None:
    from prompt_toolkit.output import ColorDepth

    monkeypatch.setenv("TERM", "xterm-256color")
    assert colour_wanted()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not colour_wanted()
    assert QuestionaryPrompter(colour=False)._kwargs()["color_depth"] == ColorDepth.DEPTH_1_BIT
    assert "color_depth" not in QuestionaryPrompter(colour=True)._kwargs()


# --------------------------------------------------------------------------- the prompt adapter


def test_the_prompt_libraries_still_have_what_the_adapter_relies_on() -> None:
    """An upgrade of questionary or prompt_toolkit that breaks ui/promptkit.py fails here."""
    from hitrun_quiz.ui import promptkit

    problems = promptkit.check()
    assert not problems, (
        "questionary/prompt_toolkit changed under hitrun_quiz/ui/promptkit.py "
        f"(supported: {promptkit.SUPPORTED}):\n" + "\n".join(problems)
    )


def test_the_adapter_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above is not vacuous: a select prompt without InquirerControl is reported."""
    import questionary.prompts.common as common

    from hitrun_quiz.ui import promptkit

    monkeypatch.delattr(common, "InquirerControl")
    problems = promptkit.check()
    assert any("InquirerControl" in p and "supports" in p for p in problems), problems


def test_the_pinned_versions_are_the_installed_ones() -> None:
    """pyproject's upper bounds for the libraries whose rendering or internals we rely on."""
    import importlib.metadata as md
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    for name in ("rich", "questionary", "prompt_toolkit"):
        found = re.search(rf'"{name}>=([\d.]+),<([\d.]+)"', text)
        assert found, f"{name} has no upper bound in pyproject.toml"
        low, high = (tuple(int(x) for x in v.split(".")) for v in found.groups())
        installed = tuple(int(x) for x in md.version(name).split(".")[:3])
        assert low <= installed < high, f"{name} {md.version(name)} outside >={low},<{high}"
