"""The high-score store: finished (and unfinished) rounds in an SQLite file.

Every round is recorded, with its packs and per-question results, but only
FINISHED rounds enter the high-score table (:meth:`ScoreStore.top`,
:meth:`ScoreStore.rank`); an unfinished round (quit, interrupted) is kept for the
record and counted by ``count()`` but never ranked.

Table order: score DESC, then finished_at ASC (whoever got there first keeps the
place), then round id ASC. Ranks are positions in that order (1, 2, 3, ...), so
two equal scores get different ranks.

Errors: a file that is not a usable scores database (corrupt, not SQLite,
another program's database, newer schema) raises
:class:`~hitrun_quiz.errors.ScoresError` and is never modified; a database that
cannot be written (read-only dir or file, disk full, locked for too long)
raises :class:`ScoresNotSaved`. Reading a database that does not exist returns
empty results and creates nothing.

Stdlib only, no output; the CLI and UI do the talking.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from hitrun_quiz.errors import QuizError, ScoresError
from hitrun_quiz.safetext import MAX_PLAYER_LEN, clean_player_name, fold_name
from hitrun_quiz.store import migrations
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow
from hitrun_quiz.store.sqlerrors import (
    _READONLY_CODES,
    _SQLITE_MAGIC,
    _errcode,
    _is_busy,
    _is_corrupt,
    _shell_quote,
    _text,
)

__all__ = [
    "MAX_PLAYER_LEN",
    "MODES",
    "QuestionResult",
    "RoundRecord",
    "ScoreRow",
    "ScoreStore",
    "ScoresNotSaved",
    "clean_player_name",
]

MODES = ("interactive", "scripted")
BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")


class ScoresNotSaved(QuizError):
    """The scores database cannot be written (read-only, full, locked); the round still plays."""


# --------------------------------------------------------------------------- store

_ORDER = "r.score DESC, r.finished_at ASC, r.id ASC"
_PACK_ORDER = "p.score DESC, p.finished_at ASC, p.round_id ASC"
_ROW_COLUMNS = (
    "r.id, r.player, r.score, r.correct, r.answered, r.total, r.mode, r.finished_at, r.seed"
)


class ScoreStore:
    """The scores database at ``path`` (see the module docstring for the rules).

    The connection is opened lazily: read-only (``mode=ro``) for ``top``/``rank``/
    ``count``, read-write with migrations applied for ``record``/``reset``. Use as
    a context manager or call :meth:`close`.
    """

    def __init__(self, path: Path | str, timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._writable = False

    # ---- lifecycle

    def __enter__(self) -> ScoreStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the store reopens it if used again)."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()

    # ---- errors

    def _corrupt(self, reason: str) -> ScoresError:
        p = str(self.path)
        q = _shell_quote(p)
        return ScoresError(
            f"{p} is not a hitrun-quiz scores database ({reason}); "
            f"move it aside (mv {q} {_shell_quote(p + '.bak')}) and a new one will be made"
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
        """True if the file exists; refuse (without touching it) anything not SQLite."""
        try:
            with open(self.path, "rb") as f:
                head = f.read(len(_SQLITE_MAGIC))
        except (FileNotFoundError, NotADirectoryError):
            return False
        except IsADirectoryError:
            raise self._corrupt("it is a directory") from None
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
                self._retry_busy(lambda: migrations.migrate(conn))
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

    def _write_txn(self, body: Callable[[sqlite3.Connection], T], foreign_keys: bool = True) -> T:
        """Run ``body(conn)`` in one BEGIN IMMEDIATE transaction; all or nothing."""
        conn = self._writer()
        try:
            if not foreign_keys:
                conn.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
            try:
                self._retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
                try:
                    result = body(conn)
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

    def _read(self, body: Callable[[sqlite3.Connection], T], empty: T) -> T:
        conn = self._reader()
        if conn is None:
            return empty
        try:
            return body(conn)
        except sqlite3.Error as e:
            err = self._translate(e, writing=False)
            if err is e:
                raise
            self.close()
            raise err from e

    # ---- writing

    def record(self, rec: RoundRecord) -> int:
        """Store a round with its packs and per-question results; return its id.

        One transaction: nothing is half-written. The player name is cleaned with
        :func:`clean_player_name`; a name that cleans to "", an unknown mode or a
        seed outside signed 64 bits is a ValueError (the caller substitutes a
        default name before recording). Duplicate pack ids are stored once.
        """
        player = clean_player_name(rec.player)
        if not player:
            raise ValueError("player name is empty after cleaning")
        if rec.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {rec.mode!r}")
        if not -(2**63) <= int(rec.seed) < 2**63:
            raise ValueError(f"seed {rec.seed} does not fit in 64 bits (SQLite INTEGER)")
        packs = list(dict.fromkeys(_text(p) for p in rec.packs))
        filters = json.dumps(rec.filters, sort_keys=True, ensure_ascii=False, default=str)
        round_row = (
            player,
            int(rec.score),
            int(rec.correct),
            int(rec.answered),
            int(rec.total),
            _text(filters),
            int(rec.seed),
            rec.mode,
            float(rec.started_at),
            float(rec.finished_at),
            1 if rec.finished else 0,
            fold_name(player),
        )
        finished, score, finished_at = round_row[10], round_row[1], round_row[9]
        results = [
            (
                i,
                _text(r.pack_id),
                _text(r.question_id),
                1 if r.correct else 0,
                1 if r.answered else 0,
                int(r.points),
                None if r.seconds is None else float(r.seconds),
                None if r.given is None else _text(r.given),
            )
            for i, r in enumerate(rec.results)
        ]

        def body(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO rounds (player, score, correct, answered, total, filters, seed,"
                " mode, started_at, finished_at, finished, player_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                round_row,
            )
            round_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO round_packs (round_id, pack_id, position, finished, score,"
                " finished_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(round_id, p, i, finished, score, finished_at) for i, p in enumerate(packs)],
            )
            conn.executemany(
                "INSERT INTO results (round_id, position, pack_id, question_id, correct,"
                " answered, points, seconds, given) VALUES (?,?,?,?,?,?,?,?,?)",
                [(round_id, *r) for r in results],
            )
            return round_id

        return self._write_txn(body)

    def reset(self) -> int:
        """Delete every round (finished or not) and its results; return how many rounds.

        One transaction. A database that does not exist stays absent (returns 0).
        """
        if self._conn is None:
            try:
                exists = self._sniff()
            except OSError as e:
                raise self._translate(e, writing=True) from e
            if not exists:
                return 0

        def body(conn: sqlite3.Connection) -> int:
            n = int(conn.execute("SELECT COUNT(*) FROM rounds").fetchone()[0])
            conn.execute("DELETE FROM results")
            conn.execute("DELETE FROM round_packs")
            conn.execute("DELETE FROM rounds")
            return n

        # Children are emptied first by hand; without per-row foreign-key checks
        # SQLite truncates each table at once (100,000 rounds: 20 ms instead of 0.5 s).
        return self._write_txn(body, foreign_keys=False)

    # ---- reading

    def top(
        self, limit: int | None = 10, pack: str | None = None, player: str | None = None
    ) -> list[ScoreRow]:
        """The best finished rounds, in table order; ``limit=None`` for all.

        ``pack``: only rounds that used that pack. ``player``: only that player
        (cleaned, then compared by ``fold_name``: Unicode case folding). Ranks are
        places in this (possibly filtered) table.
        """
        if limit is not None and limit <= 0:
            return []
        args: list[Any] = []
        if pack is None:
            sql = f"SELECT {_ROW_COLUMNS} FROM rounds r WHERE r.finished = 1"
        else:
            # round_packs carries the ordering columns: read in order off its index.
            sql = (
                f"SELECT {_ROW_COLUMNS} FROM round_packs p JOIN rounds r ON r.id = p.round_id"
                " WHERE p.pack_id = ? AND p.finished = 1"
            )
            args.append(pack)
        if player is not None:
            sql += " AND r.player_key = ?"  # folded: "élodie" finds "Élodie"
            args.append(fold_name(player))
        sql += " ORDER BY " + (_ORDER if pack is None else _PACK_ORDER)
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))

        def body(conn: sqlite3.Connection) -> list[ScoreRow]:
            rows = conn.execute(sql, args).fetchall()
            packs = self._packs_of(conn, [r[0] for r in rows])
            return [
                ScoreRow(
                    rank=i,
                    round_id=r[0],
                    player=r[1],
                    score=r[2],
                    correct=r[3],
                    answered=r[4],
                    total=r[5],
                    packs=packs.get(r[0], []),
                    mode=r[6],
                    finished_at=r[7],
                    seed=r[8],
                )
                for i, r in enumerate(rows, start=1)
            ]

        return self._read(body, [])

    @staticmethod
    def _packs_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for round_id, pack_id in conn.execute(
                f"SELECT round_id, pack_id FROM round_packs WHERE round_id IN ({marks})"
                " ORDER BY round_id, position",
                chunk,
            ):
                out.setdefault(round_id, []).append(pack_id)
        return out

    def rank(self, round_id: int) -> int | None:
        """The place of a round in the whole high-score table (all finished rounds).

        Same order as :meth:`top` without filters. None for an unfinished or unknown
        round. Counts the index entries ordered before the round.
        """

        def body(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT score, finished_at, finished FROM rounds WHERE id = ?", (round_id,)
            ).fetchone()
            if row is None or not row[2]:
                return None
            score, finished_at = row[0], row[1]
            above = conn.execute(
                "SELECT (SELECT COUNT(*) FROM rounds WHERE finished = 1 AND score > ?)"
                " + (SELECT COUNT(*) FROM rounds WHERE finished = 1 AND score = ?"
                "    AND (finished_at, id) < (?, ?))",
                (score, score, finished_at, round_id),
            ).fetchone()[0]
            return int(above) + 1

        return self._read(body, None)

    def count(self, finished_only: bool = False) -> int:
        """How many rounds are stored (only finished ones if ``finished_only``)."""
        sql = "SELECT COUNT(*) FROM rounds" + (" WHERE finished = 1" if finished_only else "")
        return self._read(lambda conn: int(conn.execute(sql).fetchone()[0]), 0)
