"""`packs check`: quotes verbatim in their documents, answers in their quotes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from hitrun_quiz.packs.check import check, document_of
from hitrun_quiz.packs.model import Positions, Source
from hitrun_quiz.packs.schema import parse_pack

from .conftest import Run

ARTICLE = """\
Hit & Run follows Segev Azulai (Lior Raz), a tour guide whose wife is killed.
All nine episodes are streaming now. The show’s “cliffhanger” ending
left fans wanting more.
"""
NOTES = "Lior Raz plays Segev. Season 1 premiered on August 6, 2021, on Netflix.\n"

GOOD = """\
id: grounded
title: "Grounded"
sources:
  - id: article
    title: "An article"
    publisher: "A paper"
    date: "2021"
  - id: notes
    title: "My notes"
    publisher: "Me"
    date: "2021"
    document: my-notes.md
facts:
  - id: lead
    statement: "Lior Raz plays Segev."
    quotes:
      - source: article
        quote: "Segev Azulai (Lior   Raz)"
      - source: notes
        quote: "Lior Raz plays Segev"
  - id: episodes
    statement: "Season 1 has nine episodes."
    source: article
    quote: "All nine episodes are streaming now. The show's \\"cliffhanger\\" ending"
questions:
  - id: lead
    fact: lead
    category: cast
    difficulty: easy
    type: text
    prompt: "Who plays Segev?"
    answer: "Lior Raz"
  - id: episodes
    fact: episodes
    category: release
    difficulty: easy
    type: number
    prompt: "How many episodes?"
    answer: 9
  - id: cliffhanger
    fact: episodes
    category: plot
    difficulty: easy
    type: truefalse
    prompt: "The show has a cliffhanger ending."
    answer: true
  - id: no-fact
    category: plot
    difficulty: easy
    type: text
    prompt: "Where is Segev a guide?"
    answer: "Tel Aviv"
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    directory = tmp_path / "sources"
    directory.mkdir()
    (directory / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (directory / "my-notes.md").write_text(NOTES, encoding="utf-8")
    return directory


def run_check(text: str, directory: Path) -> tuple[int, int, int, int, list[str]]:
    positions: Positions = {}
    pack = parse_pack(text, path="p.yaml", positions=positions)
    report = check(pack, directory, positions, file="p.yaml")
    return (
        report.sources,
        report.quotes,
        report.answers,
        report.not_checked,
        [str(p) for p in report.problems],
    )


def test_a_grounded_pack_passes(sources: Path) -> None:
    # 2 documents; 3 quotes (whitespace and typographic quotes aside); 2 answers ("nine" for 9)
    # and 1 true/false claim; the question without a fact is not checked.
    assert run_check(GOOD, sources) == (2, 3, 3, 1, [])


def test_a_quote_not_in_its_document_is_reported_at_the_quote(sources: Path) -> None:
    bad = GOOD.replace('quote: "Lior Raz plays Segev"', 'quote: "on Hulu"')
    *_, problems = run_check(bad, sources)
    assert problems == [
        "p.yaml:20:16: the quote of fact 'lead' is not in the document of source 'notes': "
        '"on Hulu"'
    ]


def test_an_answer_not_in_its_quotes_is_reported_at_the_answer(sources: Path) -> None:
    bad = GOOD.replace("answer: 9", "answer: 8")
    *_, problems = run_check(bad, sources)
    assert problems == [
        "p.yaml:39:13: neither the answer '8' of 'episodes' nor an accepted alias appears in "
        "the quotes of fact 'episodes'"
    ]


def test_an_alias_in_a_quote_is_enough(sources: Path) -> None:
    text = GOOD.replace('answer: "Lior Raz"', 'answer: "Lior Raz Jr"\n    accept: ["Raz"]')
    assert run_check(text, sources)[-1] == []


def test_a_source_without_a_document_is_reported(sources: Path) -> None:
    (sources / "my-notes.md").unlink()
    (sources / "article.txt").rename(sources / "article.md")  # <id>.md is found too
    *_, problems = run_check(GOOD, sources)
    assert problems == [f"p.yaml:8:5: source 'notes' has no document in {sources}: 'my-notes.md'"]


def test_document_of_prefers_the_named_file_then_txt_then_md(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.md").write_text("x")
    assert document_of(Source("a", "t", "p", "d"), tmp_path) == tmp_path / "a.txt"
    assert document_of(Source("b", "t", "p", "d"), tmp_path) == tmp_path / "b.md"
    assert document_of(Source("a", "t", "p", "d", document="b.md"), tmp_path) == tmp_path / "b.md"
    assert document_of(Source("c", "t", "p", "d"), tmp_path) is None


def test_a_document_outside_the_directory_is_refused_by_the_validator() -> None:
    text = GOOD.replace("document: my-notes.md", "document: ../secret.txt")
    from hitrun_quiz.errors import PackError

    with pytest.raises(PackError, match="must be a file name inside the sources directory"):
        parse_pack(text, path="p.yaml")


def test_the_command_reports_counts_and_exits_1_on_a_failure(
    cli: Run, tmp_path: Path, sources: Path
) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD.replace("answer: 9", "answer: 8"), encoding="utf-8")

    ok = cli("packs", "check", str(good), "--sources", str(sources))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == (
        f"{good}: 2 source documents, 3 quotes verbatim, 3 answers and claims in their quotes, "
        "1 question not checked (without a fact)\n"
    )

    failed = cli("packs", "check", str(bad), "--sources", str(sources))
    assert failed.returncode == 1
    assert f"{bad}:39:13: neither the answer '8' of 'episodes'" in failed.stderr
    assert f"hitrun-quiz: 1 problem in {bad}" in failed.stderr

    as_json = json.loads(
        cli("packs", "check", str(bad), "--sources", str(sources), "--json").stdout
    )
    assert as_json["ok"] is False and as_json["answers"] == 2
    assert as_json["problems"][0]["line"] == 39


def test_the_command_refuses_a_missing_directory(cli: Run, tmp_path: Path) -> None:
    file = tmp_path / "good.yaml"
    file.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    result = cli("packs", "check", str(file), "--sources", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "not a directory" in result.stderr


# --------------------------------------------------------------------------- claims and padding


def test_a_true_statement_must_stand_in_its_quotes(sources: Path) -> None:
    bad = GOOD.replace(
        'prompt: "The show has a cliffhanger ending."',
        'prompt: "The show has a happy ending in Paris."',
    )
    *_, problems = run_check(bad, sources)
    assert problems == [
        "p.yaml:45:13: the true statement of 'cliffhanger' says what the quotes of fact "
        "'episodes' do not: 'happy', 'paris' not in them (at most 25% of its claim words may be)"
    ]


def test_a_false_statement_must_be_about_its_fact(sources: Path) -> None:
    ok = GOOD.replace(
        'prompt: "The show has a cliffhanger ending."\n    answer: true',
        'prompt: "The show has a happy ending."\n    answer: false',
    )
    assert run_check(ok, sources)[-1] == []  # "ending" is in the quote: it is about the fact
    bad = ok.replace("The show has a happy ending.", "Tali is Segev's sister.")
    *_, problems = run_check(bad, sources)
    assert problems == [
        "p.yaml:45:13: the false statement of 'cliffhanger' shares no claim word with the "
        "quotes of fact 'episodes': it is not about that fact"
    ]


def test_a_padding_quote_is_reported_at_the_quote(sources: Path) -> None:
    # The second quote is verbatim in its document but holds nothing of "Lior Raz".
    bad = GOOD.replace("Lior Raz plays Segev. Season", "Season").replace(
        'quote: "Lior Raz plays Segev"', 'quote: "on Netflix"'
    )
    (sources / "my-notes.md").write_text(
        "Season 1 premiered on August 6, 2021, on Netflix.\n", encoding="utf-8"
    )
    *_, problems = run_check(bad, sources)
    assert problems == [
        "p.yaml:20:16: quote 2 of fact 'lead' holds nothing of the answer of 'lead', which "
        'shows it: "on Netflix" (a padding quote: give the question a fact of its own)'
    ]


def test_quoted_explanation_text_must_be_verbatim_in_a_source(sources: Path) -> None:
    good = GOOD.replace(
        '    answer: "Lior Raz"\n',
        '    answer: "Lior Raz"\n    explanation: "The article: \\"Segev Azulai (Lior Raz)\\"."\n',
    )
    assert run_check(good, sources)[-1] == []
    bad = good.replace("Segev Azulai (Lior Raz)", "its lead star, Lior Raz")
    *_, problems = run_check(bad, sources)
    assert problems == [
        "p.yaml:33:18: the explanation of 'lead' quotes \"its lead star, Lior Raz\", which no "
        "source document holds verbatim"
    ]


def test_quoted_parts_reads_every_kind_of_quotation_mark() -> None:
    from hitrun_quiz.packs.check import quoted_parts

    text = "She said 'might not disrupt Segev and Naomi's plan' and \"a\" and “b … c” too."
    assert quoted_parts(text) == ["might not disrupt Segev and Naomi's plan", "a", "b", "c"]
    assert quoted_parts("Segev's wife and Naomi's plan") == []  # apostrophes are no quotes
