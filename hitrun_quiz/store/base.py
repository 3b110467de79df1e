"""What the score store's two engines share: their errors, and what a backend does.

:class:`~hitrun_quiz.store.sqlite.ScoreStore` holds the queries; a backend
(store/sqlitedb.py for the SQLite file, store/postgres.py for a league) opens
the connection, runs a query function in a read or a write transaction, and
turns the driver's errors into the ones below. A query function gets a
connection whose ``execute(sql, params)`` / ``executemany`` take SQLite-spelled
SQL with ``?`` placeholders on both engines (store/dialect.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from hitrun_quiz.errors import QuizError, ScoresError

T = TypeVar("T")

#: URL schemes that name a PostgreSQL league.
LEAGUE_SCHEMES = ("postgresql", "postgres")


def url_scheme(target: str) -> str | None:
    """The scheme of a ``scheme://...`` target, lower-cased; None for a file path."""
    scheme, sep, _ = target.partition("://")
    if sep and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme):
        return scheme.lower()
    return None


def is_league_url(target: object) -> bool:
    """True if ``target`` is a PostgreSQL URL (``postgresql://...``), not a file path."""
    return isinstance(target, str) and url_scheme(target) in LEAGUE_SCHEMES


class ScoresNotSaved(QuizError):
    """The scores database cannot be written (read-only, full, locked); the round still plays."""


class LeagueUnavailable(ScoresError):
    """The league's server cannot be reached (or refused us): the message names host and port.

    ``play`` queues the round in the outbox; a command that needs the league exits 2.
    """


class LeaguePermissionDenied(ScoresError):
    """The league's role may not do this (e.g. ``scores reset`` needs the owner)."""


class Backend(Protocol):
    """One engine under the score store."""

    def read(self, body: Callable[[Any], T], empty: T) -> T:
        """``body(conn)`` on a readable connection; ``empty`` if there is no database yet."""
        ...

    def write(self, body: Callable[[Any], T], foreign_keys: bool = True) -> T:
        """``body(conn)`` in one write transaction, all or nothing."""
        ...

    def exists(self) -> bool:
        """False if there is certainly nothing stored yet (no file); True otherwise."""
        ...

    def close(self) -> None: ...

    def describe(self) -> str:
        """Where the scores are, for messages: a path, or host:port/db (never a password)."""
        ...
