"""The ``hitrun-quiz`` command line: the command registry, the root command, the one handler.

Every command (or command group) is a module ``hitrun_quiz.cli.NAME`` that
imports what it uses at module level and defines ``app``, a ``typer.Typer``
holding that one command (or group).  :data:`COMMANDS` lists them with the
one-line summary the root help shows, and :class:`Commands`, the root group,
imports a command's module only when that command runs (or its own help is
asked for): the one lazy point, so ``--version`` and ``--help`` load no
command, and ``play`` loads only what a round needs.

:func:`main` is the console script's entry point and :func:`run` the one place
where exceptions become a message on stderr and an exit code (the table is in
:mod:`hitrun_quiz.errors`).  Usage errors, ours and Typer's own, read alike::

    hitrun-quiz: Invalid value for '--count' / '-n': 'abc' is not a valid int.
    Try 'hitrun-quiz play --help'.
"""

import difflib
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import Annotated

import typer
from typer import _click as click
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from hitrun_quiz import __version__
from hitrun_quiz.cli.base import (
    CONTEXT,
    MARKUP_MODE,
    ReaderGone,
    WholeSummaries,
    interactive_terminal,
)
from hitrun_quiz.cli.runtime import Signalled, prepare
from hitrun_quiz.errors import ExitStatus, InvalidValue, PackError, QuizError, UsageError
from hitrun_quiz.files import reason
from hitrun_quiz.safetext import safe

__all__ = ["COMMANDS", "Commands", "app", "main", "run"]

#: Every command, in the order of the root help: name -> its one-line summary
#: (the first line of its help; tests/test_cli.py checks they agree).  The
#: command lives in ``hitrun_quiz.cli.<name>`` as that module's ``app``.
COMMANDS: dict[str, str] = {
    "play": "Play a round.",
    "daily": "Play today's daily round: 10 questions, the same for everyone that day.",
    "review": "Review the questions you missed, when they are due (spaced review with FSRS).",
    "stats": "Your progress: accuracy, coverage, best rounds, most missed, reviews due.",
    "history": "Export every round a player played, with each question's result.",
    "host": "Host a room for one round: players join from terminals or phones.",
    "join": "Join a hosted room and play its round.",
    "packs": "List, inspect, validate, lint, check, add and remove question packs.",
    "scores": "Show the high-score table (top 10), or reset it.",
    "league": "A league: many players, one leaderboard on PostgreSQL.",
    "menu": "The menu (what `hitrun-quiz` alone opens on a terminal).",
}
HIDDEN = {"menu"}
#: The core's name of a value (:class:`~hitrun_quiz.errors.InvalidValue`) -> its option.
FLAGS = {
    "count": "--count",
    "seed": "--seed",
    "time_limit": "--time-limit",
    "limit": "--limit",
    "seconds": "--seconds",
}


def load_command(name: str) -> click.Command:
    """Import ``hitrun_quiz.cli.<name>`` and build its click command."""
    module = importlib.import_module(f"hitrun_quiz.cli.{name}")
    command = typer.main.get_command(module.app)
    command.name = name
    return command


class Commands(WholeSummaries, TyperGroup):
    """The root group: lists :data:`COMMANDS`, imports a command's module when it runs."""

    listing = False  # True while the root help is written: summaries, no imports

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if self.listing:
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name], hidden=cmd_name in HIDDEN)
        return load_command(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as exc:
            close = difflib.get_close_matches(args[0], COMMANDS) if args else []
            if close and "Did you mean" not in exc.message:
                exc.message = f"{exc.message.rstrip('.')}. Did you mean '{close[0]}'?"
            raise


def version_callback(value: bool) -> None:
    if value:
        print(f"hitrun-quiz {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="hitrun-quiz",
    cls=Commands,
    rich_markup_mode=MARKUP_MODE,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT,
)


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
        os.environ["NO_COLOR"] = "1"
    if ctx.invoked_subcommand is not None:
        return
    if not interactive_terminal():
        print(ctx.get_help())
        raise typer.Exit()
    menu = load_command("menu")
    ctx.invoke(menu.callback or (lambda: None))


def _hint(ctx: click.Context | None) -> str:
    path = ctx.command_path if ctx is not None else "hitrun-quiz"
    return f"Try '{path} --help'."


def run(args: Sequence[str] | None = None) -> int:
    """Run the command line on ``args`` (default: ``sys.argv[1:]``); the exit code.

    The one handler: every error the program reports becomes one message on
    stderr and its :class:`~hitrun_quiz.errors.ExitStatus` here.
    """
    root_command = typer.main.get_command(app)
    try:
        status = root_command.main(
            list(sys.argv[1:] if args is None else args),
            prog_name="hitrun-quiz",
            standalone_mode=False,
        )
        return status if isinstance(status, int) else ExitStatus.OK
    except click_errors.NoArgsIsHelpError as exc:  # `hitrun-quiz packs`: its help
        print(exc.format_message())
        return ExitStatus.USAGE
    except click_errors.UsageError as exc:  # Typer's own parsing errors
        print(f"hitrun-quiz: {safe(exc.format_message())}", file=sys.stderr)
        print(_hint(exc.ctx), file=sys.stderr)
        return ExitStatus.USAGE
    except typer.Abort:  # Ctrl-D at a prompt Typer asked
        print("\nhitrun-quiz: interrupted", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return exc.exit_status
    except UsageError as exc:
        if isinstance(exc, InvalidValue):  # the core names the value; we name the option
            exc = exc.worded(FLAGS.get(exc.field, exc.field), exc.command_path)
        print(f"hitrun-quiz: {safe(str(exc))}", file=sys.stderr)
        print(f"Try '{exc.command_path or 'hitrun-quiz'} --help'.", file=sys.stderr)
        return exc.exit_status
    except QuizError as exc:
        print(f"hitrun-quiz: {safe(str(exc))}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("\nhitrun-quiz: interrupted", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except Signalled as exc:
        print(f"\nhitrun-quiz: stopped by signal {exc.signum}", file=sys.stderr)
        return 128 + exc.signum
    except (BrokenPipeError, ReaderGone):
        # The reader went away (e.g. `| head`): exit quietly, as if by SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except OSError as exc:  # a backstop: the core names the operation where it can
        where = f"{safe(exc.filename)}: " if exc.filename else ""
        print(f"hitrun-quiz: {where}{reason(exc)}", file=sys.stderr)
        return ExitStatus.USAGE


def main(args: Sequence[str] | None = None) -> None:
    """Console-script entry point: make the process safe (streams, signals), run, exit."""
    prepare()
    sys.exit(run(args))
