"""The Typer apps, shared options and helpers of the command line, and the root callback."""

import json
import shutil
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import DEFAULT_MARKUP_MODE, TyperCommand

from hitrun_quiz import __version__
from hitrun_quiz.errors import ExitStatus

if TYPE_CHECKING:
    pass

# Below 60 columns Rich's help boxes cut option names short ("--categ…"):
# plain help wraps instead.
COLUMNS = shutil.get_terminal_size((80, 24)).columns
MARKUP_MODE = DEFAULT_MARKUP_MODE if COLUMNS >= 60 else None
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
if COLUMNS < 60:
    CONTEXT["terminal_width"] = max(COLUMNS - 1, 20)  # click would not go below 50

app = typer.Typer(
    name="hitrun-quiz",
    rich_markup_mode=MARKUP_MODE,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT,
)
packs_app = typer.Typer(
    rich_markup_mode=MARKUP_MODE,
    help="List, inspect, validate, lint, check, add and remove question packs.\n\n"
    "Example: hitrun-quiz packs list",
    no_args_is_help=True,
)
scores_app = typer.Typer(
    rich_markup_mode=MARKUP_MODE,
    help="Show the high-score table (top 10), or reset it.\n\n"
    "Example: hitrun-quiz scores --limit 5",
    invoke_without_command=True,
)
app.add_typer(packs_app, name="packs")
app.add_typer(scores_app, name="scores")


class Command(TyperCommand):
    """A command whose usage line reads "packs show [OPTIONS] PACK", not "{pack}".

    Every argument or value option without a metavar gets its name in capitals
    (``--player PLAYER``), so help never shows ``<str>`` or ``{pack}``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
            if param.metavar is None and not flag and param.name:
                param.metavar = param.name.upper()

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            p[1:-1] if p.startswith("{") and p.endswith("}") else p
            for p in super().collect_usage_pieces(ctx)
        ]


#: ``--db URL``: the shared option of every command that touches scores. Add
#: ``db: DbOpt = None`` to a command and pass ``db`` down (``Recorder.at(db)``).
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="Scores on a league (postgresql://...) or in this SQLite file."
        " Default: $HITRUN_QUIZ_DB, else the data dir.",
    ),
]


class DifficultyOpt(str, Enum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


class TypeOpt(str, Enum):
    choice = "choice"
    truefalse = "truefalse"
    text = "text"
    number = "number"


# --------------------------------------------------------------------------- helpers


def fail(message: str, status: ExitStatus = ExitStatus.FAILURE) -> NoReturn:
    """One line on stderr, then exit."""
    from hitrun_quiz.safetext import safe

    print(f"hitrun-quiz: {safe(message)}", file=sys.stderr)
    raise typer.Exit(int(status))


def echo_json(data: Any) -> None:
    """JSON on stdout: UTF-8 whatever the locale, control characters escaped."""
    from hitrun_quiz.cli.runtime import json_stdout
    from hitrun_quiz.safetext import json_text

    json_stdout()
    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def interactive_terminal() -> bool:
    """Prompts only when both ends are a terminal: never start one on a pipe."""
    return is_tty(sys.stdin) and is_tty(sys.stdout)


def confirm(question: str, yes: bool) -> bool:
    """Ask for confirmation; without a terminal refuse unless --yes was given."""
    if yes:
        return True
    if not interactive_terminal():
        fail(f"{question} Refusing without a terminal; add --yes to confirm.", ExitStatus.USAGE)
    from hitrun_quiz.ui.menu import ask_confirm

    return ask_confirm(question)


def version_callback(value: bool) -> None:
    if value:
        print(f"hitrun-quiz {__version__}")
        raise typer.Exit()


# --------------------------------------------------------------------------- root


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours.")] = False,
) -> None:
    """A terminal trivia game about the Netflix thriller Hit & Run (2021).

    Run with no command on a terminal for a menu.

    Example: hitrun-quiz play --count 5
    """
    if no_color:
        import os

        os.environ["NO_COLOR"] = "1"
    if ctx.invoked_subcommand is not None:
        return
    if not interactive_terminal():
        print(ctx.get_help())
        raise typer.Exit()
    from hitrun_quiz.ui.menu import main_menu

    raise typer.Exit(main_menu())


# --------------------------------------------------------------------------- shared options


def check_time_limit(value: float | None) -> float | None:
    """--time-limit: finite, from 1 to 3600 (nan and inf pass click's own range check)."""
    import math

    if value is not None and not (math.isfinite(value) and 1 <= value <= 3600):
        raise typer.BadParameter("must be a number of seconds from 1 to 3600")
    return value


#: The options of every command that plays a round: scripted input, JSON Lines, colours.
AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Scripted: read answers from FILE, one a line ('-' for stdin).",
    ),
]
JsonLinesOpt = Annotated[
    bool, typer.Option("--json", help="Scripted: write JSON Lines events on stdout.")
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colours.")]
