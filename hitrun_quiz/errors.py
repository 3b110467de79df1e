"""Domain exceptions and exit codes.

The core raises these; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitStatus(IntEnum):
    """Every exit code hitrun-quiz uses."""

    OK = 0
    FAILURE = 1
    USAGE = 2  # a usage error, a bad pack or a bad scores file
    INTERRUPTED = 130


class QuizError(Exception):
    """Base class of every error hitrun-quiz reports to a user."""

    exit_status: ExitStatus = ExitStatus.FAILURE


class Problem(NamedTuple):
    """One problem in a pack, with its 1-based place in the file (0 for the whole file)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        # Paths and messages quote untrusted text: one line, no control characters.
        from hitrun_quiz.safetext import safe

        if self.line <= 0:
            return f"{safe(self.path)}: {safe(self.message)}"
        return f"{safe(self.path)}:{self.line}:{self.col}: {safe(self.message)}"


class PackError(QuizError):
    """A pack could not be read or is not valid; holds every problem found."""

    exit_status = ExitStatus.USAGE

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class PackNotFound(QuizError):
    """No pack with that id or path."""

    exit_status = ExitStatus.USAGE


class UsageError(QuizError):
    """The command line asks for something that cannot be done."""

    exit_status = ExitStatus.USAGE


class ScoresError(QuizError):
    """The scores database cannot be used (corrupt, not SQLite, newer schema)."""

    exit_status = ExitStatus.USAGE


class FileError(QuizError):
    """A file or directory could not be read or written (permission, full disk, not a dir...)."""

    exit_status = ExitStatus.USAGE
