"""Shared fixtures: every test gets its own data dir, and a way to run the real program."""

from __future__ import annotations

import ctypes
import functools
import os
import subprocess
import sys
import tempfile
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
def script() -> Run:
    """Run the installed console script with pipes (never a terminal): a real process."""

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


@pytest.fixture
def cli() -> Run:
    """Run the command line in this process: like :func:`script`, without starting Python.

    For tests where the process is not the point: the same arguments, the same
    environment isolation (``env`` on top of the test's, a fresh data dir),
    stdin from ``input``, and a ``CompletedProcess`` with the exit code and
    the text of stdout and stderr.  It goes through ``hitrun_quiz.cli.run``,
    the one handler, so exit codes and messages are the real ones.  Use
    :func:`script` (a subprocess) where the process is the point: pipes,
    signals, encodings, closed streams, ``COLUMNS``, golden files, exit codes;
    and a pty (pexpect) for interactive play.
    """
    return run_in_process


def run_in_process(
    *args: str, input: str | None = "", cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    from typer.testing import CliRunner

    from hitrun_quiz.app import league
    from hitrun_quiz.cli import run as cli_run

    runner = CliRunner()
    old_cwd, old_env = os.getcwd(), dict(os.environ)
    os.chdir(cwd or ROOT)
    try:
        with runner.isolation(input=input or "", env=env) as (out, err, _):
            sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]  # as prepare() does
            try:
                code = cli_run(list(args))
            except SystemExit as exc:  # pragma: no cover - run() returns its code
                code = exc.code if isinstance(exc.code, int) else 1
            sys.stdout.flush()
            sys.stderr.flush()
            stdout = out.getvalue().decode("utf-8", "replace")
            stderr = err.getvalue().decode("utf-8", "replace")
    finally:
        os.chdir(old_cwd)
        os.environ.clear()  # --no-color sets NO_COLOR for the rest of its process only
        os.environ.update(old_env)
        league._override = None  # --db lasts one command, as in a process
    return subprocess.CompletedProcess(list(args), int(code), stdout, stderr)


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


# --------------------------------------------------------------------------- file modes


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "file_modes: a test about file permissions; where this process ignores file modes "
        "(root), it runs in a child process that they stop (see pytest_pyfunc_call)",
    )


_CHILD = "HITRUN_QUIZ_TEST_FILE_MODES_CHILD"


@functools.cache
def ignores_file_modes() -> bool:
    """True if this process opens a file it has no permission for (root, CAP_DAC_OVERRIDE)."""
    fd, name = tempfile.mkstemp(prefix="hitrun-quiz-probe-")
    os.close(fd)
    try:
        os.chmod(name, 0)
        try:
            with open(name, "rb"):
                return True
        except PermissionError:
            return False
    finally:
        os.unlink(name)


def drop_dac() -> None:
    """In a child before exec: root without the capabilities that ignore file modes.

    Dropped from the bounding set (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
    CAP_FOWNER), so the program exec'd after it meets a real EACCES.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2, 3):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            errno = ctypes.get_errno()
            raise OSError(errno, f"prctl(PR_CAPBSET_DROP, {cap}): {os.strerror(errno)}")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run a ``file_modes`` test where file modes hold; never skip it.

    Where this process ignores them (root: CI), the test runs instead in a
    child pytest without the capabilities that let root ignore them, and
    passes or fails with that run.  Elsewhere it runs here, as any test.
    """
    if pyfuncitem.get_closest_marker("file_modes") is None or not ignores_file_modes():
        return None
    if os.environ.get(_CHILD):
        pytest.fail("file modes still do not hold after dropping CAP_DAC_OVERRIDE", pytrace=False)
    config = pyfuncitem.config
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    with tempfile.TemporaryDirectory(prefix="hitrun-quiz-file-modes-") as basetemp:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
             f"--rootdir={config.rootpath}", f"--basetemp={basetemp}/t", pyfuncitem.nodeid],
            cwd=config.rootpath,
            env={**env, _CHILD: "1"},
            preexec_fn=drop_dac,
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
    if result.returncode != 0 or "1 passed" not in result.stdout:
        pytest.fail(
            f"run without CAP_DAC_OVERRIDE (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}",
            pytrace=False,
        )
    return True
