"""How the player runs this program again: the command name the game prints."""

from __future__ import annotations


def program() -> str:
    """How to run this program again from where the player is.

    ``hitrun-quiz`` when that name on PATH is this program (installed with
    ``make install`` or pipx); else the path it was started by (``make play``
    runs ``.venv/bin/hitrun-quiz``), relative to the current directory when
    it is under it; ``python -m hitrun_quiz`` when started that way.
    """
    import os
    import shutil
    import sys

    name = "hitrun-quiz"
    started = sys.argv[0] if sys.argv else ""
    if started.endswith(os.path.join("hitrun_quiz", "__main__.py")):
        return "python -m hitrun_quiz"
    if os.path.basename(started) != name:
        return name
    found = shutil.which(name)
    if found and os.path.realpath(found) == os.path.realpath(started):
        return name
    return shell_path(started)


def shell_path(path: str) -> str:
    """A file's path as a shell command names it from here: relative when under the
    current directory, quoted when it needs to be."""
    import os
    import shlex

    full = os.path.abspath(path)
    try:
        here = os.getcwd()
    except OSError:
        here = ""
    if here and full.startswith(here.rstrip(os.sep) + os.sep):
        full = os.path.relpath(full, here)
    return shlex.quote(full)
