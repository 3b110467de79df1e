"""The outbox: rounds played while the league could not be reached, kept until sent.

A small SQLite file in the data dir (``outbox.db``), one row a round: its
UUID, the league it is for (``host:port/dbname``, never a password) and the
round as JSON. A round leaves the outbox only after the league has stored it;
the league stores a round's UUID once, so a round sent twice (the answer to a
send lost on the way) is never doubled.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from hitrun_quiz.store.base import ScoresNotSaved
from hitrun_quiz.store.records import RoundRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    uuid      TEXT PRIMARY KEY,
    league    TEXT NOT NULL,           -- host:port/dbname
    queued_at REAL NOT NULL,           -- unix time
    round     TEXT NOT NULL            -- RoundRecord.to_json()
)
"""


class Outbox:
    """The outbox file at ``path`` (made on the first round queued)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if not create and not self.path.exists():
            return None
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute(_SCHEMA)
        except (sqlite3.Error, OSError) as e:
            raise ScoresNotSaved(
                f"round not saved: cannot write the outbox {self.path} ({e})"
            ) from None
        return conn

    def put(self, league: str, rec: RoundRecord) -> None:
        """Keep ``rec`` until it is sent to ``league`` (a round already queued stays once)."""
        conn = self._connect(create=True)
        assert conn is not None
        try:
            conn.execute(
                "INSERT INTO outbox (uuid, league, queued_at, round) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (uuid) DO NOTHING",
                (rec.uuid, league, time.time(), json.dumps(rec.to_json(), ensure_ascii=False)),
            )
        except sqlite3.Error as e:
            raise ScoresNotSaved(
                f"round not saved: cannot write the outbox {self.path} ({e})"
            ) from None
        finally:
            conn.close()

    def pending(self, league: str) -> list[RoundRecord]:
        """The rounds waiting for ``league``, oldest first."""
        conn = self._connect(create=False)
        if conn is None:
            return []
        try:
            rows = conn.execute(
                "SELECT round FROM outbox WHERE league = ? ORDER BY queued_at, uuid", (league,)
            ).fetchall()
        finally:
            conn.close()
        return [RoundRecord.from_json(json.loads(r[0])) for r in rows]

    def remove(self, uuid: str) -> None:
        """Forget a round the league has stored."""
        conn = self._connect(create=False)
        if conn is None:
            return
        try:
            conn.execute("DELETE FROM outbox WHERE uuid = ?", (uuid,))
        finally:
            conn.close()

    def count(self, league: str | None = None) -> int:
        """How many rounds wait (for ``league``, or for any league)."""
        conn = self._connect(create=False)
        if conn is None:
            return 0
        try:
            if league is None:
                return int(conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])
            sql = "SELECT COUNT(*) FROM outbox WHERE league = ?"
            return int(conn.execute(sql, (league,)).fetchone()[0])
        finally:
            conn.close()
