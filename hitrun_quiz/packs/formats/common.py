"""Small helpers the importers share: ids from file names, reading files, today's date."""

from __future__ import annotations

import re
from pathlib import Path

from hitrun_quiz.errors import PackError, Problem


def slug(text: str, default: str = "imported") -> str:
    """A pack id from any text: lowercase letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default


# What a terminal could act on: C0/C1 controls, bidi marks and overrides, line separators.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def shown_name(path: Path, *, stem: bool = False) -> str:
    """A file's name for a title or category the importer makes up: nothing unshowable kept."""
    cleaned = _UNSHOWABLE.sub("", path.stem if stem else path.name).strip()
    return cleaned or "imported"


def read_text(path: Path) -> str:
    """A foreign file as text: UTF-8 with or without a BOM (size limits as for packs)."""
    from hitrun_quiz.packs.loader import decode_pack, read_pack_bytes

    return decode_pack(path, read_pack_bytes(path))


def today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def file_problem(path: Path | str, message: str) -> PackError:
    return PackError([Problem(str(path), 0, 0, message)])
