"""Tests for the built-in question bank, questions/hit-and-run.yaml.

Three groups:

* pack rules, which need nothing but the pack (and the project's loader);
* fairness: ``packs lint --strict`` passes (no giveaways, near-duplicates,
  lopsided true/false ...);
* grounding: ``packs check --sources ../shared/sources`` passes (every quote
  verbatim in its article, every answer in its quotes), skipped when that
  directory (next to the repository) is missing.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from hitrun_quiz.packs.check import check, document_of
from hitrun_quiz.packs.model import Pack, Question

from .conftest import Run

REPO = Path(__file__).resolve().parents[1]
PACK_FILE = REPO / "questions" / "hit-and-run.yaml"
SOURCES_DIR = REPO.parent / "shared" / "sources"
SOURCE_IDS = {"independent", "cinemaholic"}

MAX_QUOTE = 300
MAX_SHARE_OF_ARTICLE = 0.60
CATEGORIES = {
    "cast",
    "characters",
    "plot",
    "ending",
    "creators",
    "release",
    "production",
    "season-2",
}
# Slips in The Independent's text: (the slip, the correct spelling).
SLIPS = (("Riaz", "Lior Raz"), ("Issacharof", "Avi Issacharoff"))
# ----------------------------------------------------------------------------- helpers


def norm(text: str) -> str:
    """Casefold, map typographic quotes to plain ones and collapse whitespace."""
    text = text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})
    return " ".join(text.casefold().split())


def slip_re(slip: str) -> re.Pattern[str]:
    """A slip as a whole word ("Issacharof" but not "Issacharoff")."""
    return re.compile(rf"\b{re.escape(slip)}\b", re.IGNORECASE)


def fmt(ids: list[str] | set[str]) -> str:
    return ", ".join(sorted(ids))


@cache
def pack() -> Pack:
    """The pack, loaded and validated by the project's own loader."""
    from hitrun_quiz.packs.loader import load_pack

    return load_pack(PACK_FILE, origin="builtin")


@cache
def raw() -> dict:
    with PACK_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def questions() -> tuple[Question, ...]:
    return pack().questions


def options(q: Question) -> tuple[str, ...]:
    return q.choices or (str(q.answer), *q.wrong)


# ----------------------------------------------------------------------------- pack rules


def test_pack_loads_with_the_project_loader() -> None:
    p = pack()
    assert p.id == "hit-and-run"
    assert p.origin == "builtin"
    assert p.title and p.description and p.author and p.version


def test_raw_yaml_has_no_anchors_or_aliases() -> None:
    text = PACK_FILE.read_text(encoding="utf-8")
    found = [
        f"line {ev.start_mark.line + 1}"
        for ev in yaml.parse(text, Loader=yaml.SafeLoader)
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None)
    ]
    assert not found, f"YAML anchors/aliases at: {', '.join(found)}"


def test_raw_yaml_keeps_literal_types() -> None:
    """Dates, versions and texts stay strings; true/false and numbers keep their types."""
    data = raw()
    bad = [s["id"] for s in data["sources"] if not isinstance(s["date"], str)]
    assert not bad, f"source dates that YAML did not read as strings: {fmt(bad)}"
    assert isinstance(data["version"], str), "version must be a quoted string"
    bad = []
    for q in data["questions"]:
        ans = q["answer"]
        if q["type"] == "truefalse":
            ok = isinstance(ans, bool)
        elif q["type"] == "number":
            ok = isinstance(ans, (int, float)) and not isinstance(ans, bool)
        else:
            ok = isinstance(ans, str) and all(
                isinstance(x, str) for x in q.get("wrong", []) + q.get("accept", [])
            )
        if not ok or not isinstance(q["prompt"], str):
            bad.append(q["id"])
    assert not bad, f"questions whose values YAML reads as the wrong type: {fmt(bad)}"


def test_enough_questions() -> None:
    assert len(questions()) >= 120, f"only {len(questions())} questions; need at least 120"


def test_question_ids_unique() -> None:
    counts = Counter(q.id for q in questions())
    dupes = {i for i, n in counts.items() if n > 1}
    assert not dupes, f"duplicate question ids: {fmt(dupes)}"


def test_categories() -> None:
    used = {q.category for q in questions()}
    unknown = used - CATEGORIES
    assert not unknown, f"categories outside the agreed list: {fmt(unknown)}"
    assert len(used) >= 6, f"only {len(used)} categories used: {fmt(used)}"


def test_all_difficulties_used() -> None:
    counts = Counter(q.difficulty for q in questions())
    missing = {"easy", "medium", "hard"} - set(counts)
    assert not missing, f"no questions of difficulty: {fmt(missing)}"
    thin = {d for d, n in counts.items() if n < 15}
    assert not thin, f"too few questions (<15) of difficulty: {fmt(thin)} ({dict(counts)})"


# The articles hold few numbers a fair question can ask for: 2021 is in the pack's title, and
# "2" stands beside "season" in most sentences (so it would give itself away); no number is
# asked twice from one fact.
MIN_OF_TYPE = {"choice": 12, "truefalse": 12, "text": 12, "number": 8}


@pytest.mark.parametrize("qtype", sorted(MIN_OF_TYPE))
def test_each_type_well_represented(qtype: str) -> None:
    n = sum(q.type == qtype for q in questions())
    least = MIN_OF_TYPE[qtype]
    assert n >= least, f"only {n} {qtype} questions; need at least {least}"


def test_every_question_cites_an_existing_fact() -> None:
    p = pack()
    missing = [q.id for q in questions() if p.fact(q.fact) is None]
    assert not missing, f"questions without a known fact: {fmt(missing)}"


def test_every_fact_is_used() -> None:
    used = {q.fact for q in questions()}
    unused = [f.id for f in pack().facts if f.id not in used]
    assert not unused, f"facts no question cites: {fmt(unused)}"


def test_questions_spread_over_many_facts() -> None:
    counts = Counter(q.fact for q in questions())
    heavy = [f"{f} ({n})" for f, n in counts.items() if n > 8]
    assert not heavy, f"facts carrying too many questions: {', '.join(heavy)}"
    assert len(counts) >= 40, f"questions use only {len(counts)} distinct facts"


def test_every_fact_source_exists() -> None:
    p = pack()
    bad = [f.id for f in p.facts if p.source(f.source) is None]
    assert not bad, f"facts citing an unknown source: {fmt(bad)}"
    assert {s.id for s in p.sources} == SOURCE_IDS, "unexpected source ids"


def test_quotes_are_short() -> None:
    long = [
        f"{f.id} ({len(q.text)})" for f in pack().facts for q in f.quotes if len(q.text) > MAX_QUOTE
    ]
    assert not long, f"quotes over {MAX_QUOTE} characters: {', '.join(long)}"


def test_choice_questions_have_three_to_five_distinct_options() -> None:
    bad = []
    for q in questions():
        if q.type != "choice":
            continue
        opts = options(q)
        folded = {norm(o) for o in opts}
        if not 3 <= len(opts) <= 5 or len(folded) != len(opts):
            bad.append(f"{q.id} ({len(opts)} options)")
        elif norm(str(q.answer)) in {norm(w) for w in q.wrong}:
            bad.append(f"{q.id} (answer among wrong)")
    assert not bad, f"bad choice options: {', '.join(bad)}"


def test_truefalse_answers_are_booleans_and_both_occur() -> None:
    tf = [q for q in questions() if q.type == "truefalse"]
    bad = [q.id for q in tf if not isinstance(q.answer, bool)]
    assert not bad, f"true/false answers that are not booleans: {fmt(bad)}"
    trues = sum(q.answer is True for q in tf)
    assert 0.4 <= trues / len(tf) <= 0.6, f"{trues} of {len(tf)} true/false answers are true"


def test_slip_spellings_never_used_as_answers() -> None:
    """'Riaz' and 'Issacharof' may appear only in quotes and in accept lists."""
    bad = []
    for q in questions():
        fields = [q.prompt, str(q.answer), *q.wrong, *q.choices, q.explanation or ""]
        for slip, _ in SLIPS:
            if any(slip_re(slip).search(text) for text in fields):
                bad.append(f"{q.id} ({slip})")
    for f in pack().facts:
        for slip, _ in SLIPS:
            if slip_re(slip).search(f.statement):
                bad.append(f"fact {f.id} ({slip})")
    assert not bad, f"slip spellings outside quotes/accept: {', '.join(bad)}"


def test_correct_spellings_used_in_answers() -> None:
    answers = {str(q.answer) for q in questions()}
    for _, correct in SLIPS:
        assert correct in answers, f"no question has the answer {correct!r}"


def test_text_answers_accept_the_slip_spelling() -> None:
    bad = []
    for q in questions():
        if q.type != "text":
            continue
        for slip, correct in SLIPS:
            if q.answer == correct and not any(norm(a) == norm(slip) for a in q.accept):
                bad.append(f"{q.id} (should accept {slip!r})")
    assert not bad, f"text questions missing the articles' spelling: {', '.join(bad)}"


def test_naomi_descriptions_never_contradicted() -> None:
    """'ex-lover' (Independent) and 'journalist friend' (Cinemaholic) can both hold."""
    descriptions = ("ex-lover", "lover", "journalist", "friend")
    bad = []
    for q in questions():
        prompt = q.prompt.casefold()
        if "naomi" not in prompt:
            continue
        wrong_texts = " ".join(q.wrong).casefold()
        if any(d in wrong_texts for d in descriptions):
            bad.append(f"{q.id} (distractor)")
        if q.type == "truefalse" and q.answer is False and any(d in prompt for d in descriptions):
            bad.append(f"{q.id} (false statement about Naomi)")
    assert not bad, f"questions that make one Naomi description wrong: {', '.join(bad)}"


def test_season_2_questions_are_attributed() -> None:
    """Season 2 was unconfirmed: ask what was reported, said or expected."""
    markers = ("according to", "cinemaholic", "independent", "prestwich", "raz", "expect")
    bad = [
        q.id
        for q in questions()
        if q.category == "season-2" and not any(m in q.prompt.casefold() for m in markers)
    ]
    assert not bad, f"season-2 questions stated as fact rather than as reported: {fmt(bad)}"


def test_number_answers_are_plain() -> None:
    bad = [
        q.id
        for q in questions()
        if q.type == "number"
        and (isinstance(q.answer, bool) or not isinstance(q.answer, (int, float)))
    ]
    assert not bad, f"number questions without a numeric answer: {fmt(bad)}"


# ----------------------------------------------------------------------------- fairness


def test_pack_passes_lint_strict(cli: Run) -> None:
    result = cli("packs", "lint", "--strict", str(PACK_FILE))
    assert result.returncode == 0, "packs lint --strict warns:\n" + result.stdout + result.stderr
    assert result.stdout == ""


# ----------------------------------------------------------------------------- grounding


def sources_dir(where: Path | None = None) -> Path:
    """The source articles; when missing, a failure in CI (``CI`` set), elsewhere a skip."""
    where = SOURCES_DIR if where is None else where
    if not where.is_dir():
        why = (
            f"the source articles are not at {where}: the grounding tests "
            "(packs check --sources) cannot run without them"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{why}; in CI they must be there (check out ../shared/sources)")
        pytest.skip(f"{why} (set CI to make this a failure)")
    return where


def test_missing_sources_fail_in_ci_and_skip_with_a_reason_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nowhere = tmp_path / "nowhere"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI they must be there"):
        sources_dir(nowhere)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="cannot run without them"):
        sources_dir(nowhere)
    assert sources_dir(tmp_path) == tmp_path


def test_every_source_names_its_document() -> None:
    missing = [s.id for s in pack().sources if not s.document]
    assert not missing, f"sources without a 'document:' key: {fmt(missing)}"


def test_pack_passes_check_against_the_articles(cli: Run) -> None:
    result = cli("packs", "check", str(PACK_FILE), "--sources", str(sources_dir()))
    assert result.returncode == 0, "packs check fails:\n" + result.stderr
    assert f"{PACK_FILE}: 2 source documents" in result.stdout


def test_check_finds_every_quote_and_answer() -> None:
    """The pure check: every quote verbatim, every answer (or true/false claim) in its quotes."""
    report = check(pack(), sources_dir())
    assert report.problems == ()
    assert report.quotes == sum(len(f.quotes) for f in pack().facts)
    assert report.answers == len(questions())


@cache
def article(source_id: str) -> str:
    source = pack().source(source_id)
    assert source is not None, f"no source {source_id!r}"
    document = document_of(source, sources_dir())
    assert document is not None, f"no document for source {source_id!r}"
    return norm(document.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source_id", sorted(SOURCE_IDS))
def test_pack_does_not_reproduce_an_article(source_id: str) -> None:
    """The quotes, added up and as a share of the text they cover, stay well under it."""
    text = article(source_id)
    quotes = {norm(q.text) for f in pack().facts for q in f.quotes if q.source == source_id}
    total = sum(len(q) for q in quotes)
    assert total < MAX_SHARE_OF_ARTICLE * len(text), (
        f"quotes from {source_id} add up to {total} characters, "
        f"{total / len(text):.0%} of the article (limit {MAX_SHARE_OF_ARTICLE:.0%})"
    )
    covered = [False] * len(text)
    for q in quotes:
        start = text.find(q)
        while start != -1:
            covered[start : start + len(q)] = [True] * len(q)
            start = text.find(q, start + 1)
    share = sum(covered) / len(text)
    assert share < MAX_SHARE_OF_ARTICLE, (
        f"quotes cover {share:.0%} of {source_id} (limit {MAX_SHARE_OF_ARTICLE:.0%})"
    )
