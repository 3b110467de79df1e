"""``python -m hitrun_quiz`` and the ``hitrun-quiz`` console script.

The entry point imports the command line (Typer, the commands) inside its
``try``, so Ctrl-C during start-up exits 130 without a traceback, like Ctrl-C
at any later moment.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from hitrun_quiz.cli import main as cli_main

        cli_main()  # handles Ctrl-C itself once it is running; this catches the rest
    except KeyboardInterrupt:
        try:
            sys.stderr.write("\nhitrun-quiz: interrupted\n")
        finally:
            sys.exit(130)


if __name__ == "__main__":
    main()
