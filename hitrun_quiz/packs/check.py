"""``packs check``: is a pack grounded in its source documents?

For one pack and a directory of source documents, checks that

* every source the pack names has a document in the directory;
* every quote of every fact is verbatim in its source's document (case,
  whitespace and typographic quotes do not matter);
* every choice, text and number question that cites a fact has its answer, or
  one of its accepted aliases, in one of that fact's quotes (numbers as
  digits or words: 9 or "nine");
* every true/false question that cites a fact has its claim words in that
  fact's quotes: a true statement every content word of its prompt, a false
  one at least one (it must still be about the fact);
* every quote a question shows holds part of what it asks: a word of its
  answer or an alias (a true/false statement: one of its claim words), so no
  quote is padding;
* text in quotation marks in an explanation is verbatim in a source document.

Which file is a source's document: its ``document:`` key (a file name inside
the directory), else ``<source id>.txt``, else ``<source id>.md``.

Pure apart from reading the documents; nothing here prints.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from hitrun_quiz.errors import Problem
from hitrun_quiz.packs.giveaways import (
    STOP_WORDS,
    answer_keys,
    canonical_words,
    content_stems,
    pack_stop_words,
    stem,
)
from hitrun_quiz.packs.model import Pack, Positions, Question, Source

DOCUMENT_SUFFIXES = (".txt", ".md")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
    }
)


class CheckReport(NamedTuple):
    """What ``packs check`` found: counts, and every failure with its place."""

    file: str
    sources: int  # sources with a document
    quotes: int  # quotes found verbatim
    answers: int  # answers (and true/false claims) found in their fact's quotes
    not_checked: int  # questions without a fact
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "ok": self.ok,
            "sources": self.sources,
            "quotes": self.quotes,
            "answers": self.answers,
            "not_checked": self.not_checked,
            "problems": [p._asdict() for p in self.problems],
        }


def flatten(text: str) -> str:
    """Text as quotes are compared: casefolded, plain quotes, whitespace collapsed."""
    return " ".join(text.translate(_QUOTES).casefold().split())


def document_of(source: Source, directory: Path) -> Path | None:
    """The document file of ``source`` in ``directory``, or None when there is none."""
    if source.document is not None:
        candidates = [directory / source.document]
    else:
        candidates = [directory / f"{source.id}{suffix}" for suffix in DOCUMENT_SUFFIXES]
    return next((p for p in candidates if p.is_file()), None)


def _answer_found(q: Question, quotes: list[str]) -> bool:
    """Whether ``q``'s answer, or an alias, is in one of ``quotes``."""
    if q.type != "number":
        wanted = [flatten(a) for a in (str(q.answer), *q.accept)]
        if any(w in flatten(quote) for w in wanted for quote in quotes):
            return True
    keys = answer_keys(q)  # canonical words: "nine" and "9" agree
    padded = [f" {' '.join(canonical_words(quote))} " for quote in quotes]
    return any(f" {k} " in text for k in keys for text in padded)


# Text in quotation marks: "...", “...”, or '...' (an apostrophe inside a word is no quote mark).
_QUOTED = re.compile(
    r"\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|(?<![\w])['\u2018]([^'\u2018\u2019]+(?:['\u2019]\w[^'\u2018\u2019]*)*)['\u2019](?!\w)"
)
_ELLIPSIS = re.compile(r"\.\.\.|\u2026")


def quoted_parts(text: str) -> list[str]:
    """The parts of ``text`` in quotation marks (split at an ellipsis), stripped."""
    parts = []
    for match in _QUOTED.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        parts += [p.strip(" .,;:!?") for p in _ELLIPSIS.split(inner)]
    return [p for p in parts if p]


def _stems(text: str) -> set[str]:
    return {stem(w) for w in canonical_words(text)}


#: Words that frame a claim rather than make it ("The Cinemaholic expected ...").
FRAMING = frozenset(
    {"expect", "expected", "think", "thought", "likely", "still", "believe", "creator"}
)
#: A true statement may have this share of its claim words outside its quotes (a framing
#: "Segev" for the quotes' "he", at most).
CLAIM_SLACK = 0.25


def claim_words(q: Question, stop: frozenset[str]) -> frozenset[str]:
    """The stems of the words a true/false statement claims with."""
    return content_stems(q.prompt, stop) - FRAMING


def _claim_problem(q: Question, quotes: list[str], stop: frozenset[str]) -> str | None:
    """Why a true/false statement's claim does not stand in its quotes, or None."""
    claim = claim_words(q, stop)
    if not claim:
        return None
    held = set().union(*(_stems(t) for t in quotes))
    missing = sorted(claim - held)
    if q.answer is True and len(missing) > CLAIM_SLACK * len(claim):
        return (
            f"the true statement of '{q.id}' says what the quotes of fact '{q.fact}' do not: "
            f"{', '.join(repr(m) for m in missing)} not in them (at most "
            f"{CLAIM_SLACK:.0%} of its claim words may be)"
        )
    if q.answer is False and len(missing) == len(claim):
        return (
            f"the false statement of '{q.id}' shares no claim word with the quotes of fact "
            f"'{q.fact}': it is not about that fact"
        )
    return None


def _answer_words(q: Question) -> set[str]:
    """The content words of a question's answer keys (a number as digits)."""
    return {w for k in answer_keys(q) for w in k.split() if w not in STOP_WORDS} or {
        w for k in answer_keys(q) for w in k.split()
    }


def _padding(q: Question, quote: str, stop: frozenset[str]) -> bool:
    """Whether ``quote`` holds nothing of what ``q`` asks (a padding quote)."""
    words = set(canonical_words(quote))
    if q.type == "truefalse":
        claim = claim_words(q, stop)
        need = min(1, len(claim))
        return len(claim & {stem(w) for w in words}) < need
    return not (_answer_words(q) & words)


def check(
    pack: Pack, directory: Path, positions: Positions | None = None, *, file: str = ""
) -> CheckReport:
    """Check ``pack`` against the source documents in ``directory``."""
    file = file or pack.path
    where = positions or {}
    problems: list[Problem] = []

    def report(message: str, *keys: tuple[Any, ...]) -> None:
        line, col = next((where[k] for k in keys if k in where), (0, 0))
        problems.append(Problem(file, line, col, message))

    texts: dict[str, str] = {}
    for source in pack.sources:
        doc = document_of(source, directory)
        if doc is None:
            named = (
                f"'{source.document}'"
                if source.document
                else f"'{source.id}.txt' or '{source.id}.md' (or name one with 'document:')"
            )
            report(
                f"source '{source.id}' has no document in {directory}: {named}",
                ("source", source.id),
            )
            continue
        try:
            texts[source.id] = flatten(doc.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            report(
                f"source '{source.id}': cannot read {doc}: {exc.strerror or exc}",
                ("source", source.id),
            )

    quotes = 0
    missing: set[tuple[str, int]] = set()  # quotes not found: no padding check for them
    for fact in pack.facts:
        for i, quote in enumerate(fact.quotes):
            text = texts.get(quote.source)
            if text is None:
                continue  # reported with its source
            if flatten(quote.text) in text:
                quotes += 1
            else:
                missing.add((fact.id, i))
                short = quote.text if len(quote.text) <= 60 else quote.text[:57] + "..."
                report(
                    f"the quote of fact '{fact.id}' is not in the document of source "
                    f"'{quote.source}': \"{short}\"",
                    ("fact", fact.id, "quote", i),
                    ("fact", fact.id),
                )

    answers = not_checked = 0
    stop = pack_stop_words(pack)
    for q in pack.questions:
        found = pack.fact(q.fact)
        if found is None:
            not_checked += 1
            continue
        fact = found
        quote_texts = [quote.text for quote in fact.quotes]
        grounded = (
            _claim_problem(q, quote_texts, stop) is None
            if q.type == "truefalse"
            else _answer_found(q, quote_texts)
        )
        for i, text in enumerate(quote_texts):
            # Padding is a quote beside others that hold the answer: not worth saying
            # when none does (reported below) or the quote is not in its document.
            if grounded and (fact.id, i) not in missing and _padding(q, text, stop):
                short = text if len(text) <= 60 else text[:57] + "..."
                what = "claim" if q.type == "truefalse" else "answer"
                report(
                    f"quote {i + 1} of fact '{fact.id}' holds nothing of the {what} of "
                    f"'{q.id}', which shows it: \"{short}\" (a padding quote: give the "
                    "question a fact of its own)",
                    ("fact", fact.id, "quote", i),
                    ("fact", fact.id),
                )
        if q.type == "truefalse":
            why = _claim_problem(q, quote_texts, stop)
            if why is None:
                answers += 1
            else:
                report(why, ("question", q.id, "prompt"), ("question", q.id))
            continue
        if grounded:
            answers += 1
        else:
            report(
                f"neither the answer '{q.answer}' of '{q.id}' nor an accepted alias appears in "
                f"the quotes of fact '{fact.id}'",
                ("question", q.id, "answer"),
                ("question", q.id),
            )
    everything = list(texts.values())
    for q in pack.questions:
        for part in quoted_parts(q.explanation or ""):
            if everything and not any(flatten(part) in text for text in everything):
                short = part if len(part) <= 60 else part[:57] + "..."
                report(
                    f"the explanation of '{q.id}' quotes \"{short}\", which no source "
                    "document holds verbatim",
                    ("question", q.id, "explanation"),
                    ("question", q.id),
                )
    return CheckReport(file, len(texts), quotes, answers, not_checked, tuple(problems))


def check_ref(ref: str, directory: Path) -> CheckReport:
    """Check a pack file or id; an invalid pack raises PackError."""
    from hitrun_quiz.packs.loader import read_with_positions

    pack, positions, path = read_with_positions(ref)
    return check(pack, directory, positions, file=path)
