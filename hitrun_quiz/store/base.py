"""What the score store's two engines share: the connection its queries get, errors, a backend.

:class:`~hitrun_quiz.store.scores.ScoreStore` holds the queries; a backend
(store/sqlite.py for the SQLite file, store/postgres.py for a league) opens
the connection, runs a query function in a read or a write transaction, and
turns the driver's errors into the ones below. A query function gets a
:class:`Conn`: statements written once, with ``?`` placeholders, for both
engines (store/dialect.py says the little that differs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from hitrun_quiz.errors import QuizError, ScoresError
from hitrun_quiz.store.dialect import Dialect

T = TypeVar("T")


class Cursor(Protocol):
    """What a statement gives back, on both engines."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Conn(Protocol):
    """The connection a query function gets: an engine's, with its dialect."""

    @property
    def dialect(self) -> Dialect: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """One statement with ``?`` placeholders."""
        ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        """One statement with ``?`` placeholders, for each row of parameters."""
        ...

    def script(self, sql: str) -> None:
        """SQL as written, without parameters (a migration's DDL)."""
        ...


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

    ``play`` queues the round in the outbox; a command that needs the league fails.
    """


class LeaguePermissionDenied(ScoresError):
    """The league's role may not do this (e.g. ``scores reset`` needs the owner)."""


class Backend(Protocol):
    """One engine under the score store."""

    def read(self, body: Callable[[Conn], T], empty: T) -> T:
        """``body(conn)`` on a readable connection; ``empty`` if there is no database yet."""
        ...

    def write(self, body: Callable[[Conn], T], foreign_keys: bool = True) -> T:
        """``body(conn)`` in one write transaction, all or nothing."""
        ...

    def exists(self) -> bool:
        """False if there is certainly nothing stored yet (no file); True otherwise."""
        ...

    def close(self) -> None: ...

    def describe(self) -> str:
        """Where the scores are, for messages: a path, or host:port/db (never a password)."""
        ...
