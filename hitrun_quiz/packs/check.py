"""``packs check``: is a pack grounded in its source documents?

For one pack and a directory of source documents, checks that

* every source the pack names has a document in the directory;
* every quote of every fact is verbatim in its source's document (case,
  whitespace and typographic quotes do not matter);
* every choice, text and number question that cites a fact has its answer, or
  one of its accepted aliases, in one of that fact's quotes (numbers as
  digits or words: 9 or "nine").

Which file is a source's document: its ``document:`` key (a file name inside
the directory), else ``<source id>.txt``, else ``<source id>.md``.

Pure apart from reading the documents; nothing here prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from hitrun_quiz.errors import Problem
from hitrun_quiz.packs.giveaways import answer_keys, canonical_words
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
    answers: int  # answers found in their fact's quotes
    not_checked: int  # questions without a fact, and true/false questions
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
    for fact in pack.facts:
        for i, quote in enumerate(fact.quotes):
            text = texts.get(quote.source)
            if text is None:
                continue  # reported with its source
            if flatten(quote.text) in text:
                quotes += 1
            else:
                short = quote.text if len(quote.text) <= 60 else quote.text[:57] + "..."
                report(
                    f"the quote of fact '{fact.id}' is not in the document of source "
                    f"'{quote.source}': \"{short}\"",
                    ("fact", fact.id, "quote", i),
                    ("fact", fact.id),
                )

    answers = not_checked = 0
    for q in pack.questions:
        q_fact = pack.fact(q.fact)
        if q_fact is None or q.type == "truefalse":
            not_checked += 1
            continue
        if _answer_found(q, [quote.text for quote in q_fact.quotes]):
            answers += 1
        else:
            report(
                f"neither the answer '{q.answer}' of '{q.id}' nor an accepted alias appears in "
                f"the quotes of fact '{q_fact.id}'",
                ("question", q.id, "answer"),
                ("question", q.id),
            )
    return CheckReport(file, len(texts), quotes, answers, not_checked, tuple(problems))


def check_ref(ref: str, directory: Path) -> CheckReport:
    """Check a pack file or id; an invalid pack raises PackError."""
    from hitrun_quiz.packs.loader import read_with_positions

    pack, positions, path = read_with_positions(ref)
    return check(pack, directory, positions, file=path)
