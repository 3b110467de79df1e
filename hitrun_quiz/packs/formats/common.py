"""Small helpers the importers share: ids from file names, reading files, today's date."""

from __future__ import annotations

import re
from pathlib import Path

from hitrun_quiz.errors import PackError, Problem


def slug(text: str, default: str = "imported") -> str:
    """A pack id from any text: lowercase letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default


def read_text(path: Path) -> str:
    """A foreign file as text: UTF-8 with or without a BOM (size limits as for packs)."""
    from hitrun_quiz.packs.loader import decode_pack, read_pack_bytes

    return decode_pack(path, read_pack_bytes(path))


def today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def file_problem(path: Path | str, message: str) -> PackError:
    return PackError([Problem(str(path), 0, 0, message)])
