"""Domain exceptions and exit codes.

The core raises these; only the CLI (``hitrun_quiz.cli.main``, the one handler)
turns them into a message on stderr and an exit code.  Every code, and the
class that leads to it:

====  ==================  =====================================================
code  ExitStatus          when
====  ==================  =====================================================
0     OK                  done
1     CHECK_FAILED        a check found problems: ``packs validate``, ``packs
                          lint --strict`` warnings, ``packs check`` failures
                          (:class:`CheckFailed`)
2     USAGE               a bad option, argument or value, Typer's own parsing
                          errors included (:class:`UsageError`,
                          :class:`PackNotFound`: an id names no pack; a
                          :class:`FileError` on a file or directory to write)
3     BAD_INPUT           input data refused: a pack, an import or an answers
                          file (:class:`PackError`; a :class:`FileError` on a
                          file to read)
4     STORE               the score store: corrupt, locked, too new, a league
                          out of reach (:class:`ScoresError`)
130   INTERRUPTED         Ctrl-C, or Ctrl-D at a prompt
128+n                     stopped by signal n (143 SIGTERM, 129 SIGHUP, 131
                          SIGQUIT)
====  ==================  =====================================================
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from hitrun_quiz.safetext import safe


class ExitStatus(IntEnum):
    """Every exit code hitrun-quiz uses (signals: 128 + the signal's number)."""

    OK = 0
    CHECK_FAILED = 1
    USAGE = 2
    BAD_INPUT = 3
    STORE = 4
    INTERRUPTED = 130


class QuizError(Exception):
    """Base class of every error hitrun-quiz reports to a user."""

    exit_status: ExitStatus = ExitStatus.USAGE


class Problem(NamedTuple):
    """One problem in a pack, with its 1-based place in the file (0 for the whole file)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # Paths and messages quote untrusted text: one line, no control characters.
        if self.line <= 0:
            return f"{safe(self.path)}: {safe(self.message)}"
        return f"{safe(self.path)}:{self.line}:{self.col}: {safe(self.message)}"


class UsageError(QuizError):
    """The command line asks for something that cannot be done (exit 2)."""

    exit_status = ExitStatus.USAGE
    #: The command it happened in ("hitrun-quiz play"), for the hint; set by the CLI.
    command_path: str | None = None


class InvalidValue(UsageError):
    """A value out of its bounds, raised by the core: it names the field, the CLI the flag.

    ``field`` is the core's name for the value (``count``), ``value`` what was
    given and ``rule`` what it must be ("at least 1").  The CLI maps the field
    to its option (``--count``) with :meth:`worded`.
    """

    def __init__(self, field: str, value: object, rule: str) -> None:
        self.field = field
        self.value = value
        self.rule = rule
        super().__init__(f"{field} must be {rule} (got {safe(str(value))})")

    def worded(self, flag: str, command_path: str | None = None) -> UsageError:
        """The error as the command line words it, like Typer's own usage errors."""
        value = safe(str(self.value))
        error = UsageError(f"Invalid value for '{flag}': {value} (must be {self.rule}).")
        error.command_path = command_path
        return error


class PackNotFound(UsageError):
    """No pack with that id or path: a bad value on the command line (exit 2)."""


class PackError(QuizError):
    """A pack could not be read or is not valid; holds every problem found (exit 3)."""

    exit_status = ExitStatus.BAD_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ScoresError(QuizError):
    """The score store cannot be used: corrupt, locked, newer schema, league unreachable (4)."""

    exit_status = ExitStatus.STORE


class FileError(QuizError):
    """A file or directory could not be read or written (permission, full disk, not a dir...).

    Reading (an answers file, a pack, an import) is refused input, exit 3;
    writing, creating or removing a path the command was given is exit 2.
    """

    def __init__(self, message: str, *, reading: bool = False) -> None:
        super().__init__(message)
        self.exit_status = ExitStatus.BAD_INPUT if reading else ExitStatus.USAGE


class CheckFailed(QuizError):
    """A check ran and found problems (``packs validate``, ``lint --strict``, ``check``): 1."""

    exit_status = ExitStatus.CHECK_FAILED
