"""The process around the command line: standard streams, signals, terminal size.

:func:`prepare` runs first thing in ``cli.main()``:

* a closed stdin, stdout or stderr (``<&-``, ``>&-``) is reopened on
  ``/dev/null``, so the program runs to a clean end instead of failing on a
  missing stream (and no file it opens later lands on fd 0, 1 or 2);
* no stream ever raises on a character it cannot encode: stdout and stderr
  write what the locale cannot encode as backslash escapes (``\\u2019``);
  answers read from stdin that are not valid in its encoding become U+FFFD;
  JSON output is always UTF-8 (:func:`json_stdout`);
* SIGTERM, SIGHUP and SIGQUIT raise :class:`Signalled`, which unwinds the
  program like an exception: prompt_toolkit's context managers restore the
  terminal on the way out, and ``main()`` exits 128 + the signal number;
* ``COLUMNS`` and ``LINES`` are clamped to sane numbers before Rich or Typer
  reads them (``COLUMNS=99999999999`` made Rich allocate a line that long).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Any

MAX_COLUMNS = 1000
MAX_LINES = 1000
SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")


class Signalled(BaseException):
    """A termination signal arrived; unwinds like KeyboardInterrupt, exits 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, _frame: Any) -> None:
    # Once: a second signal while unwinding must not interrupt the clean-up.
    for name in SIGNALS:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Signalled(signum)


def _reopen_closed_fds() -> None:
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            # The lowest free descriptor is this one, since the lower ones are open.
            new = os.open(os.devnull, os.O_RDWR)
            if new != fd:  # pragma: no cover - cannot happen with 0..fd-1 open
                os.dup2(new, fd)
                os.close(new)


def _fix_streams() -> None:
    if sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    for name, fd in (("stdout", 1), ("stderr", 2)):
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, "w", encoding="utf-8", closefd=False))  # noqa: SIM115
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "backslashreplace")):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _clamp_env(name: str, high: int) -> None:
    raw = os.environ.get(name)
    if raw is None:
        return
    try:
        value = int(raw.strip())
    except ValueError:
        del os.environ[name]
        return
    if value < 1:
        del os.environ[name]
    elif value > high:
        os.environ[name] = str(high)


def prepare() -> None:
    """Make the process safe to run the command line in (see the module docstring)."""
    _reopen_closed_fds()
    _fix_streams()
    _clamp_env("COLUMNS", MAX_COLUMNS)
    _clamp_env("LINES", MAX_LINES)
    for name in SIGNALS:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            signal.signal(getattr(signal, name), _raise_signalled)


def json_stdout() -> None:
    """From now on stdout writes UTF-8, whatever the locale: JSON is UTF-8."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
