"""Plugin packs: a tiny wheel, written by hand, installed with ``pip install --target``.

``packs list`` shows its pack with the origin ``plugin (DIST)``; a broken plugin
is reported on stderr and skipped; the plugin scan is cached by distribution.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import MINI, Run

ENTRY_POINTS = {
    "hitrun_demo_packs": "[hitrun_quiz.packs]\ndemo = hitrun_demo_packs\n",
    "hitrun_broken_packs": "[hitrun_quiz.packs]\nbroken = hitrun_broken_packs:NOT_THERE\n",
}


# The demo plugin notes each import of its code, so a test can see the cache at work.
MARK_IMPORT = """\
import os

if os.environ.get("HITRUN_PLUGIN_MARK"):
    with open(os.environ["HITRUN_PLUGIN_MARK"], "a") as f:
        f.write("imported\\n")
"""


def write_wheel(directory: Path, module: str, files: dict[str, str]) -> Path:
    """A minimal pure-Python wheel: the module's files and its dist-info."""
    dist = module.replace("_", "-")
    info = f"{module}-1.0.dist-info"
    contents = {
        **{f"{module}/{name}": text for name, text in files.items()},
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n",
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
        f"{info}/entry_points.txt": ENTRY_POINTS[module],
    }
    record = "".join(f"{name},,\n" for name in contents) + f"{info}/RECORD,,\n"
    wheel = directory / f"{module}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, text in contents.items():
            z.writestr(name, text)
        z.writestr(f"{info}/RECORD", record)
    return wheel


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with the two plugins installed by pip, for PYTHONPATH."""
    build = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    pack = MINI.read_text(encoding="utf-8").replace("id: mini", "id: plugin-demo")
    wheels = [
        write_wheel(build, "hitrun_demo_packs", {"__init__.py": MARK_IMPORT, "demo.yaml": pack}),
        write_wheel(build, "hitrun_broken_packs", {"__init__.py": "VALUE = 1\n"}),
    ]
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), *map(str, wheels)],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    return target


def test_a_plugin_pack_is_listed_with_its_distribution(script: Run, plugin_site: Path) -> None:
    for _ in range(2):  # the second run takes what each distribution offers from the cache
        result = script("packs", "list", "--json", PYTHONPATH=str(plugin_site))
        assert result.returncode == 0
        rows = {r["id"]: r for r in json.loads(result.stdout)}
        assert rows["plugin-demo"]["origin"] == "plugin (hitrun-demo-packs)"
        assert rows["plugin-demo"]["questions"] == 4
        assert (
            "hitrun-quiz: skipping a broken pack: plugin: plugin 'broken' of hitrun-broken-packs: "
            "AttributeError" in result.stderr
        )
    table = script("packs", "list", PYTHONPATH=str(plugin_site)).stdout
    assert "plugin (hitrun-demo-packs)" in table


def test_a_plugin_pack_can_be_played_and_shown_by_id(script: Run, plugin_site: Path) -> None:
    shown = script("packs", "show", "plugin-demo", "--json", PYTHONPATH=str(plugin_site))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["origin"] == "plugin"
    played = script(
        "play", "--pack", "plugin-demo", "--count", "1", "--seed", "1", "--json",
        input="\n", PYTHONPATH=str(plugin_site),
    )  # fmt: skip
    assert played.returncode == 0, played.stderr
    assert '"packs": ["plugin-demo"]' in played.stdout


def test_without_the_plugin_nothing_is_listed(cli: Run) -> None:
    result = cli("packs", "list", "--json")
    assert "plugin-demo" not in result.stdout and result.stderr == ""


def test_the_plugin_scan_is_cached_by_distribution(
    script: Run, plugin_site: Path, home: Path, tmp_path: Path
) -> None:
    mark = tmp_path / "imports.txt"
    env = {"PYTHONPATH": str(plugin_site), "HITRUN_PLUGIN_MARK": str(mark)}
    for _ in range(3):
        assert "plugin-demo" in script("packs", "list", "--json", **env).stdout
    assert mark.read_text(encoding="utf-8") == "imported\n"  # once, then from the cache
    cached = json.loads((home / "cache" / "plugins.json").read_text(encoding="utf-8"))
    assert any("hitrun_demo_packs-1.0.dist-info" in key for key in cached["dists"])


def test_only_commands_that_list_or_find_packs_scan_for_plugins(
    cli: Run, plugin_site: Path, home: Path
) -> None:
    env = {"PYTHONPATH": str(plugin_site)}
    played = cli("play", "--count", "1", "--seed", "1", "--json", input="\n", **env)
    assert played.returncode == 0, played.stderr
    assert cli("packs", "show", "hit-and-run", **env).returncode == 0
    assert not (home / "cache" / "plugins.json").exists()
    assert cli("packs", "list", **env).returncode == 0
    assert (home / "cache" / "plugins.json").exists()
