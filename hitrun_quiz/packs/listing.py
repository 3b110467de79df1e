"""Every pack there is, for ``packs list`` and for finding a pack by id: built-in and user
packs, linked packs (``packs add --link``) and plugin packs (``plugins.py``).

Listing reads no pack that has not changed: one index file in the cache dir
keeps each pack file's summary (the row of ``packs list``), keyed on the
file's size, modification time and inode and on the validator's version, so
20 packs of 10,000 questions list in a few milliseconds.  A changed file is
loaded again (through the pack cache, which is keyed on its bytes, so an edited
linked pack is validated afresh).  A broken pack is never cached: it is
reported to ``on_error`` every time, and skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.packs import cache as packcache
from hitrun_quiz.packs.extra import OnError, extra_files
from hitrun_quiz.packs.loader import load_pack, pack_files
from hitrun_quiz.packs.model import Origin
from hitrun_quiz.paths import cache_dir

_FORMAT = 1


class Entry:
    """One pack file: where it is, its origin, and how ``packs list`` shows the origin."""

    __slots__ = ("label", "origin", "path")

    def __init__(self, path: Path, origin: Origin, label: str) -> None:
        self.path, self.origin, self.label = path, origin, label


# --------------------------------------------------------------------------- entries


def entries(on_error: OnError) -> Iterator[Entry]:
    """Every pack file: built-in, user, linked, then plugin packs."""
    for path, origin in pack_files():
        yield Entry(path, origin, origin)
    for path, origin, label in extra_files(on_error):
        yield Entry(path, origin, label)


def _stat_key(path: Path, origin: str, stamp: str) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size}/{st.st_mtime_ns}/{st.st_ino}/{origin}/{stamp}"


def _index_path() -> Path:
    return cache_dir() / "list-index.json"


def _read_index() -> dict[str, Any]:
    try:
        data = json.loads(_index_path().read_text(encoding="utf-8"))
        if data.get("format") == _FORMAT and isinstance(data.get("packs"), dict):
            return data["packs"]  # type: ignore[no-any-return]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def _write_index(packs: dict[str, Any]) -> None:
    target = _index_path()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"format": _FORMAT, "packs": packs}, ensure_ascii=False), "utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def duplicate_id(pack_id: str, entry: Entry, first: Entry) -> PackError:
    """A linked or plugin pack refused because an earlier pack has its id."""
    return PackError(
        [
            Problem(
                str(entry.path),
                0,
                0,
                f"the {entry.label} pack '{pack_id}' is refused: the {first.label} pack "
                f"{first.path} has that id",
            )
        ]
    )


def summaries(on_error: OnError) -> list[dict[str, Any]]:
    """The rows of ``packs list`` (see ``library.pack_summary``), from the index when it can."""
    old, new = _read_index(), {}
    rows = []
    taken: dict[str, Entry] = {}  # pack id -> the entry that has it
    stamp = packcache.code_stamp()
    for e in entries(on_error):
        name = str(e.path)
        key = _stat_key(e.path, e.origin, stamp)
        hit = old.get(name)
        if key is not None and hit is not None and hit[0] == key:
            row = hit[1]
        else:
            from hitrun_quiz.packs.library import pack_summary

            try:
                row = pack_summary(load_pack(e.path, e.origin))
            except PackError as exc:
                on_error(exc)
                continue
        first = taken.get(row["id"])
        if first is not None and e.origin in ("link", "plugin"):
            on_error(duplicate_id(row["id"], e, first))
            continue
        taken.setdefault(row["id"], e)
        # A file name that is not UTF-8 (surrogate escapes) shows with U+FFFD,
        # and is not indexed (the index is JSON, in UTF-8).
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if key is not None and shown == name:
            new[name] = [key, row]
        rows.append({**row, "origin": e.label, "path": shown})
    if new != old:
        _write_index(new)
    return rows
