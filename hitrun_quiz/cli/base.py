"""The Typer apps, shared options and helpers of the command line, and the root callback."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from hitrun_quiz import __version__
from hitrun_quiz.errors import ExitStatus

if TYPE_CHECKING:
    pass

app = typer.Typer(
    name="hitrun-quiz",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
packs_app = typer.Typer(
    help="List, inspect, validate, add and remove question packs.\n\n"
    "Example: hitrun-quiz packs list",
    no_args_is_help=True,
)
scores_app = typer.Typer(
    help="Show the high-score table (top 10), or reset it.\n\n"
    "Example: hitrun-quiz scores --limit 5",
    invoke_without_command=True,
)
app.add_typer(packs_app, name="packs")
app.add_typer(scores_app, name="scores")


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
