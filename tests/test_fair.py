"""Fair rounds: facts with several quotes, `related:`, and draws without giveaways."""

from __future__ import annotations

import json
import textwrap
from itertools import combinations
from pathlib import Path

import pytest
from rich.console import Console

from hitrun_quiz.errors import PackError
from hitrun_quiz.game.draw import Filters, draw
from hitrun_quiz.game.events import AnswerJudged
from hitrun_quiz.game.fairness import leak_between, pick
from hitrun_quiz.normalise import normalise, parse_number
from hitrun_quiz.packs.giveaways import is_role, key_of, leak, profile
from hitrun_quiz.packs.loader import load_pack
from hitrun_quiz.packs.model import Fact, Pack, Question
from hitrun_quiz.packs.schema import parse_pack
from hitrun_quiz.ui.terminal import render_result

from .conftest import ROOT, Run

HEAD = """\
id: fair
title: "Fair"
sources:
  - {id: ind, title: "Independent", publisher: "The Independent", date: "2021-08-10"}
  - {id: cin, title: "Cinemaholic", publisher: "The Cinemaholic", date: "2021"}
facts:
  - id: wife-ohm
    statement: "Kaelen Ohm plays Segev's wife."
    quotes:
      - source: ind
        quote: "whose wife (Kaelen Ohm) is killed"
      - source: cin
        quote: "Kaelen Ohm steps into the role of his wife Danielle Wexler"
  - id: lead
    statement: "Lior Raz plays Segev."
    source: ind
    quote: "a man named Segev (Lior Raz)"
questions:
"""
WIFE = """\
  - id: wife
    fact: wife-ohm
    category: cast
    difficulty: easy
    type: text
    prompt: "Who plays Segev's wife?"
    answer: "Kaelen Ohm"
    accept: ["Ohm"]
"""
LEAD = """\
  - id: lead
    fact: lead
    category: cast
    difficulty: easy
    type: text
    prompt: "Who plays Segev?"
    answer: "Lior Raz"
    accept: ["Raz"]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(PackError) as info:
        parse_pack(text, path="p.yaml")
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- quotes


def test_a_fact_may_have_several_quotes() -> None:
    pack = parse_pack(HEAD + WIFE + LEAD)
    wife = pack.fact("wife-ohm")
    assert wife is not None
    assert (wife.source, wife.quote) == ("ind", "whose wife (Kaelen Ohm) is killed")
    assert [(q.source, q.text) for q in wife.quotes] == [
        ("ind", "whose wife (Kaelen Ohm) is killed"),
        ("cin", "Kaelen Ohm steps into the role of his wife Danielle Wexler"),
    ]
    lead = pack.fact("lead")
    assert lead is not None and [q.text for q in lead.quotes] == ["a man named Segev (Lior Raz)"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    quotes:\n      - source: ind\n",
            "    source: ind\n    quotes:\n      - source: ind\n",
            "p.yaml:9:13: a fact takes either 'source' and 'quote' or 'quotes', not both",
        ),
        (
            '    source: ind\n    quote: "a man named Segev (Lior Raz)"\n',
            "",
            "p.yaml:14:5: a fact is missing 'quotes' (or 'source' and 'quote')",
        ),
        (
            "      - source: cin\n",
            "      - source: nowhere\n",
            "p.yaml:12:17: the fact's source 'nowhere' is not among the pack's sources",
        ),
        (
            '      - source: cin\n        quote: "Kaelen Ohm steps into the role of his wife '
            'Danielle Wexler"\n',
            "      - source: cin\n",
            "p.yaml:12:9: a quote is missing 'quote'",
        ),
    ],
)
def test_quotes_are_validated(old: str, new: str, expected: str) -> None:
    text = HEAD + WIFE
    assert old in text
    # (a broken fact may also leave the question citing it with an unknown fact)
    assert problems(text.replace(old, new, 1))[0] == expected


def test_empty_quotes_are_refused() -> None:
    text = HEAD.replace(
        '    quotes:\n      - source: ind\n        quote: "whose wife (Kaelen Ohm) is killed"\n'
        '      - source: cin\n        quote: "Kaelen Ohm steps into the role of his wife '
        'Danielle Wexler"\n',
        "    quotes: []\n",
    )
    assert problems(text + LEAD) == [
        "p.yaml:9:13: the fact's 'quotes' is empty; give at least one quote"
    ]


def test_several_quotes_survive_the_cache(tmp_path: Path) -> None:
    file = tmp_path / "fair.yaml"
    file.write_text(HEAD + WIFE + LEAD.rstrip("\n") + "\n    related: wife\n", encoding="utf-8")
    fresh = load_pack(file)
    cached = load_pack(file)
    assert cached == fresh
    assert cached.fact("wife-ohm") == fresh.fact("wife-ohm")
    assert len(cached.fact("wife-ohm").quotes) == 2  # type: ignore[union-attr]
    assert {q.id: q.related for q in cached.questions} == {"wife": ("lead",), "lead": ("wife",)}


def test_every_quote_is_shown_in_plain_text_and_the_export(cli: Run, tmp_path: Path) -> None:
    file = tmp_path / "fair.yaml"
    file.write_text(HEAD + WIFE, encoding="utf-8")
    result = cli("play", "--pack", str(file), "--seed", "1", input="ohm\n")
    assert result.returncode == 0, result.stderr
    assert (
        '  Source: "whose wife (Kaelen Ohm) is killed" (The Independent, 2021-08-10)\n'
        '  Source: "Kaelen Ohm steps into the role of his wife Danielle Wexler" '
        "(The Cinemaholic, 2021)\n"
    ) in result.stdout
    data = json.loads(cli("packs", "export", str(file), "--json").stdout)
    fact = data["questions"][0]["fact"]
    assert fact["quote"] == "whose wife (Kaelen Ohm) is killed"
    assert fact["quotes"] == [
        {
            "quote": "whose wife (Kaelen Ohm) is killed",
            "source": {"title": "Independent", "publisher": "The Independent"},
        },
        {
            "quote": "Kaelen Ohm steps into the role of his wife Danielle Wexler",
            "source": {"title": "Cinemaholic", "publisher": "The Cinemaholic"},
        },
    ]


def test_every_quote_is_shown_on_the_terminal() -> None:
    pack = parse_pack(HEAD + WIFE)
    (asked,), _ = draw([pack], 1, Filters(), seed=1)
    event = AnswerJudged(asked, "correct", "Ohm", 100, 100, 1, 1.0)
    console = Console(record=True, width=100, color_system=None)
    console.print(render_result(event))
    text = console.export_text()
    assert "“whose wife (Kaelen Ohm) is killed”" in text
    assert "— The Independent, 2021-08-10" in text
    assert "“Kaelen Ohm steps into the role of his wife Danielle Wexler”" in text
    assert "— The Cinemaholic, 2021" in text


# --------------------------------------------------------------------------- related


def test_related_takes_one_id_or_a_list_and_is_symmetric() -> None:
    third = LEAD.replace("id: lead", "id: third").replace("    fact: lead\n", "")
    text = (
        HEAD
        + WIFE.rstrip("\n")
        + "\n    related: [lead, third]\n"
        + LEAD.rstrip("\n")
        + "\n    related: wife\n"
        + third
    )
    related = {q.id: q.related for q in parse_pack(text).questions}
    assert related == {"wife": ("lead", "third"), "lead": ("wife",), "third": ("wife",)}


def test_related_must_name_a_question_of_the_pack() -> None:
    text = HEAD + WIFE.rstrip("\n") + "\n    related: [lead, nobody]\n" + LEAD
    assert problems(text) == [
        "p.yaml:27:21: 'related' names question 'nobody', which the pack does not define"
    ]


# --------------------------------------------------------------------------- draws


def tf(qid: str, prompt: str, **extra: object) -> Question:
    return Question(qid, "truefalse", "plot", "easy", prompt, True, **extra)  # type: ignore[arg-type]


def text_q(qid: str, prompt: str, answer: str, **extra: object) -> Question:
    return Question(qid, "text", "cast", "easy", prompt, answer, **extra)  # type: ignore[arg-type]


def test_a_prompt_that_gives_an_answer_away_never_shares_a_round() -> None:
    pack = Pack(
        id="p",
        title="P",
        questions=(
            text_q("eps", "How many episodes does season one have?", "9"),
            tf("nine", "All nine episodes came out on one day."),
            text_q("who", "Who plays Segev?", "Lior Raz", accept=("Raz",)),
            tf("raz", "Raz also co-created the show."),  # an alias gives it away too
            tf("free", "The show is a thriller."),
            tf("free2", "The wife is killed in a hit and run."),
        ),
    )
    for seed in range(300):
        asked, _ = draw([pack], 4, Filters(), seed)
        ids = {a.question.id for a in asked}
        assert len(ids) == 4
        assert not {"eps", "nine"} <= ids and not {"who", "raz"} <= ids, (seed, ids)


def test_choice_options_and_true_false_answers_give_nothing_away() -> None:
    pack = Pack(
        id="p",
        title="P",
        questions=(
            Question(
                "c",
                "choice",
                "cast",
                "easy",
                "Who plays Segev?",
                "Lior Raz",
                choices=("Lior Raz", "Gal Toren", "True"),
            ),
            tf("t", "Gal Toren plays Ron: true or false?"),
        ),
    )
    for seed in range(20):
        asked, _ = draw([pack], 2, Filters(), seed)
        assert len(asked) == 2


def test_related_questions_are_kept_apart() -> None:
    pack = Pack(
        id="p",
        title="P",
        questions=(
            tf("a", "One thing.", related=("b",)),
            tf("b", "Another thing.", related=("a",)),
            tf("c", "A third thing."),
        ),
    )
    for seed in range(100):
        asked, _ = draw([pack], 2, Filters(), seed)
        assert {a.question.id for a in asked} != {"a", "b"}, seed


def test_a_round_is_still_filled_when_only_giveaways_remain() -> None:
    """The rules hold whenever the pool allows it; a round never runs short for them."""
    pack = Pack(
        id="p",
        title="P",
        questions=(text_q("who", "Who plays Segev?", "Lior Raz"), tf("t", "Lior Raz is Segev.")),
    )
    asked, available = draw([pack], 2, Filters(), seed=3)
    assert len(asked) == 2 and available == 2


def test_pick_prefers_a_shared_fact_over_a_giveaway_when_filling_up() -> None:
    pack = Pack(
        id="p",
        title="P",
        questions=(
            text_q("who", "Who plays Segev?", "Lior Raz", fact="f"),
            tf("same", "Segev is a tour guide.", fact="f"),
            tf("leak", "Lior Raz is Segev."),
        ),
    )
    entries = [(pack, q) for q in pack.questions]
    assert [q.id for _, q in pick(entries, 2)] == ["who", "same"]
    assert [q.id for _, q in pick(entries, 3)] == ["who", "same", "leak"]


# An independent notion of a giveaway for the bank test: normalised words, each number
# word also as digits; text answers and aliases as normalised phrases, numbers both ways.
# An accepted alias naming a person by role ("his wife") is no giveaway (docs/packs.md).
def _words(text: str) -> str:
    out = []
    for word in normalise(text).split():
        value = parse_number(word) if word.isalpha() else None
        out.append(str(int(value)) if value is not None and value.is_integer() else word)
    return f" {' '.join(out)} "


def _answers(q: Question) -> list[str]:
    if q.type == "truefalse":
        return []
    if q.type == "number":
        value = float(q.answer)  # type: ignore[arg-type]
        return [str(int(value)) if value.is_integer() else str(q.answer)]
    aliases = [a for a in q.accept if not is_role(key_of(a))]
    return [_words(a).strip() for a in (str(q.answer), *aliases) if _words(a).strip()]


def bank() -> Pack:
    return load_pack(ROOT / "questions" / "hit-and-run.yaml", origin="builtin")


def test_a_thousand_seeded_rounds_of_the_bank_show_nothing_that_gives_a_later_answer_away() -> None:
    """The shared rule (giveaways.leak) over everything shown: prompt, options, answer,
    explanation and quotes of every earlier question, against every later one."""
    pack = bank()
    for seed in range(1_000):
        asked, _ = draw([pack], 10, Filters(), seed)
        assert len(asked) == 10
        entries = [(a.pack, a.question) for a in asked]
        for i, earlier in enumerate(entries):
            for later in entries[i + 1 :]:
                found = leak_between(earlier, later)
                assert found is None, (
                    f"seed {seed}: the {found.field} of {earlier[1].id} gives away "
                    f"{later[1].id} ({found.key!r} beside {found.cue!r})"
                )


def test_a_thousand_seeded_rounds_hold_no_prompt_with_another_answer() -> None:
    """The same, by an independent notion, for prompts (which give an answer away anywhere)."""
    pack = bank()
    prompts = {q.id: _words(q.prompt) for q in pack.questions}
    answers = {q.id: _answers(q) for q in pack.questions}
    for seed in range(1_000):
        asked, _ = draw([pack], 10, Filters(), seed)
        ids = [a.question.id for a in asked]
        for a, b in combinations(ids, 2):
            for p, q in ((a, b), (b, a)):
                found = next((k for k in answers[q] if f" {k} " in prompts[p]), None)
                assert found is None, f"seed {seed}: the prompt of {p} gives away {q} ({found!r})"


def _explained(qid: str, explanation: str, **extra: object) -> Question:
    return Question(
        qid, "truefalse", "plot", "easy", "A statement.", True, explanation=explanation, **extra
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("shown", "field"),
    [
        (
            Question(
                "c",
                "choice",
                "plot",
                "easy",
                "Who was kidnapped?",
                "His daughter",
                choices=("His daughter", "His cousin Tali", "His friend"),
            ),
            "option",
        ),
        (_explained("e", "Moran Rosenblatt plays Segev's cousin Tali Shapira."), "explanation"),
        (
            Question("n", "text", "cast", "easy", "Who is Segev's cousin in the police?", "Tali"),
            "answer",
        ),
        (Question("p", "truefalse", "plot", "easy", "Tali is Segev's sister.", False), "prompt"),
    ],
)
def test_every_shown_text_can_give_an_answer_away(shown: Question, field: str) -> None:
    asked = text_q("who", "What is the name of Segev's cousin?", "Tali Shapira", accept=("Tali",))
    found = leak(profile(shown), profile(asked))
    assert found is not None and found.field == field, found
    if field != "prompt":
        assert found.cue in {"segev", "cousin"}  # beside a content word of the prompt


def test_a_quote_of_the_fact_can_give_an_answer_away() -> None:
    fact = Fact("lead", "Lior Raz plays Segev.", "paper", "Lior Raz plays Segev, a tour guide.")
    shown = text_q("who", "Who plays Segev?", "Lior Raz", fact="lead")
    pack = Pack(id="p", title="P", facts=(fact,), questions=(shown,))
    asked = text_q("job", "What is Segev's job?", "Tour guide")
    found = leak(profile(shown, pack), profile(asked))
    assert found == ("quote", 0, "tour guide", "segev")
    assert leak(profile(shown), profile(asked)) is None  # without its pack, no quote is known


def test_an_answer_without_its_cue_gives_nothing_away() -> None:
    # "Tali" named beside nothing the other asks about (a cousin, Segev): no leak.
    shown = _explained("e", "Tali Shapira is in the police.")
    asked = text_q("who", "Name Segev's cousin.", "Tali Shapira")
    assert leak(profile(shown), profile(asked)) is None
    # nor does an accepted role ("his wife") name anyone by itself
    role = text_q("diary", "Who kept the diary?", "Danielle", accept=("his wife",))
    assert leak(profile(tf("t", "His wife is killed.")), profile(role)) is None


def test_a_surname_gives_a_full_name_away() -> None:
    asked = Question(
        "c",
        "choice",
        "creators",
        "easy",
        "Who spoke to the press?",
        "Dawn Prestwich",
        choices=("Dawn Prestwich", "Nicole Yorkin", "Lior Raz"),
    )
    assert leak(profile(tf("t", "Prestwich said the show needs another season.")), profile(asked))


def test_leaks_keep_questions_apart_in_the_draw() -> None:
    pack = Pack(
        id="p",
        title="P",
        questions=(
            text_q("who", "What is the name of Segev's cousin?", "Tali Shapira"),
            _explained("e", "Moran Rosenblatt plays Segev's cousin Tali Shapira."),
            tf("free", "The show is a thriller."),
            tf("free2", "The wife is killed in a hit and run."),
        ),
    )
    for seed in range(200):
        asked, _ = draw([pack], 3, Filters(), seed)
        assert {"who", "e"} - {a.question.id for a in asked}, seed


def test_a_seed_still_replays_the_same_round() -> None:
    pack = bank()
    for seed in (0, 1, 42, 99_999):
        first, _ = draw([pack], 10, Filters(), seed)
        again, _ = draw([pack], 10, Filters(), seed)
        assert [(a.question.id, a.choices) for a in first] == [
            (a.question.id, a.choices) for a in again
        ]


def test_readme_and_packs_doc_document_the_new_keys_and_commands() -> None:
    for doc in ("README.md", "docs/packs.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        for word in ("quotes:", "related:", "packs lint", "packs check"):
            assert word in text, f"{doc} does not mention {word}"


def test_the_head_used_here_is_valid() -> None:
    assert parse_pack(textwrap.dedent(HEAD) + LEAD).id == "fair"


def test_a_missed_question_names_every_source_of_its_fact(cli: Run) -> None:
    done = cli("play", "--seed", "3", "--count", "200", "--json", input="\n" * 200)
    summary = json.loads(done.stdout.splitlines()[-1])
    sources = {m["id"]: m["source"] for m in summary["missed"]}
    both = "The Independent, 2021-08-10; The Cinemaholic, 2021"
    assert both in sources.values()  # a fact quoting both articles names both
    assert "The Cinemaholic, 2021" in sources.values()  # a fact with one quote names one


def test_the_docs_define_the_rule_the_draw_and_lint_share() -> None:
    from hitrun_quiz.game import fairness
    from hitrun_quiz.packs import giveaways, lint

    doc = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    assert "`hitrun_quiz.packs.giveaways.leak`" in doc and "next to a cue" in doc
    assert fairness.leak is giveaways.leak and lint.leak is giveaways.leak
