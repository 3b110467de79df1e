"""Telling SQLite's errors apart: corrupt, busy, read-only; and text SQLite will take."""

from __future__ import annotations

import sqlite3

_SQLITE_MAGIC = b"SQLite format 3\x00"

# Primary SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xFF, Python 3.11+).
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY_CODES = {8, 14}  # SQLITE_READONLY, SQLITE_CANTOPEN


def _text(s: str) -> str:
    """``s`` with lone surrogates (undecodable argv/stdin bytes) replaced, so SQLite takes it."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return s.encode("utf-8", "replace").decode("utf-8")
    return s


def _errcode(e: sqlite3.Error) -> int | None:
    code = getattr(e, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_corrupt(e: sqlite3.Error) -> bool:
    code = _errcode(e)
    if code is not None:
        return code in _CORRUPT_CODES
    msg = str(e)
    return "not a database" in msg or "malformed" in msg


def _is_busy(e: sqlite3.Error) -> bool:
    code = _errcode(e)
    if code is not None:
        return code in _BUSY_CODES
    return "locked" in str(e) or "busy" in str(e)


def _shell_quote(s: str) -> str:
    from shlex import quote  # only on the error path

    return quote(s)
