"""What the command modules share: the command classes, shared options, helpers."""

import json
import shutil
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any

import typer
from typer import _click
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


class _QuietIntRange(_click.types.IntRange):
    """An IntRange that checks its range but does not print it in the help (the help
    says it in words): no "[x>=1]", no "<int range>"."""

    def _describe_range(self) -> str:
        return ""

    def get_metavar(self, param: Any, ctx: Any = None) -> str | None:
        return ""


class NarrowHelp(_click.HelpFormatter):
    """Plain help below 60 columns: each option (or command) on its own line, its help
    on the lines below, wrapped at spaces only, so no word, id, variable or number is
    broken (``(repeatable)``, ``$HITRUN_QUIZ_DB``, ``hit-and-run``); an example too long
    for the line continues after a " \\", as a shell reads it."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}\n")
            if second:
                for line in _wrap(second, self.width - self.current_indent - 4):
                    # A word longer than the room (a board id) moves left rather than break.
                    indent = min(self.current_indent + 4, max(0, self.width + 1 - len(line)))
                    self.write(f"{' ' * indent}{line}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(text.split("\n\n")):
            if n:
                self.write("\n")
            flat = " ".join(paragraph.split())
            if flat.startswith("Example: "):  # a command to copy: split at spaces with " \"
                self.write(f"{indent}Example:\n")
                lines = _wrap(flat[len("Example: ") :], self.width - len(indent) - 6)
                for i, line in enumerate(lines):
                    line += " \\" if i < len(lines) - 1 else ""
                    room = max(0, self.width + 1 - len(line))  # a long URL moves left
                    self.write(" " * min(len(indent) + (2 if i == 0 else 4), room) + line + "\n")
                continue
            for line in _wrap(flat, self.width - self.current_indent):
                self.write(f"{indent}{line}\n")


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(
        " ".join(text.split()),
        max(width, 10),
        break_long_words=False,
        break_on_hyphens=False,
    )


class WholeSummaries:
    """A group whose narrow help lists each command with its whole summary (click
    would cut it to the room left beside the name)."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        if not isinstance(formatter, NarrowHelp):
            super().format_commands(ctx, formatter)  # type: ignore[misc]
            return
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            cmd = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


if COLUMNS < 60:
    _click.Context.formatter_class = NarrowHelp


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
            if isinstance(param.type, _click.types.IntRange):
                param.type = _QuietIntRange(param.type.min, param.type.max, clamp=param.type.clamp)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            p[1:-1] if p.startswith("{") and p.endswith("}") else p
            for p in super().collect_usage_pieces(ctx)
        ]

    def invoke(self, ctx: Any) -> Any:
        return invoke_naming_the_command(super().invoke, ctx)


class Group(WholeSummaries, TyperGroup):
    """A command group whose usage errors name it in their hint, like :class:`Command`;
    its narrow help keeps each command's whole summary."""

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


class ModeOpt(str, Enum):
    """--mode: the rules of the round (game/modes.py), for play and host."""

    classic = "classic"
    survival = "survival"
    ladder = "ladder"
    blitz = "blitz"


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
