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
