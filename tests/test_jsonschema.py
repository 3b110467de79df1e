"""The JSON Schema of the pack format: it accepts every valid pack we have, and it agrees
with the validator on a set of broken packs.

Editors read YAML 1.2 (the YAML language server), so the documents are loaded
here the YAML 1.2 way: only true/false are booleans and dates stay text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hitrun_quiz.errors import PackError
from hitrun_quiz.packs.jsonschema import json_schema
from hitrun_quiz.packs.library import template
from hitrun_quiz.packs.schema import parse_pack

from .conftest import DATA, MINI, ROOT, Run

BOOL = "tag:yaml.org,2002:bool"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Yaml12(yaml.SafeLoader):
    """Safe loading with YAML 1.2's booleans and no timestamps."""


Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (BOOL, TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12)


VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(load12(text))


def validator_accepts(text: str) -> bool:
    try:
        parse_pack(text)
    except PackError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema(cli: Run) -> None:
    printed = json.loads(cli("packs", "schema").stdout)
    assert printed == json_schema()
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(printed)


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "questions" / "hit-and-run.yaml",
        MINI,
        *sorted((DATA / "formats").glob("imported-*.yaml")),
    ],
    ids=lambda p: p.name,
)
def test_valid_packs_pass_the_schema(path: Path) -> None:
    errors = list(VALIDATOR.iter_errors(load12(path.read_text(encoding="utf-8"))))
    assert errors == []


def test_the_template_passes_the_schema_and_points_at_it(cli: Run, tmp_path: Path) -> None:
    text = template("my-pack.yaml", "my-pack")
    assert schema_accepts(text) and validator_accepts(text)
    assert cli("packs", "new", str(tmp_path / "my-pack.yaml")).returncode == 0
    first = (tmp_path / "my-pack.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./hitrun-quiz-pack.schema.json"
    written = json.loads((tmp_path / "hitrun-quiz-pack.schema.json").read_text(encoding="utf-8"))
    assert written == json_schema()


def test_imported_packs_pass_the_schema(cli: Run) -> None:
    for fixture, fmt in (
        ("entities.json", "opentdb"),
        ("geography.yaml", "red"),
        ("tabs.tsv", "csv"),
    ):
        result = cli("packs", "import", str(DATA / "formats" / fixture), "--from", fmt)
        assert result.returncode == 0, result.stderr
        assert schema_accepts(result.stdout) and validator_accepts(result.stdout)


GOOD = MINI.read_text(encoding="utf-8")
BROKEN = {
    "no title": GOOD.replace('title: "Mini pack"\n', ""),
    "unknown key": GOOD.replace('explanation: "Lior Raz', 'explanaton: "Lior Raz'),
    "bad difficulty": GOOD.replace("difficulty: medium", "difficulty: extreme"),
    "bad type": GOOD.replace("type: number", "type: essay"),
    "one wrong option": GOOD.replace('["Gal Toren", "Igal Naor", "Kevin Mambo"]', '["Gal Toren"]'),
    "five wrong options": GOOD.replace('"Kevin Mambo"]', '"Kevin Mambo", "A", "B"]'),
    "choices and wrong": GOOD.replace(
        "    wrong: [", '    choices: ["Lior Raz", "A", "B"]\n    wrong: ['
    ),
    "truefalse answer": GOOD.replace("    answer: true", '    answer: "maybe"'),
    "number answer": GOOD.replace("    answer: 9", "    answer: nine"),
    "tolerance on choice": GOOD.replace('    wrong: ["Gal', '    tolerance: 1\n    wrong: ["Gal'),
    "accept on number": GOOD.replace("    answer: 9", '    answer: 9\n    accept: ["nine"]'),
    "negative tolerance": GOOD.replace("    answer: 9", "    answer: 9\n    tolerance: -1"),
    "long quote": GOOD.replace('quote: "The first season', f'quote: "{"x" * 300} The first season'),
    "bad pack id": GOOD.replace("id: mini", "id: Mini_Pack"),
    "bad question id": GOOD.replace("id: lead-text", 'id: "lead text"'),
    "empty prompt": GOOD.replace('prompt: "Who plays Segev?"', 'prompt: ""'),
    "blank prompt": GOOD.replace('prompt: "Who plays Segev?"', 'prompt: "   "'),
    "null prompt": GOOD.replace('prompt: "Who plays Segev?"', "prompt:"),
    "control character": GOOD.replace('prompt: "Who plays Segev?"', 'prompt: "Who\\e[2J?"'),
    "no questions": GOOD[: GOOD.index("questions:")] + "questions: []\n",
    "question missing answer": GOOD.replace("    answer: true\n", ""),
    "fact missing quote": GOOD.replace(
        '    quote: "The first season consists of 9 episodes."\n', ""
    ),
    "source missing date": GOOD.replace('    date: "2021-08-10"\n', ""),
    "questions not a list": GOOD[: GOOD.index("questions:")] + "questions: many\n",
    "the pack is a list": "- id: mini\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_schema_and_the_validator_agree_on_broken_packs(name: str) -> None:
    text = BROKEN[name]
    assert text != GOOD
    assert not validator_accepts(text)
    assert not schema_accepts(text)


def test_the_good_pack_passes_both() -> None:
    assert validator_accepts(GOOD) and schema_accepts(GOOD)
