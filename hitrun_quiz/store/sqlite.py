"""The SQLite engine under the score store: the scores file in the data dir.

Opening is lazy: read-only (``mode=ro``) to read, read-write with every
migration applied to write. A file that is not a usable scores database
(corrupt, not SQLite, another program's database, newer schema) raises
:class:`~hitrun_quiz.errors.ScoresError` and is never modified; a database that
cannot be written (read-only dir or file, disk full, locked for too long)
raises :class:`ScoresNotSaved`. Reading a database that does not exist returns
the empty result and creates nothing.

Query functions get a :class:`SqliteConn`, the store's
:class:`~hitrun_quiz.store.base.Conn` over ``sqlite3``: statements run as written.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from shlex import quote
from typing import Any, TypeVar

from hitrun_quiz.errors import ScoresError
from hitrun_quiz.files import kind
from hitrun_quiz.paths import ENV_DB
from hitrun_quiz.store import migrations
from hitrun_quiz.store.base import Conn, Cursor, ScoresNotSaved
from hitrun_quiz.store.dialect import SQLITE, Dialect

T = TypeVar("T")

# --------------------------------------------------------------------------- SQLite's errors

_SQLITE_MAGIC = b"SQLite format 3\x00"

# Primary SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xFF, Python 3.11+).
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY_CODES = {8, 14}  # SQLITE_READONLY, SQLITE_CANTOPEN


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


# --------------------------------------------------------------------------- the connection


class SqliteConn:
    """The store's connection on SQLite: statements run as written (``?`` placeholders)."""

    dialect: Dialect = SQLITE

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        return self.raw.executemany(sql, rows)

    def script(self, sql: str) -> None:
        self.raw.execute(sql)


def migrate(conn: SqliteConn, now: Callable[[], float] = time.time) -> list[migrations.Migration]:
    """Bring an SQLite database up to ``migrations.LATEST``; return the migrations applied.

    ``conn`` (store/sqlite.py's connection) must be in autocommit mode with no
    open transaction. Idempotent; everything happens in one ``BEGIN IMMEDIATE``
    transaction, rolled back as a whole on any error.
    """
    raw = conn.raw
    if migrations.schema_version(raw) == migrations.LATEST:
        return []  # the usual case: no write lock taken
    if raw.in_transaction:
        raise RuntimeError("migrate() needs a connection without an open transaction")
    raw.execute("BEGIN IMMEDIATE")
    try:
        current = migrations.schema_version(raw)  # again: another process may have won the race
        pending = [m for m in migrations.MIGRATIONS if m.version > current]
        if pending:
            raw.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
        migrations.apply(conn, pending, now)
        raw.execute("COMMIT")
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise
    return pending


# --------------------------------------------------------------------------- the engine


class SqliteBackend:
    """The scores database at ``path``."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._store_conn: SqliteConn | None = None
        self._writable = False

    def close(self) -> None:
        """Close the connection (it is reopened if used again)."""
        if self._conn is not None:
            conn, self._conn, self._store_conn = self._conn, None, None
            conn.close()

    def describe(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        if self._conn is not None:
            return True
        try:
            return self._sniff()
        except OSError as e:
            raise self._translate(e, writing=True) from e

    # ---- errors

    def _corrupt(self, reason: str) -> ScoresError:
        p = str(self.path)
        q = quote(p)
        return ScoresError(
            f"{p} is not a hitrun-quiz scores database ({reason}); "
            f"move it aside (mv {q} {quote(p + '.bak')}) and a new one will be made"
        )

    def _too_new(self, e: migrations.SchemaTooNew) -> ScoresError:
        return ScoresError(
            f"{self.path}: made by a newer hitrun-quiz (schema v{e.found}, this version "
            f"knows up to v{e.known}); upgrade hitrun-quiz or set HITRUN_QUIZ_HOME to another dir"
        )

    def _not_saved(self, reason: str) -> ScoresNotSaved:
        parent = self.path.parent
        if parent.is_dir() and not os.access(parent, os.W_OK):
            reason = f"{parent} is not writable"
        return ScoresNotSaved(f"scores not saved: cannot write {self.path} ({reason})")

    def _translate(self, e: BaseException, writing: bool) -> BaseException:
        """The QuizError to raise for ``e`` (or ``e`` itself if it is a bug)."""
        if isinstance(e, migrations.SchemaTooNew):
            return self._too_new(e)
        if isinstance(e, migrations.NotOurDatabase):
            return self._corrupt(str(e))
        if isinstance(e, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
            return e
        if isinstance(e, sqlite3.Error):
            if _is_corrupt(e):
                return self._corrupt(str(e))
            if "no such table" in str(e) or "no such column" in str(e):
                return self._corrupt(f"missing tables: {e}")
            if writing:
                return self._not_saved(str(e))
            return ScoresError(f"cannot read {self.path}: {e}")
        if isinstance(e, OSError):
            reason = e.strerror or str(e)
            if writing:
                return self._not_saved(reason)
            return ScoresError(f"cannot read {self.path}: {reason}")
        return e

    # ---- opening

    def _sniff(self) -> bool:
        """True if the file exists; refuse (without touching it) anything not SQLite.

        Opened without blocking and checked with ``fstat`` before a byte is read:
        a FIFO, device or socket is refused at once (a FIFO would hang a plain
        open, ``/dev/zero`` would read as an endless file).
        """
        flags = (
            os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        )
        try:
            fd = os.open(self.path, flags)
        except (FileNotFoundError, NotADirectoryError):
            return False
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise self._corrupt("it is a directory")
            if not stat.S_ISREG(mode):
                raise ScoresError(
                    f"{self.path} is {kind(mode)}, not a regular file: scores are kept in a"
                    f" file; point --db or {ENV_DB} at a file path (or a postgresql:// URL)"
                )
            head = os.read(fd, len(_SQLITE_MAGIC))
        finally:
            os.close(fd)
        if head and head != _SQLITE_MAGIC[: len(head)]:
            raise self._corrupt("file is not a database")
        return True

    def _connect(self, uri: str) -> sqlite3.Connection:
        conn = sqlite3.connect(uri, timeout=self.timeout, isolation_level=None, uri=True)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def _uri(self, mode: str) -> str:
        return f"{self.path.absolute().as_uri()}?mode={mode}"

    def _open_checked(self, uri: str) -> tuple[sqlite3.Connection, int]:
        conn = self._connect(uri)
        try:
            return conn, migrations.schema_version(conn)
        except BaseException:
            conn.close()
            raise

    def _reader(self) -> sqlite3.Connection | None:
        """A connection to read from; None if there is no database (nothing is created)."""
        if self._conn is not None:
            return self._conn
        try:
            if not self._sniff():
                return None
            try:
                conn, version = self._open_checked(self._uri("ro"))
            except sqlite3.OperationalError as e:
                if _errcode(e) not in _READONLY_CODES:
                    raise
                # A WAL database in a dir we cannot write: no -shm can be made, so
                # read the main file as it is (no writer can be adding a WAL there).
                conn, version = self._open_checked(self._uri("ro") + "&immutable=1")
        except (sqlite3.Error, OSError, migrations.SchemaTooNew, migrations.NotOurDatabase) as e:
            raise self._translate(e, writing=False) from e
        if version == 0:
            conn.close()
            return None  # an empty SQLite file: no rounds yet
        if version < migrations.LATEST:
            conn.close()
            try:
                return self._writer()  # an older schema: migrate it first
            except ScoresNotSaved as e:
                raise ScoresError(
                    f"{self.path}: made by an older hitrun-quiz (schema v{version}) and cannot"
                    f" be upgraded: {e}"
                ) from e
        self._conn, self._writable = conn, False
        return conn

    def _writer(self) -> sqlite3.Connection:
        """A read-write connection with every migration applied; creates the file."""
        if self._conn is not None and self._writable:
            return self._conn
        self.close()
        try:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise ScoresNotSaved(
                    f"scores not saved: cannot create {self.path.parent} ({e.strerror or e})"
                ) from e
            self._sniff()
            conn = self._connect(self._uri("rwc"))
            try:
                # Check the file BEFORE anything writes to it (the WAL switch writes).
                migrations.schema_version(conn)
                self._retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
                conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; no fsync per round
                self._retry_busy(lambda: migrate(SqliteConn(conn)))
            except BaseException:
                conn.close()
                raise
        except (sqlite3.Error, OSError, migrations.SchemaTooNew, migrations.NotOurDatabase) as e:
            raise self._translate(e, writing=True) from e
        self._conn, self._writable = conn, True
        return conn

    @staticmethod
    def _retry_busy(fn: Callable[[], T], attempts: int = 5) -> T:
        """Run ``fn``; retry a few times on an immediate 'database is locked'.

        SQLite skips the busy handler in a few cases (e.g. two processes switching a
        new file to WAL at once) and fails at once; a failure after waiting the whole
        busy timeout is final.
        """
        for attempt in range(attempts):
            started = time.monotonic()
            try:
                return fn()
            except sqlite3.OperationalError as e:
                waited = time.monotonic() - started
                if not _is_busy(e) or waited > 1.0 or attempt == attempts - 1:
                    raise
                time.sleep(0.02 * (attempt + 1))
        raise AssertionError("unreachable")

    def _wrapped(self, conn: sqlite3.Connection) -> SqliteConn:
        if self._store_conn is None or self._store_conn.raw is not conn:
            self._store_conn = SqliteConn(conn)
        return self._store_conn

    def write(self, body: Callable[[Conn], T], foreign_keys: bool = True) -> T:
        """Run ``body(conn)`` in one BEGIN IMMEDIATE transaction; all or nothing."""
        conn = self._writer()
        try:
            if not foreign_keys:
                conn.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
            try:
                self._retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
                try:
                    result = body(self._wrapped(conn))
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            finally:
                if not foreign_keys:
                    conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as e:
            err = self._translate(e, writing=True)
            if err is e:
                raise
            self.close()
            raise err from e
        return result

    def read(self, body: Callable[[Conn], T], empty: T) -> T:
        conn = self._reader()
        if conn is None:
            return empty
        try:
            return body(self._wrapped(conn))
        except sqlite3.Error as e:
            err = self._translate(e, writing=False)
            if err is e:
                raise
            self.close()
            raise err from e
