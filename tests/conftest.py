"""Shared fixtures: every test gets its own data dir, and a way to run the real program."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"
SCRIPT = Path(sys.executable).parent / "hitrun-quiz"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HITRUN_QUIZ_HOME at a fresh dir, so no test touches a real home."""
    path = tmp_path / "home"
    monkeypatch.setenv("HITRUN_QUIZ_HOME", str(path))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return path


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli() -> Run:
    """Run the installed console script with pipes (never a terminal)."""

    def run(
        *args: str, input: str | None = "", cwd: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or ROOT,
            env={**os.environ, **env},
            timeout=60,
        )

    return run


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the whole session (tests/pgserver.py); never skipped.

    If it cannot start, every test that uses it fails with the reason.
    """
    from .pgserver import PgServer

    server = PgServer()
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def league_db(pg_server) -> str:
    """A fresh database on the server with the league's schema; its name."""
    from hitrun_quiz.store.league import init_schema

    name = pg_server.new_database()
    init_schema(pg_server.url(name))
    return name


class Engine:
    """One engine under the store, for tests that run on both: its target, and raw SQL."""

    def __init__(self, name: str, target: Path | str, server=None, db: str = "") -> None:
        self.name = name
        self.target = target
        self.server = server
        self.db = db

    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        """Run a statement (``?`` placeholders) straight on the engine, not through the store."""
        if self.name == "sqlite":
            import sqlite3

            conn = sqlite3.connect(self.target)
            try:
                return conn.execute(sql, args).fetchall()
            finally:
                conn.close()
        from hitrun_quiz.store.dialect import POSTGRES

        return self.server.query(POSTGRES.sql(sql), args, db=self.db)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    """The store's tests run on both engines: an SQLite file, and a league database."""
    if request.param == "sqlite":
        return Engine("sqlite", tmp_path / "data" / "scores.db")
    server = request.getfixturevalue("pg_server")
    name = request.getfixturevalue("league_db")
    return Engine("postgresql", server.url(name), server, name)
