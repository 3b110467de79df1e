"""The layers, read from the import graph; and the docs' example pack stays valid.

Every ``import`` and ``from ... import`` in the package is read with ``ast``,
lazy ones inside functions included.  The layers, from the ground up:

    ground (errors, paths, files, normalise, safetext) < packs < game < store < app < ui < cli

A module imports only from its own layer or below; the store never imports
the game; there is no import circle; the core (packs, game, store, app and the
ground) imports no Typer, Rich or questionary.  A module is one idea: it may
pass 500 lines, a warning says when one passes 700 (time to see whether it
holds two ideas), and none may pass 1,000.  Every command of the registry is
a module of ``cli/`` that defines ``app``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from hitrun_quiz.packs.schema import parse_pack

from .conftest import ROOT

PKG = ROOT / "hitrun_quiz"
LAYERS = ["ground", "packs", "game", "store", "app", "ui", "cli"]
CORE = {"ground", "packs", "game", "store", "app"}
UI_LIBRARIES = {
    "typer",
    "rich",
    "questionary",
    "prompt_toolkit",
    "click",
    "pydantic",
    "websockets",
    "segno",
}
WARN_LINES = 700
MAX_LINES = 1000


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    sub = parts[1] if len(parts) > 1 else ""
    if sub == "__main__":  # `python -m hitrun_quiz` is an entry point, like the CLI
        return "cli"
    return sub if sub in LAYERS else "ground"


def imports(module: str) -> set[str]:
    """Every module this one imports, at the top or inside a function."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from hitrun_quiz.packs import cache` imports a module.
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)
    return found


GRAPH = {m: {i for i in imports(m) if i in MODULES and i != m} for m in MODULES}


def test_the_graph_sees_the_lazy_imports() -> None:
    # cli.play imports the interactive frontend only inside run_round (on a terminal).
    assert "hitrun_quiz.ui.terminal" in GRAPH["hitrun_quiz.cli.play"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_goes_up_a_layer(module: str) -> None:
    mine = LAYERS.index(layer(module))
    upward = sorted(i for i in GRAPH[module] if LAYERS.index(layer(i)) > mine)
    assert not upward, f"{module} ({layer(module)}) imports from above: {upward}"


def test_the_store_does_not_import_the_game() -> None:
    bad = {
        m: GRAPH[m]
        for m in MODULES
        if layer(m) == "store"
        if any(layer(i) == "game" for i in GRAPH[m])
    }
    assert not bad


def test_there_is_no_import_circle() -> None:
    # Package __init__ modules are skipped as sources of edges only when they
    # just register their children (cli/__init__ imports its command modules).
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(GRAPH[m]):
            if state.get(n) == 1:
                cycle = [*path[path.index(n) :], n]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) in CORE))
def test_the_core_imports_no_ui_library(module: str) -> None:
    bad = sorted(i for i in imports(module) if i.split(".")[0] in UI_LIBRARIES)
    assert not bad, f"{module} imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) in CORE))
def test_importing_a_core_module_loads_no_ui_library(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {sorted(UI_LIBRARIES)!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_long_module_warns_and_none_is_huge(module: str) -> None:
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{module}: {n} lines"
    if n > WARN_LINES:
        warnings.warn(f"{module}: {n} lines: one idea, or two?", stacklevel=1)


def test_every_registered_command_is_a_cli_module_with_an_app() -> None:
    from hitrun_quiz.cli import COMMANDS

    for name in COMMANDS:
        module = f"hitrun_quiz.cli.{name}"
        assert module in MODULES, f"{name}: no {module}"
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        assigned = {
            t.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        assert "app" in assigned, f"{module} defines no `app`"


def test_the_docs_example_pack_validates() -> None:
    text = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert example is not None
    pack = parse_pack(example.group(1), path="docs/packs.md")
    assert {q.type for q in pack.questions} == {"choice", "truefalse", "text", "number"}
