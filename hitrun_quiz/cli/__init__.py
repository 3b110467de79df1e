"""The ``hitrun-quiz`` command line: parse, call the core, render, map errors to exit codes.

Kept thin: every decision about packs, rounds and scores lives in the core;
one module per command group only wires options to it.  Heavy or optional
imports (Rich screens, questionary, the YAML loader) happen inside the
commands that need them, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import sys

import hitrun_quiz.cli.daily  # noqa: F401 - registers `daily`
from hitrun_quiz.cli import (  # noqa: F401 - registers the commands
    league,
    packs,
    play,
    review,
    room,
    scores,
    stats,
)
from hitrun_quiz.cli.base import app, packs_app, scores_app
from hitrun_quiz.errors import ExitStatus, PackError, QuizError

__all__ = ["app", "main", "packs_app", "scores_app"]


# --------------------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point: the one place errors become messages and exit codes."""
    from hitrun_quiz.cli.runtime import Signalled, prepare
    from hitrun_quiz.safetext import safe

    try:
        prepare()
        app()
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        sys.exit(ExitStatus.USAGE)
    except QuizError as exc:
        print(f"hitrun-quiz: {safe(exc)}", file=sys.stderr)
        sys.exit(exc.exit_status)
    except KeyboardInterrupt:
        print("\nhitrun-quiz: interrupted", file=sys.stderr)
        sys.exit(ExitStatus.INTERRUPTED)
    except Signalled as exc:
        print(f"\nhitrun-quiz: stopped by signal {exc.signum}", file=sys.stderr)
        sys.exit(128 + exc.signum)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): exit quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitStatus.FAILURE)
    except OSError as exc:  # a backstop: the core names the operation where it can
        from hitrun_quiz.files import reason

        where = f"{safe(exc.filename)}: " if exc.filename else ""
        print(f"hitrun-quiz: {where}{reason(exc)}", file=sys.stderr)
        sys.exit(ExitStatus.USAGE)
