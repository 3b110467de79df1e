"""Boards: which rounds are ranked against each other.

A leaderboard compares like with like: rounds of the same pack set, the same
number of questions, timed or not, played the same way (interactive or
scripted).  Each round stores its board's key, a plain string such as
``hit-and-run/10/untimed/interactive``, which ``scores --board`` takes too.
Stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_PACK = "hit-and-run"
DEFAULT_COUNT = 10
ALL_BOARDS = "all"


def board_key(packs: Iterable[str], count: int, timed: bool, mode: str) -> str:
    """The key of a board: packs (sorted, joined by "+"), count, timed or not, mode."""
    pack_set = "+".join(sorted(dict.fromkeys(packs))) or "-"
    return f"{pack_set}/{int(count)}/{'timed' if timed else 'untimed'}/{mode}"


#: The board of a default round: ``hitrun-quiz play`` on a terminal.
DEFAULT_BOARD = board_key([DEFAULT_PACK], DEFAULT_COUNT, False, "interactive")


#: The modes a board can have (daily rounds rank on their day's board instead).
BOARD_MODES = ("interactive", "scripted")
#: What ``scores --board`` takes, in words.
BOARD_FORMS = "'all', or PACKS/COUNT/timed|untimed/interactive|scripted"


def is_board_key(key: str) -> bool:
    """Whether ``key`` has the form of a board (see :func:`board_key`): one that can exist."""
    parts = key.split("/")
    if len(parts) != 4:
        return False
    packs, count, timed, mode = parts
    return (
        all(p and not p.isspace() for p in packs.split("+"))
        and count.isdigit()
        and count.isascii()
        and int(count) >= 1
        and timed in ("timed", "untimed")
        and mode in BOARD_MODES
    )


def board_title(key: str) -> str:
    """A board as a player reads it: "hit-and-run · 10 questions · untimed · interactive"."""
    parts = key.split("/")
    if len(parts) != 4 or not parts[1].isdigit():
        return key or "(no board)"
    packs, count, timed, mode = parts
    n = int(count)
    return f"{packs.replace('+', ' + ')} · {n} question{'s' * (n != 1)} · {timed} · {mode}"
