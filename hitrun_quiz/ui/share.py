"""The share line on a given output, and the clipboard.  Stdlib only.

The share line is shown with 🟩🟥⬜ unless ``NO_COLOR`` is set, the terminal is
one that cannot draw them (``TERM=dumb`` or the Linux console), or the output's
encoding cannot hold them; then the plain form (``R``, ``W``, ``-``) is shown.
Copying uses the first clipboard that exists: ``wl-copy`` (Wayland), ``xclip``
or ``xsel`` (X11), ``pbcopy`` (macOS), else OSC 52 when the output is a
terminal.  No clipboard is never an error.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess  # only when copying: scripted play stays quick to start
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hitrun_quiz.game.events import DailyInfo

SHOWS_NO_EMOJI = {"dumb", "linux", "vt100", "vt220"}


# --------------------------------------------------------------------------- the share line


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def share_style(stream: TextIO, environ: Mapping[str, str] | None = None) -> str:
    """``"emoji"`` or ``"plain"``: how the share line is shown on ``stream``."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return "plain"
    if isatty(stream) and env.get("TERM", "") in SHOWS_NO_EMOJI:
        return "plain"
    try:
        "🟩🟥⬜·".encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "plain"
    return "emoji"


def share_of(info: DailyInfo, style: str) -> str | None:
    return info.share if style == "emoji" else info.share_plain


def describe(info: DailyInfo) -> str:
    """One line: which daily round this is and whether it counts."""
    status = "official attempt" if info.official else f"practice, never ranked ({info.reason})"
    return f"Daily #{info.day} · {info.date} · {info.player}: {status}"


def outcome(info: DailyInfo) -> str:
    """One line for the end of a round: official or practice, board place, streak."""
    if info.official:
        place = f", #{info.rank} on the day's board" if info.rank is not None else ""
        head = f"Daily #{info.day}: official{place}."
    else:
        head = f"Daily #{info.day}: practice ({info.reason})."
    return f"{head} Streak: {info.streak} day{'s' * (info.streak != 1)}."


# --------------------------------------------------------------------------- the clipboard

Runner = Callable[..., Any]


def clipboard_tools(
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] | None = None,
) -> list[tuple[str, list[str]]]:
    """The clipboard programs found, best first: (name, argv reading the text on stdin)."""
    if which is None:
        which = shutil.which
    env = os.environ if environ is None else environ
    found: list[tuple[str, list[str]]] = []
    candidates = [
        ("wl-copy", ["wl-copy"], "WAYLAND_DISPLAY"),
        ("xclip", ["xclip", "-selection", "clipboard"], "DISPLAY"),
        ("xsel", ["xsel", "--clipboard", "--input"], "DISPLAY"),
        ("pbcopy", ["pbcopy"], None),
    ]
    for name, argv, needs in candidates:
        if needs is not None and not env.get(needs):
            continue
        path = which(name)
        if path:
            found.append((name, [path, *argv[1:]]))
    return found


def can_copy(out: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether :func:`copy` has somewhere to copy to."""
    return bool(clipboard_tools(environ)) or isatty(out)


def copy(
    text: str,
    out: TextIO,
    environ: Mapping[str, str] | None = None,
    run: Runner | None = None,
    which: Callable[[str], str | None] | None = None,
) -> str | None:
    """Copy ``text`` to the clipboard; return how ("xclip", "OSC 52") or None. Never raises."""

    run = run or subprocess.run
    for name, argv in clipboard_tools(environ, which):
        try:
            done = run(
                argv,
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return name
    if isatty(out):
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        try:
            out.write(f"\x1b]52;c;{payload}\x07")
            out.flush()
        except (OSError, ValueError):
            return None
        return "OSC 52"
    return None


def copied_note(how: str | None) -> str:
    if how is None:
        return "no clipboard found: copy the line by hand"
    if how == "OSC 52":
        return "sent to the terminal's clipboard (OSC 52; some terminals do not allow it)"
    return f"copied to the clipboard with {how}"
