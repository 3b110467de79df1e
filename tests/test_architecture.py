"""The core never imports the CLI or UI libraries; docs examples stay valid."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from hitrun_quiz.schema import parse_pack

from .conftest import ROOT

CORE = [
    "model",
    "errors",
    "paths",
    "packs",
    "packcache",
    "schema",
    "library",
    "answers",
    "game",
    "scores",
    "session",
]


@pytest.mark.parametrize("module", CORE)
def test_core_modules_do_not_import_ui_libraries(module: str) -> None:
    code = (
        f"import sys, hitrun_quiz.{module}; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'typer', 'rich', 'questionary', 'prompt_toolkit', 'pydantic'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_docs_example_pack_validates() -> None:
    text = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert example is not None
    pack = parse_pack(example.group(1), path="docs/packs.md")
    assert {q.type for q in pack.questions} == {"choice", "truefalse", "text", "number"}
