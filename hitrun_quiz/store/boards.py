"""Boards: which rounds are ranked against each other.

A leaderboard compares like with like: rounds of the same pack set, the same
number of questions, timed or not, played the same way (interactive or
scripted).  Each round stores its board's key, a plain string such as
``hit-and-run/10/untimed/interactive``, which ``scores --board`` takes too.
A mode other than classic has boards of its own, its name in place of the
count (the mode sets the length): ``hit-and-run/survival/untimed/scripted``,
``hit-and-run/blitz/60s/interactive``.  Stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_PACK = "hit-and-run"
DEFAULT_COUNT = 10
ALL_BOARDS = "all"


GAME_MODES = ("survival", "ladder", "blitz")  # classic boards keep their count instead
#: Boards ranked by right answers first, then score (survival: README, "Modes and lifelines").
BY_CORRECT = ("survival",)


def board_key(
    packs: Iterable[str],
    count: int,
    timed: bool,
    mode: str,
    *,
    game: str = "classic",
    seconds: float | None = None,
) -> str:
    """The key of a board: packs (sorted, joined by "+"), count, timed or not, mode.

    ``game`` (not classic) replaces the count; a blitz board's timing is its length.
    """
    pack_set = "+".join(sorted(dict.fromkeys(packs))) or "-"
    timing = "timed" if timed else "untimed"
    if game == "blitz":
        timing = f"{seconds or 60:g}s"
    length = str(int(count)) if game == "classic" else game
    return f"{pack_set}/{length}/{timing}/{mode}"


def game_of(key: str) -> str:
    """The game mode of a board ("classic" for a classic board or an unknown key)."""
    parts = key.split("/")
    return parts[1] if len(parts) == 4 and parts[1] in GAME_MODES else "classic"


#: The board of a default round: ``hitrun-quiz play`` on a terminal.
DEFAULT_BOARD = board_key([DEFAULT_PACK], DEFAULT_COUNT, False, "interactive")


#: The modes a board can have (daily rounds rank on their day's board instead).
BOARD_MODES = ("interactive", "scripted", "party")  # party: a hosted room's rounds
#: What ``scores --board`` takes, in words.
BOARD_FORMS = (
    "'all', or PACKS/COUNT/timed|untimed/interactive|scripted|party"
    " (a mode's board: PACKS/survival|ladder/..., PACKS/blitz/60s/...)"
)


def is_board_key(key: str) -> bool:
    """Whether ``key`` has the form of a board (see :func:`board_key`): one that can exist."""
    parts = key.split("/")
    if len(parts) != 4:
        return False
    packs, length, timing, mode = parts
    if not all(p and not p.isspace() for p in packs.split("+")) or mode not in BOARD_MODES:
        return False
    if length == "blitz":
        seconds = timing.removesuffix("s")
        return timing.endswith("s") and seconds.replace(".", "", 1).isdigit() and seconds.isascii()
    if timing not in ("timed", "untimed"):
        return False
    if length in GAME_MODES:
        return True
    return length.isdigit() and length.isascii() and int(length) >= 1


def board_title(key: str) -> str:
    """A board as a player reads it: "hit-and-run · 10 questions · untimed · interactive"."""
    parts = key.split("/")
    if len(parts) == 4 and parts[1] in GAME_MODES:
        packs, game, timing, mode = parts
        timing = timing.replace("s", " s") if timing[:1].isdigit() else timing
        return f"{packs.replace('+', ' + ')} · {game} · {timing} · {mode}"
    if len(parts) != 4 or not parts[1].isdigit():
        return key or "(no board)"
    packs, count, timed, mode = parts
    n = int(count)
    return f"{packs.replace('+', ' + ')} · {n} question{'s' * (n != 1)} · {timed} · {mode}"
