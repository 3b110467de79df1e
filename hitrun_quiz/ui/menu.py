"""The menu of ``hitrun-quiz`` with no command, and confirmations.

It calls the same application functions as the commands, never the commands.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.panel import Panel
from rich.text import Text

from hitrun_quiz.app.history import Rounds
from hitrun_quiz.app.rounds import setup_round
from hitrun_quiz.app.session import Recorder, default_player, remember_setup, remembered_setup
from hitrun_quiz.errors import PackError, PackNotFound, QuizError
from hitrun_quiz.game.modes import BLITZ, CLASSIC, DESCRIPTIONS, MODES
from hitrun_quiz.packs.listing import summaries
from hitrun_quiz.packs.loader import DEFAULT_PACK, load_all
from hitrun_quiz.store.boards import DEFAULT_BOARD, board_key
from hitrun_quiz.ui.prompts import Option, QuestionaryPrompter, colour_wanted
from hitrun_quiz.ui.screens import NARROW
from hitrun_quiz.ui.tables import print_packs
from hitrun_quiz.ui.terminal import (
    ABANDONED,
    APP_TITLE,
    make_console,
    play_interactive,
    render_scores,
)

if TYPE_CHECKING:
    from hitrun_quiz.app.rounds import RoundSetup

# --------------------------------------------------------------------------- menu and confirm


MENU = [
    Option("1) Play", "play", ("1", "p")),
    Option("T) Play together on this terminal", "together", ("t",)),
    Option("2) Packs", "packs", ("2",)),
    Option("3) Scores", "scores", ("3", "s")),
    Option("4) Quit", "quit", ("4", "q")),
]


def main_menu() -> int:
    """The menu of ``hitrun-quiz`` with no command: Play, Packs, Scores, Quit.

    Returns the exit code: 0 for Quit, 130 for Ctrl-C or Ctrl-D at the menu.
    Ctrl-C during a round (or its setup) comes back to the menu.
    """

    console = make_console()
    prompter = QuestionaryPrompter(colour=colour_wanted(console))
    console.print(
        Panel(
            Text("A terminal trivia game about the Netflix thriller Hit & Run (2021)."),
            title=Text(APP_TITLE, style="bold"),
            title_align="left",
            border_style="cyan",
        )
    )
    while True:
        try:
            choice = prompter.choose(
                "What would you like to do?",
                MENU,
                instruction="(arrows, 1-4)" if console.width >= NARROW else "(1-4)",
            )
        except (KeyboardInterrupt, EOFError):
            return ABANDONED
        try:
            if choice == "play":
                setup = ask_setup(prompter)
                if setup is not None:
                    recorder = Recorder()
                    recorder.check()
                    rounds = Rounds(setup, recorder, default_player())  # fresh draws
                    play_interactive(rounds(None), rounds, recorder, player=None, console=console)
            elif choice == "together":
                from hitrun_quiz.ui.hotseat import play_together

                setup = ask_setup(prompter)
                if setup is not None:
                    play_together(setup, prompter, console)
            elif choice == "packs":
                print_packs(summaries(on_error=_warn))
            elif choice == "scores":
                board = setup_board() or DEFAULT_BOARD
                console.print(
                    render_scores(Recorder().top(10, board=board), board=board, width=console.width)
                )
            else:
                return 0
        except PackError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        except QuizError as exc:
            print(f"hitrun-quiz: {exc}", file=sys.stderr)
        sys.stderr.flush()
        console.print()


def setup_board() -> str | None:
    """The board of the menu's remembered setup, if there is one."""

    saved = remembered_setup()
    pack, count = saved.get("pack"), saved.get("count")
    if not isinstance(pack, str) or not isinstance(count, int):
        return None
    mode = saved.get("mode")
    game = mode if isinstance(mode, str) else "classic"
    timed = saved.get("time_limit") is not None
    return board_key([pack], count, timed, "interactive", game=game)


def ask_setup(prompter: QuestionaryPrompter) -> RoundSetup | None:
    """Play's short setup: pack, categories, difficulty, mode, count and time limit.

    The answers are remembered as the next defaults.  None when the player
    backs out (Ctrl-C or Ctrl-D).
    """

    saved = remembered_setup()
    packs = load_all(on_error=_warn)
    if not packs:
        raise PackNotFound("no packs to play (see: hitrun-quiz packs list)")
    try:
        pack_id = prompter.choose(
            "Pack",
            [Option(f"{p.title} ({p.id})", p.id) for p in packs],
            instruction="(arrows, Enter)",
            default=str(saved.get("pack", DEFAULT_PACK)),
        )
        pack = next((p for p in packs if p.id == pack_id), packs[0])
        remembered = saved.get("categories") if saved.get("pack") == pack.id else []
        categories = prompter.pick_many(
            "Categories",
            [Option(c, c) for c in pack.categories],
            checked=[c for c in remembered if isinstance(c, str)]
            if isinstance(remembered, list)
            else [],
        )
        difficulty = prompter.choose(
            "Difficulty",
            [Option(d.capitalize(), d) for d in ("any", "easy", "medium", "hard")],
            instruction="(arrows, Enter)",
            default=str(saved.get("difficulty", "any")),
        )
        mode = prompter.choose(
            "Mode",
            [Option(f"{m.capitalize()}: {DESCRIPTIONS[m]}", m) for m in MODES],
            instruction="(arrows, Enter)",
            default=str(saved.get("mode", CLASSIC)),
        )
        mode = mode if mode in MODES else CLASSIC
        old_count = saved.get("count")
        count: float | None = old_count if isinstance(old_count, int) else 10
        if mode == CLASSIC:  # the other modes set their own length
            count = _ask_number(prompter, "Number of questions", saved.get("count"), 10, whole=True)
        limit = None
        if mode != BLITZ:  # a blitz round has one clock for the whole round
            limit = _ask_number(
                prompter, "Seconds for each question", saved.get("time_limit"), None
            )
    except (KeyboardInterrupt, EOFError):
        return None
    remember_setup(
        {
            "pack": pack.id,
            "categories": categories,
            "difficulty": difficulty,
            "count": count,
            "time_limit": limit,
            "mode": mode,
        }
    )
    return setup_round(
        [pack.path] if pack.origin == "file" else [pack.id],
        count=int(count or 10) if mode == CLASSIC else 10,
        categories=categories,
        difficulties=[] if difficulty in (None, "any") else [str(difficulty)],
        time_limit=limit,
        mode=mode,
    )


def _ask_number(
    prompter: QuestionaryPrompter,
    message: str,
    saved: object,
    fallback: float | None,
    *,
    whole: bool = False,
) -> float | None:
    """A number typed at a prompt; Enter keeps the default shown in the hint."""
    default = saved if isinstance(saved, (int, float)) and saved > 0 else fallback
    shown = "none" if default is None else f"{default:g}"
    if whole and default is not None:
        default = int(default)

    def valid(text: str) -> bool | str:
        text = text.strip()
        if not text or (not whole and text.casefold() == "none"):
            return True
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            return "A whole number, please" if whole else "A number of seconds, or none"
        return True if value >= 1 else "At least 1"

    typed = prompter.text(f"{message}:", instruction=f"(Enter for {shown})", validate=valid)
    typed = (typed or "").strip()
    if not typed:
        return default
    if typed.casefold() == "none":
        return None
    return int(typed) if whole else float(typed)


def _warn(exc: PackError) -> None:
    for problem in exc.problems:
        print(f"hitrun-quiz: skipping a broken pack: {problem}", file=sys.stderr)
