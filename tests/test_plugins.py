"""Plugin packs: tiny wheels, written by hand, installed with ``pip install --target``.

``packs list`` shows a plugin's pack with the origin ``plugin (DIST)``; a plugin
that raises anything, names paths without end, is slow, or reuses a pack id is
reported on stderr in one line and skipped, and every other pack is listed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from hitrun_quiz.packs.plugins import TIMEOUT

from .conftest import MINI, ROOT, Run

ENTRY_POINTS = {
    "hitrun_demo_packs": "[hitrun_quiz.packs]\ndemo = hitrun_demo_packs\n",
    "hitrun_broken_packs": "[hitrun_quiz.packs]\nbroken = hitrun_broken_packs:NOT_THERE\n",
}
# Hostile plugins, each its own distribution: what its module does, and its entry point.
HOSTILE = {
    "hitrun_exit_packs": ("raise SystemExit(3)\n", "hitrun_exit_packs"),
    "hitrun_ctrlc_packs": ("raise KeyboardInterrupt\n", "hitrun_ctrlc_packs"),
    "hitrun_endless_packs": (
        "import itertools\n\n\ndef PACKS():\n"
        "    return (f'/x/{i}.yaml' for i in itertools.count())\n",
        "hitrun_endless_packs:PACKS",
    ),
    "hitrun_slow_packs": ("import time\n\ntime.sleep(60)\n", "hitrun_slow_packs"),
    "hitrun_taken_packs": ("", "hitrun_taken_packs"),  # ships hit-and-run and plugin-demo
}
for _module, (_code, _value) in HOSTILE.items():
    ENTRY_POINTS[_module] = f"[hitrun_quiz.packs]\nmain = {_value}\n"


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


def install(target: Path, wheels: list[Path]) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), *map(str, wheels)],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with the two plugins installed by pip, for PYTHONPATH."""
    build = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    pack = MINI.read_text(encoding="utf-8").replace("id: mini", "id: plugin-demo")
    install(
        target,
        [
            write_wheel(
                build, "hitrun_demo_packs", {"__init__.py": MARK_IMPORT, "demo.yaml": pack}
            ),
            write_wheel(build, "hitrun_broken_packs", {"__init__.py": "VALUE = 1\n"}),
        ],
    )
    return target


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, plugin_site: Path) -> Path:
    """The demo plugin, and beside it every hostile one."""
    build = tmp_path_factory.mktemp("hostile-wheels")
    target = tmp_path_factory.mktemp("hostile-site")
    demo = MINI.read_text(encoding="utf-8").replace("id: mini", "id: plugin-demo")
    builtin = MINI.read_text(encoding="utf-8").replace("id: mini", "id: hit-and-run")
    wheels = [write_wheel(build, "hitrun_demo_packs", {"__init__.py": "", "demo.yaml": demo})]
    for module, (code, _value) in HOSTILE.items():
        files = {"__init__.py": code}
        if module == "hitrun_taken_packs":
            files |= {"a-builtin.yaml": builtin, "b-demo.yaml": demo}
        wheels.append(write_wheel(build, module, files))
    install(target, wheels)
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


def test_without_the_plugin_nothing_is_listed(script: Run) -> None:
    result = script("packs", "list", "--json")
    assert "plugin-demo" not in result.stdout and result.stderr == ""


def test_hostile_plugins_are_skipped_in_one_line_each_and_the_rest_is_listed(
    script: Run, hostile_site: Path
) -> None:
    started = time.monotonic()
    result = script("packs", "list", "--json", PYTHONPATH=str(hostile_site))
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert took < TIMEOUT + 5  # the slow plugin is given up on, not waited for
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["hit-and-run"]["origin"] == "builtin"
    assert rows["plugin-demo"]["origin"] == "plugin (hitrun-demo-packs)"
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    prefix = "hitrun-quiz: skipping a broken pack: "

    def line(start: str) -> str:
        (found,) = [x for x in lines if x.startswith(prefix + start)]
        return found

    assert line("plugin: plugin 'main' of hitrun-exit-packs: SystemExit: 3; skipped")
    assert line("plugin: plugin 'main' of hitrun-ctrlc-packs: KeyboardInterrupt; skipped")
    assert line(
        "plugin: plugin 'main' of hitrun-endless-packs: names more than 1000 pack files; skipped"
    )
    assert line(
        f"plugin: plugin 'main' of hitrun-slow-packs: gave no packs within {TIMEOUT:g} s; skipped"
    )
    refused_builtin = line(f"{hostile_site / 'hitrun_taken_packs' / 'a-builtin.yaml'}: ")
    assert refused_builtin.endswith(
        "the plugin (hitrun-taken-packs) pack 'hit-and-run' is refused: the builtin pack "
        f"{ROOT / 'questions' / 'hit-and-run.yaml'} has that id"
    )
    refused_demo = line(f"{hostile_site / 'hitrun_taken_packs' / 'b-demo.yaml'}: ")
    assert refused_demo.endswith(
        "the plugin (hitrun-taken-packs) pack 'plugin-demo' is refused: the plugin "
        f"(hitrun-demo-packs) pack {hostile_site / 'hitrun_demo_packs' / 'demo.yaml'} has that id"
    )
    assert len(lines) == 6


def test_only_commands_that_list_or_find_packs_scan_for_plugins(
    script: Run, plugin_site: Path, home: Path
) -> None:
    env = {"PYTHONPATH": str(plugin_site)}
    mark = home / "imports.txt"
    env = {"PYTHONPATH": str(plugin_site), "HITRUN_PLUGIN_MARK": str(mark)}
    played = script("play", "--count", "1", "--seed", "1", "--json", input="\n", **env)
    assert played.returncode == 0, played.stderr
    assert script("packs", "show", "hit-and-run", **env).returncode == 0
    assert not mark.exists()  # the plugin's code was never imported
    assert script("packs", "list", **env).returncode == 0
    assert mark.read_text(encoding="utf-8") == "imported\n"
