"""Packs beyond the two pack dirs: linked packs (``packs add --link``) and plugin packs.

A link is a small ``ID.link`` file in the user pack dir holding the absolute
path of a pack file that stays where its author edits it.  (A file rather than
a symbolic link: the pack dir holds regular files only, and it works the same
on every system.)  Removing the link never touches the pack file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.packs.model import Origin
from hitrun_quiz.paths import user_packs_dir

LINK_SUFFIX = ".link"

OnError = Callable[[PackError], None]


# --------------------------------------------------------------------------- links


def link_files() -> list[Path]:
    """The ``*.link`` files in the user pack dir, sorted by name."""
    try:
        return sorted(
            p for p in user_packs_dir().iterdir() if p.suffix == LINK_SUFFIX and p.is_file()
        )
    except OSError:
        return []


def link_target(link: Path) -> Path:
    """The pack file a link names, or a PackError saying why it cannot be used."""
    from hitrun_quiz.files import NotRegularFile, read_regular

    try:  # the path as ``packs add --link`` wrote it: its bytes, then one newline
        target = Path(os.fsdecode(read_regular(link, 64 * 1024).removesuffix(b"\n")))
    except (OSError, NotRegularFile) as exc:
        raise PackError([Problem(str(link), 0, 0, f"unreadable link ({exc})")]) from None
    if not target.is_file():
        raise PackError(
            [
                Problem(
                    str(link),
                    0,
                    0,
                    f"the linked pack {target} is missing or not a file "
                    f"(remove the link with: hitrun-quiz packs remove {link.stem})",
                )
            ]
        )
    return target


# --------------------------------------------------------------------------- extra packs


def extra_files(on_error: OnError) -> Iterator[tuple[Path, Origin, str]]:
    """(file, origin, label for packs list) of linked packs, then plugin packs."""
    for link in link_files():
        try:
            yield link_target(link), "link", "link"
        except PackError as exc:
            on_error(exc)
    from hitrun_quiz.packs.plugins import plugin_files

    def plugin_error(message: str) -> None:
        on_error(PackError([Problem("plugin", 0, 0, message)]))

    for dist, file in plugin_files(plugin_error):
        yield Path(file), "plugin", f"plugin ({dist})"
