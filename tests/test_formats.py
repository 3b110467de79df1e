"""Importers and exporters: Open Trivia DB, Red trivia lists, CSV/TSV; round trips; --link.

Every fixture under tests/data/formats/ was written by hand for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hitrun_quiz.errors import PackError
from hitrun_quiz.packs.formats.csv import import_csv
from hitrun_quiz.packs.formats.opentdb import import_opentdb
from hitrun_quiz.packs.formats.red import import_red
from hitrun_quiz.packs.formats.validate import Imported
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.packs.model import Pack

from .conftest import DATA, MINI, Run

FORMATS = DATA / "formats"


def both(imported: Imported) -> tuple[Pack, str]:
    return imported.pack, imported.text


def problems_of(exc: pytest.ExceptionInfo[PackError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# --------------------------------------------------------------------------- Open Trivia DB


def test_opentdb_html_entities_are_decoded_and_the_license_recorded() -> None:
    pack, text = both(import_opentdb(FORMATS / "entities.json"))
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
    pack, text = both(import_opentdb(FORMATS / "base64.json"))
    assert pack.questions[0].prompt == "Who plays Segev Azulai — the lead?"
    assert pack.questions[0].category == "Entertainment: Television"
    assert pack.questions[1].answer is True
    assert "encoding: base64" in text
    pack, text = both(import_opentdb(FORMATS / "url3986.json"))  # a bare list of results
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
    pack, text = both(import_red(FORMATS / "geography.yaml"))
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


def test_red_lists_red_plays_import_with_warnings_and_the_rest_is_refused(
    tmp_path: Path,
) -> None:
    file = tmp_path / "quirks.yaml"
    file.write_text(
        "AUTHOR: tests\n"
        "What is the capital of Israel?:\n- Tel Aviv\n"  # 2: replaced below, as Red does
        "Which question has no answer?: []\n"  # 4
        "Which answer is empty?:\n-\n"  # 5
        "Which list has an empty answer?:\n- ''\n- Kept\n"  # 7
        "What is the capital of Israel?:\n- Jerusalem\n"  # 10
        "what is the capital of  israel?:\n- Jerusalem\n",  # 12: another question to Red
        encoding="utf-8",
    )
    imported = import_red(file)
    assert [str(w) for w in imported.warnings] == [
        f"{file}:4: skipped: no answer to: Which question has no answer?",
        f"{file}:5: an empty answer on line 6 is left out: Which answer is empty?",
        f"{file}:5: skipped: no answer to: Which answer is empty?",
        f"{file}:7: an empty answer on line 8 is left out: Which list has an empty answer?",
        f"{file}:10: the question on line 2 is given again on line 10; keeping this one, "
        "as Red does: What is the capital of Israel?",
    ]
    by_prompt = {q.prompt: q.answer for q in imported.pack.questions}
    assert by_prompt == {
        "Which list has an empty answer?": "Kept",
        "What is the capital of Israel?": "Jerusalem",
        "what is the capital of  israel?": "Jerusalem",
    }
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "yes:\n- a question YAML reads as a boolean\n"
        "Which answer is a date?:\n- 2021-08-06\n"
        "Which answers are no list?: Paris\n"
        "A good question?:\n- Good\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as exc:
        import_red(bad)
    assert problems_of(exc) == [
        f"{bad}:1: the question 'yes' is not text; quote it",
        f"{bad}:3: the answer 2021-08-06 is read as a date; quote it: Which answer is a date?",
        f"{bad}:5: the answers must be a list: Which answers are no list?",
    ]


# --------------------------------------------------------------------------- CSV


def test_csv_with_a_bom_semicolons_and_excel_quoting() -> None:
    pack, _ = both(import_csv(FORMATS / "semicolon-bom.csv"))
    choice, tf, text, number = pack.questions
    assert pack.id == "semicolon-bom"
    assert choice.answer == "Lior Raz" and choice.wrong == ("Gal Toren", "Igal Naor")
    assert choice.explanation == 'He leads the cast; "Segev" is his role.'
    assert tf.answer is True  # "yes" in a spreadsheet cell
    assert text.accept == ("Lathan", "S. Lathan")
    assert number.answer == 9 and number.type == "number"


def test_tsv_with_mixed_case_headers() -> None:
    pack, _ = both(import_csv(FORMATS / "tabs.tsv"))
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
    back, _ = both(import_csv(csv_file))
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
    back, _ = both(import_opentdb(file))
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


# --------------------------------------------------------------------------- hostile imports

# Whatever exit code the CLI gives a refused pack or import.
REFUSED = int(PackError.exit_status)


def one_line_refusal(result: object, expected: str) -> None:
    """A refused import: the right exit code, nothing on stdout, one line on stderr."""
    assert result.returncode == REFUSED, result.stderr  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    assert result.stderr.splitlines() == [expected]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, ":1:17: JSON nested deeper than 16 levels"),
        (
            '{"response_code": ' + "9" * 5_000 + ', "results": []}',
            ":1:19: a number of 5,000 characters; at most 20",
        ),
        ('{"response_code": [0], "results": []}', ": 'response_code' must be a number, not a list"),
        (
            '{"response_code": {"a": 0}, "results": []}',
            ": 'response_code' must be a number, not an object",
        ),
        ('{"response_code": 0, "results": {"a": 1}}', ": the response has no 'results' list"),
        (
            '[{"type": "multiple", "difficulty": "easy", "category": "c", "question": ["q"],'
            ' "correct_answer": 1e999, "incorrect_answers": ["a", "b"]}]',
            ":results[0]: 'correct_answer' must be text",
        ),
        ('{"response_code": 0, "results": [1e999999]}', ":results[0]: a result must be an object"),
    ],
    ids=["deep", "long-number", "list-for-number", "object-for-number", "object-for-list",
         "list-for-text", "huge-float"],
)  # fmt: skip
def test_hostile_opentdb_json_is_one_line_and_no_traceback(
    cli: Run, tmp_path: Path, text: str, message: str
) -> None:
    file = tmp_path / "hostile.json"
    file.write_text(text, encoding="utf-8")
    result = cli("packs", "import", str(file), "--from", "opentdb")
    one_line_refusal(result, f"{file}{message}")


def test_a_red_alias_bomb_is_refused_at_once(cli: Run, tmp_path: Path) -> None:
    # The 600-byte list that hung the importer: each level multiplies by nine.
    lines = ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + prev] * 9)}]")
    lines.append("What is it?: [*i]")
    file = tmp_path / "bomb.yaml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert file.stat().st_size < 700
    result = cli("packs", "import", str(file), "--from", "red")
    assert result.returncode == REFUSED and result.stdout == ""
    assert f"{file}:1:4: YAML anchors are not allowed in packs (&a)" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 20


def test_a_deeply_nested_red_list_is_refused_in_one_line(cli: Run, tmp_path: Path) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text("q: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = cli("packs", "import", str(file), "--from", "red")
    one_line_refusal(
        result, f"{file}:1:1003: YAML: nesting deeper than 64 levels is not allowed in packs"
    )


def red_trivia_lists() -> list[Path]:
    """The lists of the ``red-trivia`` package (a dev dependency): never from the network."""
    from importlib.resources import files

    lists = files("redbot.ext.trivia") / "lists"
    return sorted(Path(str(p)) for p in lists.iterdir() if p.name.endswith(".yaml"))


def test_every_list_of_the_red_trivia_package_imports_and_validates(tmp_path: Path) -> None:
    lists = red_trivia_lists()
    assert len(lists) == 36
    for i, path in enumerate(lists):
        imported = import_red(path)
        assert imported.pack.questions, path.name
        out = tmp_path / f"{i}.yaml"
        out.write_text(imported.text, encoding="utf-8")
        assert load_pack(out, cache=False).questions == imported.pack.questions


def test_a_red_question_given_twice_keeps_the_last_and_names_both_lines(
    cli: Run, tmp_path: Path
) -> None:
    file = tmp_path / "twice.yaml"
    file.write_text("Capital?:\n- Tel Aviv\nOther?:\n- Yes\nCapital?:\n- Jerusalem\n", "utf-8")
    result = cli("packs", "import", str(file), "--from", "red")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{file}:5: warning: the question on line 1 is given again on line 5; "
        "keeping this one, as Red does: Capital?"
    ]
    assert 'answer: "Jerusalem"' in result.stdout and "Tel Aviv" not in result.stdout


def test_raw_controls_from_an_imported_file_never_reach_the_terminal(
    cli: Run, tmp_path: Path
) -> None:
    evil = "\\e[2J\\e]0;owned\\a\\u202e"  # YAML escapes: the text holds ESC, BEL, U+202E
    file = tmp_path / "evil\u202elist.yaml"
    file.write_text(
        f'CONFIG:\n  payout_multiplier: "{evil}"\nWhich?:\n- Good\n"Bad {evil}?":\n- x\n',
        encoding="utf-8",
    )
    refused = cli("packs", "import", str(file), "--from", "red")
    assert refused.returncode == REFUSED
    file.write_text(f'CONFIG:\n  payout_multiplier: "{evil}"\nWhich?:\n- Good\n', "utf-8")
    written = cli("packs", "import", str(file), "--from", "red")
    assert written.returncode == 0, written.stderr
    assert "#     payout_multiplier:" in written.stdout  # the comment is kept, escaped
    for result in (refused, written):
        for stream in (result.stdout, result.stderr):
            assert not any(ch in stream for ch in "\x1b\x07\u202e"), stream


def test_csv_problems_name_csv_rows_never_lines_of_the_generated_yaml(
    cli: Run, tmp_path: Path
) -> None:
    file = tmp_path / "ids.csv"
    file.write_text(
        "id,type,category,difficulty,prompt,answer\n"
        "a,text,c,easy,P1,A\n"
        'b,text,c,easy,"Two\nlines",B\n'
        "a,text,c,easy,P3,C\n"
        "c,multiple,c,easy,P4,D\n",
        encoding="utf-8",
    )
    result = cli("packs", "import", str(file), "--from", "csv")
    assert result.returncode == REFUSED
    assert result.stderr.splitlines() == [
        f"{file}:5: duplicate question id 'a' (first used on line 2)",
        f"{file}:6: the type must be one of choice, truefalse, text, number, not 'multiple' "
        "(a multiple-choice question is 'choice')",
    ]


# --------------------------------------------------------------------------- safe, lossless exports


def test_csv_cells_a_spreadsheet_would_run_are_written_inert_and_read_back(
    tmp_path: Path,
) -> None:
    import csv

    from hitrun_quiz.packs.formats.csv import export_csv

    source = tmp_path / "formulas.yaml"
    source.write_text(
        "id: formulas\ntitle: Formulas\nquestions:\n"
        "  - {id: q1, type: text, category: '=cmd', difficulty: easy,"
        " prompt: '=HYPERLINK(\"http://x\")', answer: '+1', accept: ['@SUM(A1)', 'AC|DC'],"
        " wrong: ['-2'], explanation: \"'=quoted already\"}\n"
        "  - {id: q2, type: number, category: c, difficulty: easy, prompt: '-5 or so?',"
        " answer: -5, tolerance: 1}\n",
        encoding="utf-8",
    )
    pack = load_pack(source)
    text = export_csv(pack)
    rows = list(csv.reader(text.splitlines()))
    for cell in (c for row in rows for c in row):
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    assert all(line.startswith('"') and line.endswith('"') for line in text.splitlines())
    assert rows[1][:5] == ["text", "'=cmd", "easy", '\'=HYPERLINK("http://x")', "'+1"]
    assert rows[1][9] == "'@SUM(A1)|AC\\|DC" and rows[1][10] == "''=quoted already"
    file = tmp_path / "formulas.csv"
    file.write_text(text, encoding="utf-8")
    back = import_csv(file).pack
    assert back.questions == pack.questions


def same_as_csv_holds(questions: tuple[object, ...]) -> list[object]:
    """Questions as a CSV holds them: everything but the fact (a CSV defines no facts)."""
    return [q._replace(fact=None) for q in questions]  # type: ignore[attr-defined]


def opentdb_view(questions: tuple[object, ...]) -> list[tuple[object, ...]]:
    """What Open Trivia DB holds of a choice or true/false question (no id, no explanation)."""
    return [
        (q.type, q.category, q.difficulty, q.prompt, q.answer, q.choices)  # type: ignore[attr-defined]
        for q in questions
        if q.type in ("choice", "truefalse")  # type: ignore[attr-defined]
    ]


def round_trips(pack: Pack, tmp_path: Path) -> None:
    """Export ``pack`` in every format an importer reads, import it, compare."""
    from hitrun_quiz.packs.formats.csv import export_csv
    from hitrun_quiz.packs.formats.opentdb import export_opentdb
    from hitrun_quiz.packs.formats.writer import draft_of, write_pack

    yaml_file = tmp_path / "back.yaml"
    yaml_file.write_text(write_pack(draft_of(pack))[0], encoding="utf-8")
    again = load_pack(yaml_file, cache=False)
    assert (again.sources, again.facts, again.questions) == (
        pack.sources,
        pack.facts,
        pack.questions,
    )
    csv_file = tmp_path / "back.csv"
    csv_file.write_text(export_csv(pack), encoding="utf-8")
    assert same_as_csv_holds(import_csv(csv_file).pack.questions) == same_as_csv_holds(
        pack.questions
    )
    data, _skipped = export_opentdb(pack)
    if data["results"]:
        json_file = tmp_path / "back.json"
        json_file.write_text(json.dumps(data), encoding="utf-8")
        back = import_opentdb(json_file).pack
        assert opentdb_view(back.questions) == opentdb_view(pack.questions)


def test_the_built_in_pack_round_trips_through_every_format(tmp_path: Path) -> None:
    pack = load_pack("questions/hit-and-run.yaml", "builtin")
    assert any(q.related for q in pack.questions)  # the CSV keeps 'related' too
    round_trips(pack, tmp_path)


# Text a spreadsheet or a YAML/CSV/HTML writer could trip on: formula starts, the list
# separator and its escape, quotes, delimiters, entities, non-ASCII.
TRICKY = st.text(
    alphabet=st.sampled_from(list("ab Z09=+-@|\\'\",;&<>#:é—?")), min_size=1, max_size=16
).map(str.strip).filter(lambda t: t != "" and any(c.isalnum() for c in t))  # fmt: skip


@st.composite
def packs_text(draw: st.DrawFn) -> str:
    from hitrun_quiz.packs.formats.writer import flow, q, scalar

    lines = ["id: generated", "title: Generated", "questions:"]
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("choice", "truefalse", "text", "number")))
        prompt = draw(TRICKY)
        lines += [
            f"  - id: q{i}",
            f"    type: {kind}",
            f"    category: {q(draw(TRICKY))}",
            f"    difficulty: {draw(st.sampled_from(('easy', 'medium', 'hard')))}",
            f"    prompt: {q(prompt)}",
        ]
        stem = draw(TRICKY)  # options distinct to the matcher by a word of their own
        words = ["one", "two", "three", "four", "five"]
        if kind == "choice":
            n = draw(st.integers(2, 4))
            lines.append(f"    answer: {q(stem + ' ' + words[0])}")
            lines.append(f"    wrong: {flow([f'{stem} {w}' for w in words[1 : n + 1]])}")
        elif kind == "truefalse":
            lines.append(f"    answer: {scalar(draw(st.booleans()))}")
        elif kind == "text":
            lines.append(f"    answer: {q(stem + ' ' + words[0])}")
            aliases = draw(st.lists(st.sampled_from(words[1:3]), unique=True, max_size=2))
            if aliases:
                lines.append(f"    accept: {flow([f'{stem} {w}' for w in aliases])}")
            if draw(st.booleans()):
                lines.append(f"    wrong: {flow([f'{stem} {words[4]}'])}")
        else:
            value = draw(st.integers(-(10**6), 10**6)) / draw(st.sampled_from((1, 4, 1000)))
            lines.append(f"    answer: {scalar(value)}")
            if draw(st.booleans()):
                lines.append(f"    tolerance: {draw(st.integers(1, 50))}")
        if draw(st.booleans()):
            lines.append(f"    explanation: {q(draw(TRICKY))}")
        if i and draw(st.booleans()):
            lines.append(f"    related: [q{draw(st.integers(0, i - 1))}]")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=packs_text())
def test_a_generated_pack_round_trips_through_every_format(tmp_path: Path, text: str) -> None:
    source = tmp_path / "generated.yaml"
    source.write_text(text, encoding="utf-8")
    round_trips(load_pack(source, cache=False), tmp_path)
