"""Importers and exporters: Open Trivia DB, Red trivia lists, CSV/TSV; round trips; --link.

Every fixture under tests/data/formats/ was written by hand for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hitrun_quiz.errors import PackError
from hitrun_quiz.packs.formats.csv import import_csv
from hitrun_quiz.packs.formats.opentdb import import_opentdb
from hitrun_quiz.packs.formats.red import import_red
from hitrun_quiz.packs.loader import load_pack

from .conftest import DATA, MINI, Run

FORMATS = DATA / "formats"


def problems_of(exc: pytest.ExceptionInfo[PackError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# --------------------------------------------------------------------------- Open Trivia DB


def test_opentdb_html_entities_are_decoded_and_the_license_recorded() -> None:
    pack, text = import_opentdb(FORMATS / "entities.json")
    first, second, third = pack.questions
    assert (
        first.type == "choice"
        and first.prompt == 'Which streaming service released "Hit & Run" in 2021?'
    )
    assert first.answer == "Netflix" and "HBO's Max" in first.wrong
    assert second.type == "truefalse" and second.answer is True
    assert second.prompt == "Lior Raz co-created “Fauda”."
    assert third.wrong[-1] == "Be'er Sheva" and third.difficulty == "hard"
    assert pack.categories == ["Entertainment: Television", "Geography"]
    assert pack.license == "CC BY-SA 4.0"
    assert pack.sources[0].url == "https://opentdb.com"
    assert "CC BY-SA 4.0" in text and "opentdb.com" in text


def test_opentdb_base64_and_url3986_are_detected() -> None:
    pack, text = import_opentdb(FORMATS / "base64.json")
    assert pack.questions[0].prompt == "Who plays Segev Azulai — the lead?"
    assert pack.questions[0].category == "Entertainment: Television"
    assert pack.questions[1].answer is True
    assert "encoding: base64" in text
    pack, text = import_opentdb(FORMATS / "url3986.json")  # a bare list of results
    assert pack.questions[0].prompt == "In which city does Hit & Run begin?"
    assert "encoding: url3986" in text


def test_opentdb_a_given_encoding_is_used() -> None:
    with pytest.raises(PackError) as exc:
        import_opentdb(FORMATS / "entities.json", encoding="base64")
    assert "cannot be decoded" in problems_of(exc)[0]


def test_opentdb_a_failed_response_is_reported_with_its_meaning(cli: Run) -> None:
    result = cli("packs", "import", str(FORMATS / "rate-limited.json"), "--from", "opentdb")
    assert result.returncode == 3
    assert "response_code 5 (Rate Limit" in result.stderr


def test_opentdb_colliding_options_and_bad_fields_are_reported_by_result() -> None:
    with pytest.raises(PackError) as exc:
        import_opentdb(FORMATS / "colliding.json")
    lines = problems_of(exc)
    assert len(lines) == 2
    assert lines[0].endswith(
        "colliding.json:results[0]: the options 'The Beatles' and 'Beatles' are the same "
        "answer once normalised (case, accents, punctuation and a leading article do not count)"
    )
    assert "colliding.json:results[2]: the difficulty" in lines[1] and "'extreme'" in lines[1]


# --------------------------------------------------------------------------- Red trivia lists


def test_red_booleans_numbers_and_metadata_as_red_reads_them() -> None:
    pack, text = import_red(FORMATS / "geography.yaml")
    by_prompt = {q.prompt: q for q in pack.questions}
    assert pack.id == "geography" and pack.categories == ["geography"]
    assert pack.author == "Dana & Lior"
    assert pack.description == "Capitals, flags and a few yes/no questions."
    coast = by_prompt["Is Tel Aviv on the coast?"]  # `- yes` is YAML 1.1's True
    assert (coast.type, coast.answer, coast.accept) == ("text", "True", ("Yes", "On"))
    assert by_prompt["Is Haifa the capital?"].accept == ("No", "Off")
    assert by_prompt["How many sides does a hexagon have?"].answer == "6"
    # "tel aviv" repeats the answer ignoring case: dropped; "Tel-Aviv" is kept as written
    # "Tel-Aviv" is "Tel Aviv" to the matcher: an alias that changes nothing is dropped.
    assert by_prompt["Which city is called the White City?"].accept == ()
    assert "#     max_score: 5" in text  # CONFIG kept as a comment


def test_red_unusable_questions_are_reported_never_dropped() -> None:
    with pytest.raises(PackError) as exc:
        import_red(FORMATS / "broken-red.yaml")
    name = str(FORMATS / "broken-red.yaml")
    assert problems_of(exc) == [
        f"{name}:4: duplicate question (first on line 2): what is the capital of  israel?",
        f"{name}:6: the question has no answer: Which question has no answer?",
        f"{name}:7: an answer is empty: Which answer is empty?",
        f"{name}:9: the question 'yes' is not text; quote it",
        f"{name}:11: the answer 2021-08-06 is read as a date; quote it: Which answer is a date?",
    ]


# --------------------------------------------------------------------------- CSV


def test_csv_with_a_bom_semicolons_and_excel_quoting() -> None:
    pack, _ = import_csv(FORMATS / "semicolon-bom.csv")
    choice, tf, text, number = pack.questions
    assert pack.id == "semicolon-bom"
    assert choice.answer == "Lior Raz" and choice.wrong == ("Gal Toren", "Igal Naor")
    assert choice.explanation == 'He leads the cast; "Segev" is his role.'
    assert tf.answer is True  # "yes" in a spreadsheet cell
    assert text.accept == ("Lathan", "S. Lathan")
    assert number.answer == 9 and number.type == "number"


def test_tsv_with_mixed_case_headers() -> None:
    pack, _ = import_csv(FORMATS / "tabs.tsv")
    assert pack.questions[0].prompt == 'Who plays Segev, the "tour guide"?'
    assert pack.questions[1].accept == ("Lathan",)


def test_csv_every_bad_row_is_reported_at_once(cli: Run) -> None:
    file = FORMATS / "broken.csv"
    result = cli("packs", "import", str(file), "--from", "csv")
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{file}:2: a choice question needs 2 to 4 wrong answers (wrong1..wrong4), not 1",
        f"{file}:3: the answer of a truefalse question must be true or false, not 'maybe'",
        f"{file}:4: the answer of a number question must be a number, not 'nine-ish'",
        f"{file}:5: the options 'Sanaa Lathan' and 'sanaa  lathan' are the same answer once "
        "normalised (case, accents, punctuation and a leading article do not count)",
        f"{file}:6: the difficulty of question 'row-6' must be one of easy, medium, hard, "
        "not 'sometimes'; did you mean 'medium'?",
        f"{file}:8: the answer of a truefalse question must be true or false, not 'perhaps'",
    ]  # in file order, whichever check found them


def test_csv_unknown_columns_are_refused(tmp_path: Path) -> None:
    file = tmp_path / "x.csv"
    file.write_text("type,category,difficulty,prompt,answr\n", encoding="utf-8")
    with pytest.raises(PackError) as exc:
        import_csv(file)
    assert [p.split(": ", 1)[0] for p in problems_of(exc)] == [f"{file}:1", f"{file}:1"]


def test_packs_new_csv_template_imports(cli: Run, tmp_path: Path) -> None:
    file = tmp_path / "quiz.csv"
    assert cli("packs", "new", "--csv", str(file)).returncode == 0
    out = tmp_path / "quiz.yaml"
    result = cli("packs", "import", str(file), "--from", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert [q.type for q in load_pack(out).questions] == ["choice", "truefalse", "text", "number"]
    assert cli("packs", "validate", str(out)).returncode == 0


# --------------------------------------------------------------------------- writing and adding


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [("entities.json", "opentdb"), ("geography.yaml", "red"), ("semicolon-bom.csv", "csv")],
)
def test_an_imported_pack_validates_and_can_be_added(
    fixture: str, fmt: str, cli: Run, tmp_path: Path
) -> None:
    out = tmp_path / "out.yaml"
    result = cli("packs", "import", str(FORMATS / fixture), "--from", fmt, "-o", str(out), "--add")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Imported by hitrun-quiz from")
    assert cli("packs", "validate", str(out)).returncode == 0
    listed = json.loads(cli("packs", "list", "--json").stdout)
    assert Path(fixture).stem in {row["id"] for row in listed}


def test_import_refuses_to_overwrite_without_force(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("mine", encoding="utf-8")
    result = cli(
        "packs", "import", str(FORMATS / "entities.json"), "--from", "opentdb", "-o", str(out)
    )
    assert result.returncode == 2 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"


# --------------------------------------------------------------------------- round trips


def same_questions(a: object, b: object, *, ids: bool = True) -> None:
    def key(q: object) -> tuple[object, ...]:
        return (
            q.id if ids else None,  # type: ignore[attr-defined]
            q.type,  # type: ignore[attr-defined]
            q.category,  # type: ignore[attr-defined]
            q.difficulty,  # type: ignore[attr-defined]
            q.prompt,  # type: ignore[attr-defined]
            q.answer,  # type: ignore[attr-defined]
            sorted(q.choices),  # type: ignore[attr-defined]
        )

    assert [key(q) for q in a] == [key(q) for q in b]  # type: ignore[attr-defined]


def test_round_trip_csv_keeps_every_question(cli: Run, tmp_path: Path) -> None:
    original = load_pack("questions/hit-and-run.yaml")
    csv_file = tmp_path / "bank.csv"
    csv_file.write_text(cli("packs", "export", "hit-and-run", "--format", "csv").stdout, "utf-8")
    back, _ = import_csv(csv_file)
    same_questions(original.questions, back.questions)
    for a, b in zip(original.questions, back.questions, strict=True):
        assert (a.accept, a.wrong, a.tolerance, a.explanation) == (
            b.accept,
            b.wrong,
            b.tolerance,
            b.explanation,
        )


def test_round_trip_opentdb_keeps_choice_and_truefalse(cli: Run, tmp_path: Path) -> None:
    original = load_pack("questions/hit-and-run.yaml")
    result = cli("packs", "export", "hit-and-run", "--format", "opentdb")
    typed = sum(q.type in ("text", "number") for q in original.questions)
    assert typed and f"left out {typed} text and number question(s)" in result.stderr
    file = tmp_path / "bank.json"
    file.write_text(result.stdout, encoding="utf-8")
    back, _ = import_opentdb(file)
    kept = [q for q in original.questions if q.type in ("choice", "truefalse")]
    same_questions(kept, back.questions, ids=False)


def test_round_trip_yaml_is_the_same_pack(cli: Run, tmp_path: Path) -> None:
    file = tmp_path / "mini.yaml"
    file.write_text(cli("packs", "export", str(MINI), "--format", "yaml").stdout, "utf-8")
    again, original = load_pack(file), load_pack(MINI)
    assert (again.sources, again.facts, again.questions) == (
        original.sources,
        original.facts,
        original.questions,
    )


def test_export_json_is_the_default_and_json_stays_an_alias(cli: Run) -> None:
    plain = cli("packs", "export", "hit-and-run")
    alias = cli("packs", "export", "hit-and-run", "--json")
    assert plain.returncode == 0 and plain.stdout == alias.stdout
    assert json.loads(plain.stdout)["pack"]["id"] == "hit-and-run"


# --------------------------------------------------------------------------- --link


def test_a_linked_pack_is_edited_in_place_revalidated_and_reported_when_broken(
    cli: Run, tmp_path: Path
) -> None:
    file = tmp_path / "mine.yaml"
    file.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("packs", "add", "--link", str(file))
    assert result.returncode == 0 and "mini.link" in result.stdout
    rows = {r["id"]: r for r in json.loads(cli("packs", "list", "--json").stdout)}
    assert rows["mini"]["origin"] == "link" and rows["mini"]["questions"] == 4

    text = MINI.read_text(encoding="utf-8").replace('title: "Mini pack"', 'title: "Edited"')
    file.write_text(text, encoding="utf-8")
    rows = {r["id"]: r for r in json.loads(cli("packs", "list", "--json").stdout)}
    assert rows["mini"]["title"] == "Edited"
    assert cli("packs", "show", "mini", "--json").returncode == 0

    file.write_text(text.replace("difficulty: easy", "difficulty: eazy", 1), encoding="utf-8")
    result = cli("packs", "list", "--json")
    assert result.returncode == 0
    assert "hitrun-quiz: skipping a broken pack:" in result.stderr and "'eazy'" in result.stderr
    assert "mini" not in {r["id"] for r in json.loads(result.stdout)}

    file.unlink()
    result = cli("packs", "list")
    assert result.returncode == 0 and "missing" in result.stderr
    assert cli("packs", "remove", "mini", "--yes").returncode == 0
    assert "mini" not in cli("packs", "list").stdout
