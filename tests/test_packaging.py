"""The wheel: built from the tree, installed into a fresh venv, run from elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("hitrun_quiz-*.whl")
    return built


def test_the_wheel_ships_the_builtin_pack(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "hitrun_quiz/questions/hit-and-run.yaml" in names
    assert not any(n.startswith(("tests/", "questions/")) for n in names)


def test_installed_wheel_lists_packs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir)  # no pip of its own: ours installs into it (ensurepip takes seconds)
    bin_dir = env_dir / "bin"
    pip = [sys.executable, "-m", "pip", "--python", str(bin_dir / "python")]
    subprocess.run(
        [*pip, "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "HITRUN_QUIZ_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [str(bin_dir / "hitrun-quiz"), "packs", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["id"] == "hit-and-run" and row["questions"] >= 90
    assert "site-packages" in row["path"]
    played = subprocess.run(
        [str(bin_dir / "hitrun-quiz"), "play", "--json", "--seed", "1", "-n", "3"],
        input="a\nb\nc\n",
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert played.returncode == 0, played.stderr
    assert json.loads(played.stdout.splitlines()[-1])["total"] == 3
