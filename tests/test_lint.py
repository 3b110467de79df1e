"""`packs lint`: each rule with a small pack that triggers it and one that does not."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from hitrun_quiz.packs.lint import RULES, LintWarning, lint
from hitrun_quiz.packs.model import Positions
from hitrun_quiz.packs.schema import parse_pack

from .conftest import MINI, Run

HEAD = """\
id: lint-test
title: "Lint test"
description: "A pack for the lint tests."
author: "tests"
version: "1"
"""


def q(qid: str, qtype: str, prompt: str, answer: str, **extra: str) -> str:
    """One question as YAML (extra values are written as given, already in YAML)."""
    lines = [
        f"  - id: {qid}",
        "    category: cast",
        "    difficulty: easy",
        f"    type: {qtype}",
        f"    prompt: {json.dumps(prompt)}",
        f"    answer: {answer}",
    ]
    lines += [f"    {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def tf(qid: str, prompt: str, answer: bool) -> str:
    return q(qid, "truefalse", prompt, "true" if answer else "false")


STATEMENTS = [
    "Segev is a tour guide.",
    "Naomi lives in New York.",
    "The killers flee to America.",
    "Ella is kidnapped at the end.",
    "Season one has a cliffhanger.",
]
FILLER = q("filler", "choice", "Which colour is the sky?", '"Blue"', wrong='["Red", "Green"]')

# rule -> (a pack that triggers it, the line:col of the warning, one that does not)
CASES: dict[str, tuple[str, str, str]] = {
    "giveaway": (
        q("who", "text", "Which actor plays Segev?", '"Lior Raz"', accept='["Raz"]')
        + tf("tf", "Lior Raz also co-created the show.", True),
        "25:13",
        # The same two, kept apart by 'related' (the draw never pairs them).
        q("who", "text", "Which actor plays Segev?", '"Lior Raz"', accept='["Raz"]')
        + tf("tf", "Lior Raz also co-created the show.", True).rstrip("\n")
        + "\n    related: who\n",
    ),
    "own-giveaway": (
        q("eps", "number", "The nine episodes of season 1: how many are there?", "9"),
        "18:13",
        q("eps", "number", "How many episodes does season 1 have?", "9"),
    ),
    "truefalse-balance": (
        "".join(tf(f"t{i}", s, True) for i, s in enumerate(STATEMENTS[:4]))
        + tf("f1", STATEMENTS[4], False),
        "6:1",
        "".join(tf(f"t{i}", s, True) for i, s in enumerate(STATEMENTS[:2]))
        + "".join(tf(f"f{i}", s, False) for i, s in enumerate(STATEMENTS[2:4])),
    ),
    "same-option": (
        q(
            "wife",
            "choice",
            "Who is killed at the start?",
            '"Danielle Wexler"',
            wrong='["Sophie Dreyer", "Naomi Hicks"]',
        )
        + q(
            "name",
            "text",
            "Who kept the diary?",
            '"Danielle"',
            accept='["Danielle Wexler", "Sophie Dreyer"]',
        ),
        "20:13",
        q(
            "wife",
            "choice",
            "Who is killed at the start?",
            '"Danielle Wexler"',
            wrong='["Tali Shapira", "Naomi Hicks"]',
        )
        + q(
            "name",
            "text",
            "Who kept the diary?",
            '"Danielle"',
            accept='["Danielle Wexler", "Sophie Dreyer"]',
        ),
    ),
    "near-duplicate": (
        tf("a", "Segev works as a tour guide in Tel Aviv.", True)
        + tf("b", "Segev worked as a tour guide in Tel Aviv.", True),
        "24:13",
        tf("a", "Segev works as a tour guide in Tel Aviv.", True)
        + tf("b", "Naomi works as a journalist in New York.", True),
    ),
    "surname-alias": (
        q("who", "text", "Which actor plays Naomi?", '"Sanaa Lathan"'),
        "19:13",
        q("who", "text", "Which actor plays Naomi?", '"Sanaa Lathan"', accept='["Lathan"]')
        # A place is no one's name.
        + q("where", "text", "In which city is the hit and run?", '"Tel Aviv"'),
    ),
    "same-meaning": (
        q(
            "who",
            "choice",
            "Who plays Segev?",
            '"Lior Raz"',
            wrong='["Gal Toren", "Igal Naor"]',
            fact="lead",
        )
        + q("who2", "text", "Name the lead actor.", '"Lior Raz"', accept='["Raz"]', fact="lead"),
        "41:13",
        q(
            "who",
            "choice",
            "Who plays Segev?",
            '"Lior Raz"',
            wrong='["Gal Toren", "Igal Naor"]',
            fact="lead",
        )
        + q("who2", "text", "Name the lead actor.", '"Lior Raz"', accept='["Raz"]', fact="other"),
    ),
    "test-taking": (
        q(
            "past",
            "choice",
            "What comes to the surface?",
            '"Segev\'s own murky past"',
            wrong='["A hidden fortune", "A long-lost brother", "A forged will"]',
        ),
        "19:13",
        q(
            "past",
            "choice",
            "What comes to the surface?",
            '"Segev\'s own murky past"',
            wrong='["Segev\'s own hidden fortune", "Segev\'s lost brother", "A forged will"]',
        ),
    ),
    "answer-in-metadata": (
        q("year", "number", "In which year did the show premiere?", "2021"),
        "19:13",
        q("year", "number", "In which year did the show premiere?", "2020"),
    ),
}


FACTS = """\
sources:
  - id: paper
    title: "A paper"
    publisher: "Paper"
    date: "2021"
facts:
  - id: lead
    statement: "Lior Raz plays Segev."
    source: paper
    quote: "Lior Raz plays Segev"
  - id: other
    statement: "Lior Raz leads the cast."
    source: paper
    quote: "Lior Raz leads the cast"
"""


def pack_text(questions: str, head: str = HEAD) -> str:
    facts = FACTS if "fact: " in questions and "facts:" not in head else ""
    return head + facts + "questions:\n" + FILLER + questions


def lint_text(text: str) -> list[LintWarning]:
    positions: Positions = {}
    pack = parse_pack(text, path="p.yaml", positions=positions)
    return lint(pack, positions, file="p.yaml")


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_warns_at_the_place(rule: str) -> None:
    bad, where, _ = CASES[rule]
    head = HEAD.replace("Lint test", "Lint test 2021") if rule == "answer-in-metadata" else HEAD
    warnings = lint_text(pack_text(bad, head))
    assert [w.rule for w in warnings] == [rule], warnings
    assert f"{warnings[0].line}:{warnings[0].col}" == where, str(warnings[0])


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_is_quiet_on_a_fair_pack(rule: str) -> None:
    _, _, good = CASES[rule]
    head = HEAD.replace("Lint test", "Lint test 2021") if rule == "answer-in-metadata" else HEAD
    assert lint_text(pack_text(good, head)) == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_the_command_prints_the_warning_and_strict_exits_1(
    cli: Run, tmp_path: Path, rule: str
) -> None:
    bad, where, good = CASES[rule]
    head = HEAD.replace("Lint test", "Lint test 2021") if rule == "answer-in-metadata" else HEAD
    bad_file, good_file = tmp_path / "bad.yaml", tmp_path / "good.yaml"
    bad_file.write_text(pack_text(bad, head), encoding="utf-8")
    good_file.write_text(pack_text(good, head), encoding="utf-8")

    result = cli("packs", "lint", str(bad_file))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{bad_file}:{where}: warning: ") and line.endswith(f"[{rule}]")
    assert "1 warning in 1 pack" in result.stderr

    strict = cli("packs", "lint", "--strict", str(bad_file))
    assert strict.returncode == 1 and strict.stdout == result.stdout

    clean = cli("packs", "lint", "--strict", str(good_file))
    assert clean.returncode == 0 and clean.stdout == "", clean.stdout + clean.stderr


def test_json_gives_the_warnings_as_data(cli: Run, tmp_path: Path) -> None:
    bad, where, _ = CASES["giveaway"]
    file = tmp_path / "p.yaml"
    file.write_text(pack_text(bad), encoding="utf-8")
    result = cli("packs", "lint", "--json", str(file), str(MINI))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    line, col = map(int, where.split(":"))
    assert data[0] == {
        "file": str(file),
        "line": line,
        "col": col,
        "rule": "giveaway",
        "message": data[0]["message"],
    }
    assert "'tf' gives away the answer of 'who'" in data[0]["message"]
    # mini lacks "Raz", and asks for Lior Raz twice from one fact
    assert {d["rule"] for d in data} == {"giveaway", "same-meaning", "surname-alias"}


def test_an_invalid_pack_is_reported_and_exits_3(cli: Run, tmp_path: Path) -> None:
    file = tmp_path / "broken.yaml"
    file.write_text("id: x\n", encoding="utf-8")
    result = cli("packs", "lint", str(file), str(MINI))
    assert result.returncode == 3
    assert f"{file}:1:1: the pack is missing 'title'" in result.stderr
    assert "[surname-alias]" in result.stdout  # the valid one is still linted


def test_a_pack_id_is_linted_from_its_file(cli: Run) -> None:
    result = cli("packs", "lint", "hit-and-run")
    assert result.returncode == 0, result.stderr
    assert all("hit-and-run.yaml:" in line for line in result.stdout.splitlines())


def test_giveaways_count_numbers_as_words_and_ignore_true_false_and_options() -> None:
    text = pack_text(
        q("eps", "number", "How many episodes does season 1 have?", "9")
        + tf("nine", "All nine episodes came out at once.", True)  # gives away 9
        + tf("truth", "The grass is green: true or false?", True)  # no answer: options, true
        + q("opt", "choice", "Which one is a colour?", '"Pink"', wrong='["Nine", "Ten"]')
    )
    rules = [(w.rule, w.message.split("'")[1]) for w in lint_text(text)]
    assert rules == [("giveaway", "nine")]


def test_a_shared_fact_keeps_two_questions_apart_so_lint_is_quiet() -> None:
    head = HEAD + textwrap.dedent(
        """\
        sources:
          - {id: s, title: "T", publisher: "P", date: "2021"}
        facts:
          - id: lead
            statement: "Lior Raz plays Segev."
            quotes:
              - {source: s, quote: "Lior Raz plays Segev"}
              - {source: s, quote: "Segev (Lior Raz)"}
        """
    )
    body = (
        q("who", "text", "Which actor plays Segev?", '"Lior Raz"', accept='["Raz"]', fact="lead")
        + tf("tf", "Lior Raz plays Segev.", True).rstrip("\n")
        + "\n    fact: lead\n"
    )
    assert lint_text(pack_text(body, head)) == []


def test_an_exact_duplicate_prompt_is_named_as_such() -> None:
    text = pack_text(
        tf("a", "Segev works as a tour guide in Tel Aviv.", True)
        + tf("b", "SEGEV works as a tour-guide in Tel Aviv!", False)
    )
    (warning,) = lint_text(text)
    assert warning.rule == "near-duplicate"
    assert "the prompt of 'b' is the same as that of 'a' (line 14)" in warning.message


def test_lint_is_linear_enough_for_a_large_pack() -> None:
    """10,000 questions lint without pairwise comparisons (no timing: it just finishes)."""
    body = "".join(
        q(f"q{i}", "text", f"What is the code word number {i} of the list?", f'"w{i}x"')
        for i in range(10_000)
    )
    warnings = lint_text(pack_text(body))
    # Each prompt differs from its neighbours by one word: near-duplicates, each reported once.
    near = [w for w in warnings if w.rule == "near-duplicate"]
    assert 0 < len(near) < 10_000


def test_a_possessive_still_gives_a_name_away() -> None:
    text = pack_text(
        q("role", "text", "Which character does Lior Raz play?", '"Segev"')
        + tf("wife", "Segev’s wife is killed in Tel Aviv.", True)
    )
    (warning,) = lint_text(text)
    assert warning.rule == "giveaway"
    assert "the prompt of 'wife' gives away the answer of 'role' ('segev'" in warning.message


def test_the_packs_new_template_is_lint_clean(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert cli("packs", "new", str(target)).returncode == 0
    result = cli("packs", "lint", "--strict", str(target))
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


# --------------------------------------------------------------------------- shown text


LEAKS = """\
sources:
  - id: paper
    title: "A paper"
    publisher: "Paper"
    date: "2021"
facts:
  - id: kidnap
    statement: "Ella is kidnapped."
    source: paper
    quote: "his cousin Tali helps him; Ella is kidnapped"
questions:
  - id: cousin
    category: cast
    difficulty: easy
    type: text
    prompt: "What is the name of Segev's cousin?"
    answer: "Tali"
  - id: kidnap
    fact: kidnap
    category: plot
    difficulty: easy
    type: choice
    prompt: "Who is kidnapped at the end?"
    answer: "Ella"
    wrong: ["His cousin Tali", "Naomi"]
    explanation: "Segev's cousin Tali is safe; Ella is not."
"""


ONLY_QUOTE = LEAKS.replace('["His cousin Tali", "Naomi"]', '["Tali", "Naomi"]').replace(
    "Segev's cousin Tali is safe; Ella is not.", "Ella is not safe."
)
ONLY_EXPLANATION = ONLY_QUOTE.replace("his cousin Tali helps him; ", "").replace(
    "Ella is not safe.", "Segev's cousin Tali is safe; Ella is not."
)


@pytest.mark.parametrize(
    ("text", "where", "start"),
    [
        (LEAKS, (30, 13), "the option 'His cousin Tali' of 'kidnap' gives away the answer of "),
        (ONLY_QUOTE, (15, 12), "quote 1 of fact 'kidnap', shown with 'kidnap', gives away the "),
        (ONLY_EXPLANATION, (31, 18), "the explanation of 'kidnap' gives away the answer of "),
    ],
)
def test_a_leak_is_reported_where_it_is_shown_naming_both_questions(
    text: str, where: tuple[int, int], start: str
) -> None:
    (warning,) = lint_text(HEAD + text)  # one warning a pair, at the first place shown
    assert (warning.line, warning.col, warning.rule) == (*where, "giveaway")
    assert warning.message.startswith(start), warning.message
    assert "'cousin' ('tali' beside 'cousin', line 17)" in warning.message


def test_a_name_without_its_cue_is_no_leak() -> None:
    quiet = LEAKS.replace("his cousin Tali helps him; ", "").replace(
        '["His cousin Tali", "Naomi"]', '["Tali", "Naomi"]'
    )
    quiet = quiet.replace("Segev's cousin Tali is safe; Ella is not.", "Tali is safe.")
    assert lint_text(HEAD + quiet) == []


def test_the_true_false_share_is_checked_per_category_and_difficulty() -> None:
    # 5 of 10 true overall, but every one of category 'plot' is true: always 'true' pays there.
    plot = "".join(tf(f"p{i}", s, True) for i, s in enumerate(STATEMENTS))
    cast = "".join(
        tf(f"c{i}", s.replace("Segev", "Ron"), False).replace("category: cast", "category: cast")
        for i, s in enumerate(STATEMENTS)
    )
    text = pack_text(plot.replace("category: cast", "category: plot") + cast)
    warnings = [w for w in lint_text(text) if w.rule == "truefalse-balance"]
    messages = sorted(w.message.split(";")[0] for w in warnings)
    assert messages == [
        "0 of 5 true/false statements in category 'cast' are true (0%)",
        "5 of 5 true/false statements in category 'plot' are true (100%)",
    ]
