"""What the command modules share: the command classes, shared options, helpers."""

import json
import shutil
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import DEFAULT_MARKUP_MODE, TyperCommand, TyperGroup

from hitrun_quiz.cli.runtime import json_stdout
from hitrun_quiz.errors import UsageError
from hitrun_quiz.safetext import json_text

# Below 60 columns Rich's help boxes cut option names short ("--categ…"):
# plain help wraps instead.
COLUMNS = shutil.get_terminal_size((80, 24)).columns
MARKUP_MODE = DEFAULT_MARKUP_MODE if COLUMNS >= 60 else None
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
if COLUMNS < 60:
    CONTEXT["terminal_width"] = max(COLUMNS - 1, 20)  # click would not go below 50


def new_app(**kwargs: Any) -> typer.Typer:
    """The ``app`` of a command module: one command, or one group of commands."""
    return typer.Typer(
        rich_markup_mode=MARKUP_MODE,
        add_completion=False,
        pretty_exceptions_enable=False,
        **kwargs,
    )


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

    def invoke(self, ctx: Any) -> Any:
        return invoke_naming_the_command(super().invoke, ctx)


class Group(TyperGroup):
    """A command group whose usage errors name it in their hint, like :class:`Command`."""

    def invoke(self, ctx: Any) -> Any:
        return invoke_naming_the_command(super().invoke, ctx)


class ReaderGone(Exception):
    """Stdout's reader went away (``| head``); exits 141 like a program killed by SIGPIPE.

    Not an OSError, so that Typer does not turn it into exit 1 on the way to the handler.
    """


def invoke_naming_the_command(invoke: Callable[[Any], Any], ctx: Any) -> Any:
    """Run ``invoke(ctx)``; a UsageError raised in it learns its command, for the hint."""
    try:
        return invoke(ctx)
    except UsageError as exc:
        exc.command_path = exc.command_path or ctx.command_path
        raise
    except BrokenPipeError as exc:
        raise ReaderGone() from exc


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


def echo_json(data: Any) -> None:
    """JSON on stdout: UTF-8 whatever the locale, control characters escaped."""

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
        raise UsageError(f"{question} Refusing without a terminal; add --yes to confirm.")
    from hitrun_quiz.ui.prompts import ask_confirm  # questionary: only on a terminal

    return ask_confirm(question)


# --------------------------------------------------------------------------- shared options


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
