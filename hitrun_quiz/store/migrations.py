"""Ordered, named schema migrations of the high-score database.

The schema version lives in the database header (``PRAGMA user_version``); the
database is marked as ours with ``PRAGMA application_id`` so another program's
SQLite file is never taken for (and migrated into) a scores database. Every
applied migration is also listed in ``_migrations`` (version, name, unix time).

:func:`migrate` applies every pending migration in ONE ``BEGIN IMMEDIATE``
transaction and re-reads the version once it holds the write lock, so two
processes creating the database at the same moment both succeed and the
migrations run exactly once. Applying them again is a no-op.

To change the schema, append a :class:`Migration` with the next version; never
edit or reorder one that has shipped.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import NamedTuple

#: ``PRAGMA application_id`` of a hitrun-quiz scores database ("HQZ1").
APPLICATION_ID = 0x48515A31


class Migration(NamedTuple):
    """One schema step: run ``apply`` (an SQL script or a callable) to reach ``version``."""

    version: int
    name: str
    apply: str | Callable[[sqlite3.Connection], None]


class SchemaTooNew(Exception):
    """The database was written by a newer hitrun-quiz than this one."""

    def __init__(self, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(f"schema v{found}, this version knows up to v{known}")


class NotOurDatabase(Exception):
    """The file is an SQLite database, but not a hitrun-quiz scores database."""


_V1 = f"""
CREATE TABLE rounds (
    id          INTEGER PRIMARY KEY,
    player      TEXT    NOT NULL,
    score       INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    answered    INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    filters     TEXT    NOT NULL,           -- JSON object
    seed        INTEGER NOT NULL,
    mode        TEXT    NOT NULL,           -- 'interactive' | 'scripted'
    started_at  REAL    NOT NULL,           -- unix time
    finished_at REAL    NOT NULL,           -- unix time
    finished    INTEGER NOT NULL            -- 0 | 1; only 1 enters the table
);

-- top(): finished rounds in table order, read straight off the index;
-- rank(): a COUNT over the index entries ordered before a round.
CREATE INDEX rounds_rank ON rounds (finished, score DESC, finished_at, id);

-- top(player=...): same order, one player (case-insensitive).
CREATE INDEX rounds_player
    ON rounds (player COLLATE NOCASE, finished, score DESC, finished_at, id);

-- finished/score/finished_at are copied from the round (rounds never change once
-- recorded) so that top(pack=...) also reads its rows straight off an index.
CREATE TABLE round_packs (
    round_id    INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    pack_id     TEXT    NOT NULL,
    position    INTEGER NOT NULL,           -- order the packs were given in
    finished    INTEGER NOT NULL,
    score       INTEGER NOT NULL,
    finished_at REAL    NOT NULL,
    PRIMARY KEY (round_id, pack_id)
) WITHOUT ROWID;

CREATE INDEX round_packs_rank
    ON round_packs (pack_id, finished, score DESC, finished_at, round_id);

CREATE TABLE results (
    round_id    INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,           -- 0-based place in the round
    pack_id     TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    correct     INTEGER NOT NULL,
    answered    INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    seconds     REAL,                       -- NULL: not timed
    given       TEXT,                       -- NULL: no answer given
    PRIMARY KEY (round_id, position)
) WITHOUT ROWID;

PRAGMA application_id = {APPLICATION_ID};
"""


def _v2_player_key(conn: sqlite3.Connection) -> None:
    """A folded player name (NFKC, then casefold) to query by: "élodie" finds "Élodie".

    SQLite's NOCASE folds ASCII only.  Portable SQL; the fold itself is done in
    Python (:func:`~hitrun_quiz.safetext.fold_name`) for the rounds already stored.
    """
    from hitrun_quiz.safetext import fold_name

    conn.execute("ALTER TABLE rounds ADD COLUMN player_key TEXT NOT NULL DEFAULT ''")
    rows = conn.execute("SELECT id, player FROM rounds").fetchall()
    conn.executemany(
        "UPDATE rounds SET player_key = ? WHERE id = ?", [(fold_name(p), i) for i, p in rows]
    )
    conn.execute("DROP INDEX IF EXISTS rounds_player")
    conn.execute(
        "CREATE INDEX rounds_player_key"
        " ON rounds (player_key, finished, score DESC, finished_at, id)"
    )


#: Every migration, oldest first; versions are 1, 2, 3, ... without gaps.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create rounds, round_packs, results", _V1),
    Migration(2, "rounds.player_key: player names folded for queries", _v2_player_key),
)

#: The schema version this code writes and reads.
LATEST: int = MIGRATIONS[-1].version

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS _migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at REAL NOT NULL
)
"""


_HEADER_SQL = """
SELECT (SELECT application_id FROM pragma_application_id()),
       (SELECT user_version FROM pragma_user_version()),
       EXISTS (SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\')
"""


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (``;`` inside strings is safe).

    ``executescript`` would COMMIT the surrounding transaction, so scripts are run
    one statement at a time instead.
    """
    out: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            stmt = buf.strip()
            if stmt.rstrip(";").strip():
                out.append(stmt)
            buf = ""
    if buf.rstrip(";").strip():
        out.append(buf.rstrip(";").strip())
    return out


def schema_version(conn: sqlite3.Connection) -> int:
    """Check that ``conn`` is a scores database this code can use; return its version.

    0 means an empty database (nothing applied yet). Raises :class:`NotOurDatabase`
    for another program's SQLite file and :class:`SchemaTooNew` for a newer schema.
    Reads only the header and the schema table, never writes.
    """
    # ONE statement, so one snapshot: another process may be committing the first
    # migration right now, and mixing its before and after would look like garbage.
    app_id, version, has_tables = conn.execute(_HEADER_SQL).fetchone()
    if app_id == APPLICATION_ID:
        if version > LATEST:
            raise SchemaTooNew(version, LATEST)
        return int(version)
    if app_id == 0 and version == 0 and not has_tables:
        return 0
    raise NotOurDatabase("it holds another program's data")


def migrate(conn: sqlite3.Connection, now: Callable[[], float] = time.time) -> list[Migration]:
    """Bring the database up to :data:`LATEST`; return the migrations applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``) with no open
    transaction. Idempotent; everything happens in one ``BEGIN IMMEDIATE``
    transaction, rolled back as a whole on any error.
    """
    if schema_version(conn) == LATEST:
        return []  # the usual case: no write lock taken
    if conn.in_transaction:
        raise RuntimeError("migrate() needs a connection without an open transaction")
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)  # again: another process may have won the race
        pending = [m for m in MIGRATIONS if m.version > current]
        if pending:
            conn.execute(_BOOKKEEPING)
        for m in pending:
            if callable(m.apply):
                m.apply(conn)
            else:
                for stmt in statements(m.apply):
                    conn.execute(stmt)
            conn.execute(
                "INSERT OR REPLACE INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (m.version, m.name, now()),
            )
            conn.execute(f"PRAGMA user_version = {int(m.version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return pending
