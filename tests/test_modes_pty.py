"""Modes and lifelines on a real pseudo-terminal (pexpect), with the installed program.

The questions each round asks come from building the same round in-process
(same packs, seed and mode); the keys sent are arrows and Enter for answers (so
the tests hold whether a letter only moves the pointer or answers at once), a
lifeline's key, or typed text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hitrun_quiz.game.draw import Asked, Filters
from hitrun_quiz.game.engine import Round
from hitrun_quiz.game.events import EOF, Event, Reply
from hitrun_quiz.game.modes import rules_for
from hitrun_quiz.packs.loader import load_pack

from .test_interactive import (  # noqa: F401  (fixtures)
    DOWN,
    MINI,
    ROOT,
    Session,
    env,
    go_on,
    home,
    no_more_rounds,
    pexpect,
    spawn,
    text_pattern,
)

BANK = ROOT / "questions" / "hit-and-run.yaml"


class _Right:
    """A frontend that answers every question right, to learn a round's order."""

    def __init__(self, stop: int) -> None:
        self.asked: list[Asked] = []
        self.stop = stop

    def show(self, event: Event) -> None:
        pass

    def ask(self, asked: Asked, time_limit: float | None) -> Reply:
        if len(self.asked) == self.stop:
            return EOF
        self.asked.append(asked)
        q = asked.question
        if q.type == "truefalse":
            return Reply.answer("true" if q.answer else "false")
        return Reply.answer(str(q.answer))


def questions(pack: Path, seed: int, mode: str, n: int, *types: str) -> list[Asked]:
    """The first ``n`` questions the round asks when every answer is right."""
    rnd = Round.create(
        [load_pack(pack)], seed=seed, rules=rules_for(mode), filters=Filters(types=types)
    )
    fe = _Right(n)
    rnd.play(fe)
    return fe.asked


def answer(s: Session, asked: Asked, right: bool, hidden: tuple[int, ...] = ()) -> None:
    """Answer with arrows and Enter (choice, true/false) or typed text."""
    q = asked.question
    if q.type == "choice":
        shown = [i for i in range(len(asked.choices)) if i not in hidden]
        target = next(i for i in shown if (asked.choices[i] == q.answer) == right)
        s.expect("Your answer")
        s.send(DOWN * shown.index(target) + "\r")
    elif q.type == "truefalse":
        s.expect("Your answer")
        first_is_right = q.answer is True
        s.send(("" if first_is_right == right else DOWN) + "\r")
    else:
        s.expect("Your answer:")
        wrong = "12345" if q.type == "number" else "zzz qqq"
        s.send((str(q.answer) if right else wrong) + "\r")


def press(s: Session, key: str, then: str, *, prompt: bool = True) -> None:
    """A one-key choice: the key, then Enter if the key only moved the pointer."""
    if prompt:
        s.expect("Your answer")
    s.send(key)
    try:
        s.child.expect(text_pattern(then), timeout=1.5)
        return
    except pexpect.TIMEOUT:
        s.send("\r")
    s.expect(then)


def test_fifty_fifty_then_refused_then_hint(spawn: Callable[..., Session]) -> None:  # noqa: F811
    choice, text = questions(MINI, 3, "classic", 2, "choice", "text")
    assert choice.question.type == "choice" and text.question.type == "text"
    s = spawn("play", "--pack", str(MINI), "--seed", "3", "--type", "choice", "--type", "text",
              "--player", "lifer")  # fmt: skip
    s.expect("X) lifeline 50:50")
    press(s, "x", "Lifeline 50:50 took away", prompt=False)
    # Asked again: two options left, the right one among them, and no 50:50 offered now.
    right_letter = "ABCD"[choice.choices.index(str(choice.question.answer))]
    s.expect(f"{right_letter}) {choice.question.answer}")
    s.expect("P) lifeline skip")
    s.send(right_letter.lower())  # a letter moves the pointer (or answers at once)
    try:
        s.child.expect(text_pattern("Correct!"), timeout=1.5)
    except pexpect.TIMEOUT:
        s.send("\r")
        s.expect("Correct!")
    go_on(s)
    s.expect("?hint")
    s.expect("Your answer:")  # keys typed before a prompt are thrown away
    s.send("?50\r")
    s.expect("Refused: 50:50 is used up")
    s.expect("Your answer:")
    s.send("?hint\r")
    s.expect("Hint: L___ R__")
    s.expect("Your answer:")
    s.send("Lior Raz\r")
    s.expect(" hint = ")  # whole points that add up: "300 − 150 hint = 150"
    go_on(s, last=True)
    assert no_more_rounds(s) == 0
    plain = s.plain
    assert "X) lifeline 50:50" in plain and plain.count("took away") == 1
    assert "Traceback" not in plain


def test_survival_lives_and_the_skip_lifeline(spawn: Callable[..., Session]) -> None:  # noqa: F811
    asked = questions(MINI, 5, "survival", 4)
    s = spawn("play", "--pack", str(MINI), "--seed", "5", "--mode", "survival",
              "--player", "surv")  # fmt: skip
    s.expect("Lives: 3 of 3")
    first = asked[0]
    if first.question.type in ("choice", "truefalse"):
        press(s, "p", "passed, streak kept")
    else:
        s.expect("Your answer:")
        s.send("?skip\r")
        s.expect("passed, streak kept")
    go_on(s)
    s.expect("Lives: 3 of 3")  # the skip lifeline costs no life
    for n, a in enumerate(asked[1:4], 1):
        answer(s, a, False)
        s.expect(f"Lives: {3 - n} of 3")
        go_on(s, last=n == 3)
    s.expect("knocked out")
    assert no_more_rounds(s) == 0


def test_ladder_walk_away_on_a_pty(spawn: Callable[..., Session]) -> None:  # noqa: F811
    asked = questions(BANK, 12, "ladder", 3)
    s = spawn("play", "--seed", "12", "--mode", "ladder", "--player", "climber")
    s.expect("Rung 1/15")
    answer(s, asked[0], True)
    s.expect("Correct!")
    go_on(s)
    s.expect("Rung 2/15")
    if asked[1].question.type in ("choice", "truefalse"):
        s.expect("W) walk away with 100")
        press(s, "w", "You walk away", prompt=False)
    else:
        s.expect("Your answer:")
        s.send("?walk\r")
        s.expect("You walk away")
    s.expect("prize 100 (walked away)")
    assert no_more_rounds(s) == 0


def test_ladder_falls_to_the_haven_on_a_pty(spawn: Callable[..., Session]) -> None:  # noqa: F811
    asked = questions(BANK, 12, "ladder", 6)
    s = spawn("play", "--seed", "12", "--mode", "ladder", "--player", "faller")
    for a in asked[:5]:
        answer(s, a, True)
        s.expect("Correct!")
        go_on(s)
    s.expect("Rung 6/15")
    answer(s, asked[5], False)
    s.expect("Wrong")
    go_on(s, last=True)
    s.expect("prize 1,000")
    assert no_more_rounds(s) == 0


def test_blitz_runs_on_without_a_pause_until_its_clock_ends(
    spawn: Callable[..., Session],  # noqa: F811
) -> None:
    first = questions(MINI, 1, "blitz", 1)[0]
    s = spawn("play", "--pack", str(MINI), "--seed", "1", "--mode", "blitz", "--seconds", "5",
              "--player", "fast")  # fmt: skip
    s.expect("Time left")
    answer(s, first, True)
    s.expect("Correct!")
    s.expect("Question 2/4")  # no "Press Enter" in between
    s.child.expect(text_pattern("Out of time"), timeout=10)
    s.expect("Blitz")
    assert no_more_rounds(s) == 0
    assert "Press Enter for the next question" not in s.plain


def test_results_are_recorded_with_the_mode(
    spawn: Callable[..., Session],  # noqa: F811
    home: Path,  # noqa: F811
) -> None:
    from hitrun_quiz.store.scores import ScoreStore

    asked = questions(MINI, 5, "survival", 4)
    s = spawn("play", "--pack", str(MINI), "--seed", "5", "--mode", "survival",
              "--player", "rec")  # fmt: skip
    for n, a in enumerate(asked[:3], 1):
        answer(s, a, False)
        go_on(s, last=n == 3)
    assert no_more_rounds(s) == 0
    with ScoreStore(home / "scores.db") as store:
        rows = store.top(10, board="mini/survival/untimed/interactive")
    assert [r.player for r in rows] == ["rec"]
