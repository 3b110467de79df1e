"""The menu of ``hitrun-quiz`` with no command, and confirmations.

It calls the same application functions as the commands, never the commands.
"""

from __future__ import annotations

import sys

from rich.panel import Panel
from rich.text import Text

from hitrun_quiz.errors import PackError
from hitrun_quiz.ui.prompts import Option, QuestionaryPrompter, colour_wanted
from hitrun_quiz.ui.terminal import ABANDONED, APP_TITLE, make_console, render_scores

# --------------------------------------------------------------------------- menu and confirm


MENU = [
    Option("1) Play", "play", ("1", "p")),
    Option("2) Packs", "packs", ("2",)),
    Option("3) Scores", "scores", ("3", "s")),
    Option("4) Quit", "quit", ("4", "q")),
]


def main_menu() -> int:
    """The menu of ``hitrun-quiz`` with no command: Play, Packs, Scores, Quit.

    Returns the exit code: 0 for Quit, 130 for Ctrl-C or Ctrl-D at the menu.
    """
    from hitrun_quiz.app.rounds import setup_round
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.errors import QuizError
    from hitrun_quiz.packs.listing import summaries
    from hitrun_quiz.ui.tables import print_packs
    from hitrun_quiz.ui.terminal import play_interactive

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
                "What would you like to do?", MENU, instruction="(arrows, 1-4)"
            )
        except (KeyboardInterrupt, EOFError):
            return ABANDONED
        try:
            if choice == "play":
                setup = setup_round()
                recorder = Recorder()
                recorder.check()
                code = play_interactive(setup.new_round(), setup.new_round, recorder, player=None)
                if code:
                    return code
            elif choice == "packs":
                print_packs(summaries(on_error=_warn))
            elif choice == "scores":
                console.print(render_scores(Recorder().top(10)))
            else:
                return 0
        except PackError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        except QuizError as exc:
            print(f"hitrun-quiz: {exc}", file=sys.stderr)
        sys.stderr.flush()
        console.print()


def _warn(exc: PackError) -> None:
    for problem in exc.problems:
        print(f"hitrun-quiz: skipping a broken pack: {problem}", file=sys.stderr)


def ask_confirm(question: str) -> bool:
    """A yes/no confirmation, default No; Ctrl-C or Ctrl-D means no."""
    try:
        return QuestionaryPrompter(colour=colour_wanted()).confirm(question, default=False)
    except (KeyboardInterrupt, EOFError):
        return False
