"""The menu of ``hitrun-quiz`` with no command (``ask_confirm`` lives in ui.prompts).

It calls the same application functions as the commands, never the commands.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from hitrun_quiz.app.rounds import setup_round
from hitrun_quiz.app.session import Recorder, default_player, remember_setup, remembered_setup
from hitrun_quiz.errors import PackError, PackNotFound, QuizError
from hitrun_quiz.game.modes import BLITZ, CLASSIC, DESCRIPTIONS, MODES
from hitrun_quiz.packs.loader import DEFAULT_PACK, load_all
from hitrun_quiz.store.boards import board_key
from hitrun_quiz.ui.prompts import Option, QuestionaryPrompter, colour_wanted
from hitrun_quiz.ui.prompts import ask_confirm as ask_confirm  # re-exported
from hitrun_quiz.ui.screens import NARROW
from hitrun_quiz.ui.terminal import (
    ABANDONED,
    APP_TITLE,
    make_console,
    render_scores,
)

if TYPE_CHECKING:
    from hitrun_quiz.app.rounds import RoundSetup
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.game.engine import Round

# --------------------------------------------------------------------------- menu and confirm


#: The menu's entries in order: (value, title, key). An entry without a key is
#: numbered by its place among those; one with a key (a room's) shows that letter.
ENTRIES: list[tuple[str, str, str | None]] = [
    ("play", "Play", None),
    ("together", "Play together on this terminal", "T"),
    ("daily", "Daily", None),
    ("review", "Review", None),
    ("stats", "Stats", None),
    ("packs", "Packs", None),
    ("scores", "Scores", None),
    ("quit", "Quit", None),
]


def menu_options(due: int | None = None) -> list[Option]:
    """The menu, numbered from 1; Review says how many questions are due."""
    options = []
    number = 0
    for value, title, key in ENTRIES:
        if value == "review" and due is not None:
            title = f"Review ({due} due)"
        if key is not None:
            options.append(Option(f"{key}) {title}", value, (key.lower(),)))
            continue
        number += 1
        keys = (str(number), "q") if value == "quit" else (str(number),)
        options.append(Option(f"{number}) {title}", value, keys))
    return options


MENU = menu_options()
#: The keys the menu's hint names: its numbers, then its letters ("1-7, T").
MENU_KEYS = ", ".join(
    [f"1-{sum(key is None for _, _, key in ENTRIES)}"] + [k for _, _, k in ENTRIES if k]
)


def main_menu() -> int:
    """The menu of ``hitrun-quiz`` with no command: the map of the game.

    Play, Daily, Review (N due), Stats, Packs, Scores, Quit: each opens the
    screen of its command, through the same application functions.  Returns
    the exit code: 0 for Quit, 130 for Ctrl-C or Ctrl-D at the menu.  Ctrl-C
    during a round (or its setup) comes back to the menu.
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
        options = menu_options(_due())
        try:
            choice = prompter.choose(
                "What would you like to do?",
                options,
                instruction=f"(arrows, {MENU_KEYS})"
                if console.width >= NARROW
                else f"({MENU_KEYS})",
            )
        except (KeyboardInterrupt, EOFError):
            return ABANDONED
        if choice == "quit":
            return 0
        try:
            open_screen(str(choice), prompter, console)
        except PackError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        except QuizError as exc:
            print(f"hitrun-quiz: {exc}", file=sys.stderr)
        sys.stderr.flush()
        console.print()


def _due() -> int | None:
    """How many questions are due for review (None when that cannot be told)."""
    from hitrun_quiz.app.review import review_round
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.errors import QuizError
    from hitrun_quiz.game.engine import Round

    try:
        found = review_round(Recorder(), default_player(), limit=100_000)
    except (QuizError, OSError):
        return None
    return len(found.asked) if isinstance(found, Round) else 0


def open_screen(choice: str, prompter: QuestionaryPrompter, console: Console) -> None:
    """The screen of one menu entry (a round, a table, the stats)."""
    from hitrun_quiz.app.session import Recorder

    if choice == "play":
        from hitrun_quiz.app.history import Rounds
        from hitrun_quiz.ui.terminal import play_interactive

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
    elif choice == "daily":
        import os

        from hitrun_quiz.app import daily as daily_app
        from hitrun_quiz.ui.terminal import play_daily_interactive

        recorder = Recorder()
        recorder.check()
        now = daily_app.today(os.environ)
        plan = daily_app.plan_daily(None, player=default_player(), now=now, recorder=recorder)
        play_daily_interactive(plan, recorder)
    elif choice == "review":
        from hitrun_quiz.ui.terminal import play_interactive

        recorder = Recorder()
        recorder.check()
        reviews = ReviewRounds(recorder, default_player())
        first = reviews(None)
        if isinstance(first, str):
            console.print(Text(first))
        else:
            play_interactive(first, reviews, recorder, player=None, console=console)
    elif choice == "stats":
        from hitrun_quiz.app.stats import compute
        from hitrun_quiz.ui.charts import print_stats

        sys.stdout.flush()
        print_stats(compute(Recorder(), default_player(), None))
    elif choice == "packs":
        from hitrun_quiz.packs.listing import summaries
        from hitrun_quiz.ui.tables import print_packs

        print_packs(summaries(on_error=_warn))
    elif choice == "scores":
        from hitrun_quiz.store.boards import DEFAULT_BOARD

        board = setup_board() or DEFAULT_BOARD
        console.print(
            render_scores(Recorder().top(10, board=board), board=board, width=console.width)
        )


@dataclass
class ReviewRounds:
    """Makes review rounds of one player's due questions (again for "Play again")."""

    recorder: Recorder
    player: str

    def __call__(self, seed: int | None = None) -> Round | str:
        """A round of the due questions, or a message saying when the next one is due."""
        from hitrun_quiz.app.review import NothingDue, review_round

        found = review_round(self.recorder, self.player, seed=seed)
        return found.message() if isinstance(found, NothingDue) else found


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
        from hitrun_quiz.ui.invocation import program

        raise PackNotFound(f"no packs to play (see: {program()} packs list)")
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
        wanted = [] if difficulty in (None, "any") else [str(difficulty)]
        pool = sum(
            1
            for q in pack.questions
            if (not categories or q.category in categories)
            and (not wanted or q.difficulty in wanted)
        )
        old_count = saved.get("count")
        count: float | None = min(old_count, max(pool, 1)) if isinstance(old_count, int) else 10
        if mode == CLASSIC:  # the other modes set their own length
            count = _ask_number(
                prompter, "Number of questions", saved.get("count"), 10, whole=True, most=pool
            )
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
    most: int | None = None,
) -> float | None:
    """A number typed at a prompt; Enter keeps the default shown in the hint.

    ``most``: the largest number allowed (the questions the pack and filters
    hold); a remembered default above it comes down to it.  Without ``whole``
    the answer may be "none" (no time limit), and the hint says so.
    """
    default = saved if isinstance(saved, (int, float)) and saved > 0 else fallback
    if most is not None and default is not None:
        default = min(default, max(most, 1))
    shown = "none" if default is None else f"{default:g}"
    if whole and default is not None:
        default = int(default)
    hint = f"Enter for {shown}"
    if most is not None:
        hint += f"; at most {most}"
    if not whole and default is not None:
        hint += "; none for no limit"

    def valid(text: str) -> bool | str:
        text = text.strip()
        if not text or (not whole and text.casefold() == "none"):
            return True
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            return "A whole number, please" if whole else "A number of seconds, or none"
        if value < 1:
            return "At least 1"
        if most is not None and value > most:
            return f"At most {most}: only {most} question{'s' * (most != 1)} match"
        if not whole and value > 3600:
            return "At most 3600 seconds (an hour)"
        return True

    typed = prompter.text(f"{message}:", instruction=f"({hint})", validate=valid)
    typed = (typed or "").strip()
    if not typed:
        return default
    if typed.casefold() == "none":
        return None
    return int(typed) if whole else float(typed)


def _warn(exc: PackError) -> None:
    for problem in exc.problems:
        print(f"hitrun-quiz: skipping a broken pack: {problem}", file=sys.stderr)
