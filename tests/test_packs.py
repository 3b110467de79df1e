"""The pack loader and validator: every rule has a broken pack here."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hitrun_quiz.errors import CheckFailed, PackError
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.packs.schema import MAX_QUESTIONS, parse_pack

from .conftest import MINI, Run

HEAD = """\
id: test-pack
title: "Test pack"
"""

QUESTION = """\
  - id: q1
    category: cast
    difficulty: easy
    type: choice
    prompt: "Who plays Segev?"
    answer: "Lior Raz"
    wrong: ["Gal Toren", "Igal Naor"]
"""


def pack_text(questions: str = QUESTION, head: str = HEAD, extra: str = "") -> str:
    return head + extra + "questions:\n" + questions


def problems(text: str) -> list[str]:
    with pytest.raises(PackError) as info:
        parse_pack(text, path="p.yaml")
    return [str(p) for p in info.value.problems]


# Each case: a broken pack, and the FILE:LINE:COL prefix and words of the problem expected.
BROKEN = {
    "duplicate question id": (
        pack_text(QUESTION + QUESTION.replace("Who plays", "Who is")),
        "p.yaml:11:9: duplicate question id 'q1' (first used on line 4)",
    ),
    "duplicate key": (
        pack_text(QUESTION + '    prompt: "again"\n'),
        "p.yaml:11:5: duplicate key 'prompt' in question q1 (first given on line 8)",
    ),
    "answer not among choices": (
        pack_text(
            QUESTION.replace(
                'wrong: ["Gal Toren", "Igal Naor"]', 'choices: ["Gal Toren", "Igal Naor", "X"]'
            )
        ),
        "p.yaml:9:13: the answer 'Lior Raz' of question 'q1' is not among its choices",
    ),
    "duplicate choices": (
        pack_text(QUESTION.replace('"Igal Naor"]', '"gal  toren"]')),
        "p.yaml:10:26: duplicate choice 'gal  toren' in question 'q1'",
    ),
    "answer among the wrong ones": (
        pack_text(QUESTION.replace('"Igal Naor"]', '"Lior Raz"]')),
        "duplicate choice 'Lior Raz'",
    ),
    "too few choices": (
        pack_text(QUESTION.replace('["Gal Toren", "Igal Naor"]', '["Gal Toren"]')),
        "p.yaml:10:12: question 'q1' has 2 options in all; a choice question needs 3 to 5",
    ),
    "too many choices": (
        pack_text(QUESTION.replace('"Igal Naor"]', '"Igal Naor", "a", "b", "c"]')),
        "has 6 options in all",
    ),
    "choices and wrong together": (
        pack_text(QUESTION + '    choices: ["Lior Raz", "a", "b"]\n'),
        "give either 'choices' or 'wrong', not both",
    ),
    "empty text": (
        pack_text(QUESTION.replace('"Who plays Segev?"', '""')),
        "p.yaml:8:13: the prompt of question 'q1' must not be empty",
    ),
    "blank text": (
        pack_text(QUESTION.replace('"Who plays Segev?"', '"   "')),
        "the prompt of question 'q1' must not be empty",
    ),
    "null text": (
        pack_text(QUESTION.replace('"Who plays Segev?"', "")),
        "the prompt of question 'q1' must not be empty",
    ),
    "missing key": (
        pack_text(QUESTION.replace("    category: cast\n", "")),
        "p.yaml:4:5: question 'q1' is missing 'category'",
    ),
    "unknown key with a suggestion": (
        pack_text(QUESTION + '    explanaton: "x"\n'),
        "p.yaml:11:5: unknown key 'explanaton' in question q1: did you mean 'explanation'?",
    ),
    "unknown top-level key": (
        pack_text(extra="titel: x\n"),
        "p.yaml:3:1: unknown key 'titel' in the pack: did you mean 'title'?",
    ),
    "bad difficulty": (
        pack_text(QUESTION.replace("difficulty: easy", "difficulty: hrad")),
        "must be one of easy, medium, hard, not 'hrad'; did you mean 'hard'?",
    ),
    "bad type": (
        pack_text(QUESTION.replace("type: choice", "type: multiple")),
        "the type of question 'q1' must be one of choice, truefalse, text, number",
    ),
    "key of another type": (
        pack_text(QUESTION + "    tolerance: 1\n"),
        "'tolerance' applies only to number questions, not choice",
    ),
    "missing fact": (
        pack_text(QUESTION + "    fact: nowhere\n"),
        "p.yaml:11:11: question 'q1' cites fact 'nowhere', which the pack does not define",
    ),
    "missing source": (
        pack_text(
            extra=textwrap.dedent("""\
            facts:
              - id: f1
                statement: "s"
                source: nowhere
                quote: "q"
            """)
        ),
        "p.yaml:6:13: the fact's source 'nowhere' is not among the pack's sources",
    ),
    "duplicate fact id": (
        pack_text(
            extra=textwrap.dedent("""\
            sources:
              - {id: s, title: t, publisher: p, date: "2021"}
            facts:
              - {id: f1, statement: s, source: s, quote: q}
              - {id: f1, statement: s, source: s, quote: q}
            """)
        ),
        "p.yaml:7:10: duplicate fact id 'f1'",
    ),
    "quote too long": (
        pack_text(
            extra=textwrap.dedent(f"""\
            sources:
              - {{id: s, title: t, publisher: p, date: "2021"}}
            facts:
              - {{id: f1, statement: s, source: s, quote: "{"x" * 301}"}}
            """)
        ),
        "the fact's quote is 301 characters long; the limit is 300",
    ),
    "anchor": (
        pack_text(QUESTION.replace('prompt: "Who', 'prompt: &p "Who')),
        "p.yaml:8:13: YAML anchors are not allowed in packs (&p)",
    ),
    "alias": (
        HEAD + "description: &d x\nauthor: *d\nquestions:\n" + QUESTION,
        "p.yaml:4:9: YAML aliases are not allowed in packs",
    ),
    "merge key": (
        pack_text(QUESTION + "    <<: {x: 1}\n"),
        "YAML merge keys (<<) are not allowed",
    ),
    "escape sequence in text": (
        pack_text(QUESTION.replace("Who plays Segev?", "Who\\e[2J plays?")),
        "p.yaml:8:13: the prompt of question 'q1' contains the control character U+001B",
    ),
    "C1 control in text": (
        pack_text(QUESTION.replace("Who plays Segev?", "Who\\x9b plays?")),
        "contains the control character U+009B",
    ),
    "OSC title in a choice": (
        pack_text(QUESTION.replace('"Igal Naor"', '"\\e]0;pwned\\a"')),
        "an entry of 'wrong' of question 'q1' contains the control character U+001B",
    ),
    "raw control character": (
        pack_text(QUESTION.replace("Who plays", "Who\x07plays")),
        "p.yaml:8:17: YAML: the control character U+0007 is not allowed",
    ),
    "octal number": (
        pack_text(
            QUESTION.replace("type: choice", "type: number").replace(
                'answer: "Lior Raz"\n    wrong: ["Gal Toren", "Igal Naor"]', "answer: 010"
            )
        ),
        "p.yaml:9:13: the answer of question 'q1' '010' has a leading zero",
    ),
    "sexagesimal number": (
        pack_text(
            QUESTION.replace("type: choice", "type: number").replace(
                'answer: "Lior Raz"\n    wrong: ["Gal Toren", "Igal Naor"]', "answer: 1:30"
            )
        ),
        "would be read by YAML 1.1 as a base-60 number",
    ),
    "yes as a boolean": (
        pack_text(
            QUESTION.replace("type: choice", "type: truefalse").replace(
                'answer: "Lior Raz"\n    wrong: ["Gal Toren", "Igal Naor"]', "answer: yes"
            )
        ),
        "the answer of question 'q1' must be true or false, not 'yes'",
    ),
    "negative tolerance": (
        pack_text(
            QUESTION.replace("type: choice", "type: number").replace(
                'answer: "Lior Raz"\n    wrong: ["Gal Toren", "Igal Naor"]',
                "answer: 9\n    tolerance: -1",
            )
        ),
        "the tolerance of question 'q1' must not be negative",
    ),
    "text answer listed as wrong": (
        pack_text(
            QUESTION.replace("type: choice", "type: text").replace(
                'wrong: ["Gal Toren", "Igal Naor"]', 'accept: ["Raz"]\n    wrong: ["raz"]'
            )
        ),
        "'raz' is listed as wrong but is an accepted answer",
    ),
    "bad pack id": (
        pack_text(head='id: "Test Pack!"\ntitle: t\n'),
        "p.yaml:1:5: the pack id 'Test Pack!' must use only lowercase letters",
    ),
    "questions not a list": (
        HEAD + "questions: {a: 1}\n",
        "p.yaml:3:12: 'questions' must be a list, not a mapping",
    ),
    "no questions": (HEAD + "questions: []\n", "'questions' is empty"),
    "a list where the pack belongs": ("- a\n- b\n", "p.yaml:1:1: the pack must be a mapping"),
    "a scalar where the pack belongs": ("just text\n", "the pack must be a mapping"),
    "a question that is a list": (pack_text("  - [a, b]\n"), "a question must be a mapping"),
    "YAML syntax error": (
        pack_text(QUESTION + "  - [\n"),
        "p.yaml:12:1: YAML: did not find expected node content",
    ),
    "tabs": (pack_text(QUESTION + "\t- x\n"), "YAML:"),
    "two documents": (
        pack_text() + "---\nid: b\n",
        "p.yaml:11:1: a pack file holds one YAML document; found a second one",
    ),
    "python tag": (
        pack_text(QUESTION.replace('"Who plays Segev?"', "!!python/object:os.system x")),
        "YAML tags such as tag:yaml.org,2002:python/object:os.system are not allowed",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_pack_is_refused_with_its_place(case: str) -> None:
    text, expected = BROKEN[case]
    found = problems(text)
    assert any(expected in p for p in found), found


def test_every_problem_of_a_file_is_reported_in_one_pass() -> None:
    text = pack_text(
        QUESTION
        + QUESTION.replace("difficulty: easy", "difficulty: hrad")
        + QUESTION.replace("id: q1", "id: q2").replace('"Who plays Segev?"', '""')
    )
    found = problems(text)
    assert len(found) == 3, found
    assert [p.split(":")[1] for p in found] == ["11", "13", "22"]


@pytest.mark.parametrize(
    ("field", "raw", "kept"),
    [
        ("answer", "yes", "yes"),
        ("answer", "no", "no"),
        ("answer", "on", "on"),
        ("answer", "Off", "Off"),
        ("answer", "010", "010"),
        ("answer", "1:30", "1:30"),
        ("answer", "2021-08-06", "2021-08-06"),
        ("answer", "1e3", "1e3"),
        ("answer", "~", None),
        ("prompt", '"[bold red]x[/]"', "[bold red]x[/]"),
    ],
)
def test_yaml_11_surprises_in_text_are_kept_literally(field: str, raw: str, kept: str) -> None:
    question = textwrap.dedent("""\
      - id: q1
        category: cast
        difficulty: easy
        type: text
        prompt: "Say it"
        answer: "x"
    """)
    question = question.replace(
        f'{field}: "x"' if field == "answer" else 'prompt: "Say it"', f"{field}: {raw}"
    )
    text = pack_text(textwrap.indent(question, "  ").replace("    - id", "  - id"))
    if kept is None:
        assert any("must not be empty" in p for p in problems(text))
        return
    pack = parse_pack(text)
    assert getattr(pack.questions[0], field) == kept


def test_a_valid_pack_loads_every_type() -> None:
    pack = load_pack(MINI)
    assert pack.id == "mini"
    by_id = {q.id: q for q in pack.questions}
    assert by_id["lead-choice"].choices == ("Lior Raz", "Gal Toren", "Igal Naor", "Kevin Mambo")
    assert by_id["lead-choice"].wrong == ("Gal Toren", "Igal Naor", "Kevin Mambo")
    assert by_id["episodes-number"].answer == 9 and isinstance(by_id["episodes-number"].answer, int)
    assert by_id["premiere-tf"].answer is True
    assert by_id["lead-text"].accept == ("Riaz",)
    assert pack.fact("lead").source == "notes"
    assert pack.source_of(by_id["lead-text"]).publisher == "Test Publisher"


def test_choices_list_keeps_the_authors_order() -> None:
    text = pack_text(
        QUESTION.replace('wrong: ["Gal Toren", "Igal Naor"]', 'choices: ["B", "lior raz", "C"]')
    )
    q = parse_pack(text).questions[0]
    assert q.choices == ("B", "Lior Raz", "C")
    assert q.wrong == ("B", "C")


def test_builtin_pack_may_not_leave_out_sources_and_facts(tmp_path: Path) -> None:
    with pytest.raises(PackError) as info:
        parse_pack(pack_text(), path="b.yaml", origin="builtin")
    messages = str(info.value)
    for key in ("sources", "facts", "description", "author", "version", "fact"):
        assert f"is missing '{key}'" in messages


# --------------------------------------------------------------------------- files


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.yaml", "", "file is empty"),
        ("blank.yaml", "\n  \n# only a comment\n", "file is empty"),
        ("latin1.yaml", b"id: caf\xe9\n", ":1:8: not valid UTF-8"),
        ("list.yaml", "- 1\n- 2\n", ":1:1: the pack must be a mapping"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: str | bytes, expected: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert str(info.value).startswith(str(path))
    assert expected in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"nope\.yaml: no such file"):
        load_pack(tmp_path / "nope.yaml")
    with pytest.raises(PackError, match="is a directory"):
        load_pack(tmp_path)


@pytest.mark.file_modes
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.yaml", pack_text())
    path.chmod(0)
    with pytest.raises(PackError, match="permission denied"):
        load_pack(path)


def test_file_over_10_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(10 * 1024 * 1024 + 1)
    with pytest.raises(PackError, match="10,485,761 bytes; packs are limited to 10,485,760"):
        load_pack(path)


def test_more_than_100000_questions_are_refused() -> None:
    line = "- {id: q%d, category: c, difficulty: easy, type: truefalse, prompt: p, answer: true}\n"
    text = HEAD + "questions:\n" + "".join(line % i for i in range(MAX_QUESTIONS + 1))
    found = problems(text)
    assert found == ["p.yaml:4:1: 100,001 questions; a pack may hold at most 100,000"]


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    found = problems(bomb)
    assert found and all("not allowed" in p for p in found)


# --------------------------------------------------------------------------- fuzzing

yaml_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from(["yes", "no", "on", "010", "1:30", "~", "&a x", "*a", "[bold]", "\x1b[2J"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(["id", "title", "questions", "type", "answer", "wrong", "x", "fact"]),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_values)
def test_fuzz_structured_values_never_crash(value: object) -> None:
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    try:
        parse_pack(text)
    except PackError as exc:
        assert exc.problems
        assert all(str(p).startswith("<string>") for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_fuzz_raw_text_never_crashes(text: str) -> None:
    try:
        parse_pack(HEAD + text)
    except PackError as exc:
        assert exc.problems


# --------------------------------------------------------------------------- the cache


def test_a_pack_is_parsed_once_then_read_from_the_cache(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from hitrun_quiz.packs.loader import load_pack; "
        f"p = load_pack({str(MINI)!r}); "
        "print(len(p.questions), 'yaml' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.stdout == "4 True\n", first.stderr
    assert second.stdout == "4 False\n", second.stderr


def test_the_cache_gives_back_an_equal_pack() -> None:
    fresh = load_pack(MINI, cache=False)
    load_pack(MINI)  # fills the cache
    cached = load_pack(MINI)
    assert cached == fresh
    assert cached.fact("lead") == fresh.fact("lead")
    assert [type(q.answer) for q in cached.questions] == [type(q.answer) for q in fresh.questions]


def test_an_edited_pack_is_validated_again(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", pack_text())
    assert load_pack(path).questions[0].prompt == "Who plays Segev?"
    path.write_text(pack_text(QUESTION.replace('"Who plays Segev?"', '""')))
    with pytest.raises(PackError, match="must not be empty"):
        load_pack(path)


def test_a_damaged_cache_entry_is_ignored(home: Path) -> None:
    load_pack(MINI)
    (entry,) = (home / "cache" / "packs").glob("*.json")
    entry.write_text('{"meta": [1, 2]}')
    assert load_pack(MINI).id == "mini"
    entry.write_bytes(b"\xff\x00 not json")
    assert load_pack(MINI).id == "mini"


def test_an_unwritable_cache_is_no_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("HITRUN_QUIZ_HOME", str(blocker))
    assert load_pack(MINI).id == "mini"


# --------------------------------------------------------------------------- issue 18 and 20


def test_title_description_author_with_controls_are_refused_at_their_place(
    cli: Run, tmp_path: Path
) -> None:
    file = tmp_path / "controls.yaml"
    file.write_text(
        'id: controls\ntitle: "Bad \\e[2J title"\ndescription: "ok \\u202e"\n'
        'author: "A\\a"\nquestions:\n' + QUESTION,
        encoding="utf-8",
    )
    result = cli("packs", "validate", str(file))
    assert result.returncode == int(CheckFailed.exit_status)  # validate: a check found problems
    assert result.stderr.splitlines()[:3] == [
        f"{file}:2:8: 'title' contains the control character U+001B; "
        "control characters are not allowed",
        f"{file}:3:14: 'description' contains the control character U+202E; "
        "control characters are not allowed",
        f"{file}:4:9: 'author' contains the control character U+0007; "
        "control characters are not allowed",
    ]


def test_wrong_given_as_one_text_is_refused_not_a_two_option_question() -> None:
    bad = QUESTION.replace('wrong: ["Gal Toren", "Igal Naor"]', 'wrong: "June"')
    assert problems(pack_text(bad)) == [
        "p.yaml:10:12: 'wrong' of question 'q1' must be a list such as [\"June\", ...], "
        "not a single value"
    ]
    choices = QUESTION.replace('wrong: ["Gal Toren", "Igal Naor"]', 'choices: "Lior Raz"')
    assert "must be a list" in problems(pack_text(choices))[0]


def test_a_bad_value_on_one_question_is_not_also_a_missing_related_question() -> None:
    second = QUESTION.replace("id: q1", "id: q2").replace("easy", "eazy")
    first = QUESTION + "    related: [q2]\n"
    assert [p.split(": ", 1)[1] for p in problems(pack_text(first + second))] == [
        "the difficulty of question 'q2' must be one of easy, medium, hard, not 'eazy'; "
        "did you mean 'easy'?"
    ]


def test_a_link_keeps_its_path_exactly_and_is_removed_by_the_id_packs_list_shows(
    cli: Run, tmp_path: Path
) -> None:
    file = tmp_path / "my pack.yaml "  # a trailing space is part of the name
    file.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("packs", "add", "--link", str(file)).returncode == 0
    rows = {r["id"]: r for r in json.loads(cli("packs", "list", "--json").stdout)}
    assert rows["mini"]["path"] == str(file)
    file.write_text(MINI.read_text(encoding="utf-8").replace("id: mini", "id: renamed"), "utf-8")
    rows = {r["id"]: r for r in json.loads(cli("packs", "list", "--json").stdout)}
    assert "renamed" in rows and "mini" not in rows
    removed = cli("packs", "remove", "renamed", "--yes")
    assert removed.returncode == 0, removed.stderr
    assert "renamed" not in cli("packs", "list").stdout
    assert file.exists()  # the pack file itself is never touched


def test_a_broken_linked_pack_is_reported_as_broken_with_its_problem(
    cli: Run, tmp_path: Path
) -> None:
    file = tmp_path / "mine.yaml"
    file.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("packs", "add", "--link", str(file)).returncode == 0
    file.write_text(
        MINI.read_text(encoding="utf-8").replace("difficulty: easy", "difficulty: eazy", 1),
        "utf-8",
    )
    for args in (("packs", "show", "mini"), ("play", "--pack", "mini", "--count", "1")):
        result = cli(*args)
        assert result.returncode == int(PackError.exit_status)
        assert f"{file}:" in result.stderr and "'eazy'" in result.stderr, result.stderr
        assert "no pack" not in result.stderr


def test_packs_lint_help_points_to_the_installed_format_reference(cli: Run) -> None:
    result = cli("packs", "lint", "--help", COLUMNS="200")
    assert "hitrun-quiz packs format" in result.stdout
    assert "docs/packs.md" not in result.stdout


def test_packs_list_from_the_cache_loads_no_yaml_importer_or_linter(tmp_path: Path) -> None:
    # What only `packs import/export/new/lint/check/schema` use is imported in that
    # subcommand: a cached `packs list` reads JSON and never loads PyYAML.
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from hitrun_quiz.cli import run\n"
        "assert run(['packs', 'list', '--json']) == 0\n"
        "loaded = {'yaml', 'hitrun_quiz.packs.formats.imports', 'hitrun_quiz.packs.lint',"
        " 'hitrun_quiz.packs.check', 'hitrun_quiz.packs.jsonschema'} & set(sys.modules)\n"
        "print(sorted(loaded))\n"
    )
    env = {**os.environ, "HITRUN_QUIZ_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        for _ in range(2)  # the first fills the pack cache
    ]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr
    assert runs[1].stdout.splitlines()[-1] == "[]"
