"""The user's pack library, and pure views of packs for the CLI to print.

Adding and removing packs, the template for ``packs new``, and the dicts behind
``packs list --json``, ``packs show --json`` and ``packs export --json``.
Nothing here prints.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from hitrun_quiz.errors import PackError, PackNotFound, UsageError
from hitrun_quiz.files import check_replaceable, exists, remove_file, write_atomic
from hitrun_quiz.packs.extra import LINK_SUFFIX
from hitrun_quiz.packs.loader import (
    PACK_SUFFIXES,
    find_by_id,
    is_pack_id,
    load_pack,
    pack_from_bytes,
    read_pack_bytes,
)
from hitrun_quiz.packs.model import DIFFICULTIES, QUESTION_TYPES, Fact, Pack
from hitrun_quiz.paths import builtin_packs_dir, user_packs_dir
from hitrun_quiz.safetext import safe


def builtin_ids() -> set[str]:
    return {p.stem for p in builtin_packs_dir().iterdir() if p.suffix in PACK_SUFFIXES}


def add_pack(source: Path, *, force: bool = False, link: bool = False) -> tuple[Pack, Path, bool]:
    """Validate ``source`` and copy it into the user pack dir (or, with ``link``, link it).

    Returns the pack, where it was written, and whether it replaced a pack.
    Nothing is written unless the pack is valid and its id is free (or
    ``force`` is given for a user pack of the same id).  A link is an
    ``ID.link`` file holding the pack file's absolute path (see ``extra.py``).
    """
    data = read_pack_bytes(source)
    if link:
        pack = pack_from_bytes(data, source, "link")
        # The path exactly as given, made absolute (a trailing space, any byte, kept).
        line = os.fsencode(source.absolute()) + b"\n"
        return _install(pack, line, source, force=force, suffix=LINK_SUFFIX)
    pack = pack_from_bytes(data, source, "user")  # the very bytes that will be written
    return _install(pack, data, source, force=force)


def add_pack_text(
    text: str, source: str, pack: Pack, *, force: bool = False
) -> tuple[Pack, Path, bool]:
    """Write the text of a pack already validated as ``pack`` (an import) into the user pack dir."""
    return _install(pack, text.encode("utf-8"), Path(source), force=force)


def _install(
    pack: Pack, data: bytes, source: Path, *, force: bool, suffix: str = ".yaml"
) -> tuple[Pack, Path, bool]:
    where = safe(source)
    if pack.id in builtin_ids():
        raise UsageError(f"{where}: pack id '{pack.id}' is a built-in pack; choose another id")
    directory = user_packs_dir()
    target = directory / f"{pack.id}{suffix}"
    # Only a file whose content IS the pack with this id counts as installed.
    installed = _files_holding(pack.id)
    if installed and not force:
        raise UsageError(
            f"{where}: a user pack with id '{pack.id}' is already installed; "
            "use --force to replace it"
        )
    if target not in installed and exists(target, "write"):
        other = _pack_id_in(target)
        held = f"pack '{other}'" if other else "something that is not a valid pack"
        raise UsageError(
            f"{where}: cannot add pack '{pack.id}': {safe(target)} holds {held}; "
            "move that file away first"
        )
    check_replaceable(target)
    write_atomic(target, data)
    for p in installed:
        if p != target:
            remove_file(p)
    return pack, target, bool(installed)


def _files_holding(pack_id: str) -> list[Path]:
    """Every file in the user pack dir whose content is the pack ``pack_id``, and its link."""
    try:
        files = sorted(p for p in user_packs_dir().iterdir() if p.suffix in PACK_SUFFIXES)
    except OSError:
        return []
    held = [p for p in files if _pack_id_in(p) == pack_id]
    link = user_packs_dir() / f"{pack_id}{LINK_SUFFIX}"  # named by the id it links
    from hitrun_quiz.packs.loader import is_regular_file

    return [*held, link] if is_regular_file(link) else held


def _pack_id_in(path: Path) -> str | None:
    """The id of the valid pack in ``path``, or None."""
    from hitrun_quiz.packs.loader import is_regular_file

    if not is_regular_file(path):
        return None
    try:
        return load_pack(path, "user").id
    except PackError:
        return None


def user_pack_path(pack_id: str) -> Path:
    """The file in the user pack dir whose content is the pack ``pack_id``.

    ``pack_id`` must be a pack id (a slug), never a path: nothing outside the
    pack dir is ever named by it.  Built-in packs cannot be removed.
    """
    if not is_pack_id(pack_id):
        raise UsageError(
            f"'{safe(pack_id)}' is not a pack id (lowercase letters, digits and hyphens); "
            "see: hitrun-quiz packs list"
        )
    found = find_by_id(pack_id, user_packs_dir(), "user")
    if found is not None:
        return found[0]
    link = user_packs_dir() / f"{pack_id}{LINK_SUFFIX}"
    if link.is_file():
        return link
    from hitrun_quiz.packs.extra import link_files, link_target

    for link in link_files():  # a linked pack whose id was edited since it was added
        try:
            if load_pack(link_target(link), "link").id == pack_id:
                return link
        except PackError:
            continue
    if pack_id in builtin_ids():
        raise UsageError(f"'{pack_id}' is a built-in pack and cannot be removed")
    raise PackNotFound(f"no user pack '{pack_id}' (see: hitrun-quiz packs list)")


def remove_pack(path: Path) -> None:
    """Delete an installed pack file (a FileError names the path on failure)."""
    remove_file(path)


def counts(pack: Pack) -> dict[str, dict[str, int]]:
    """Question counts by category, difficulty and type."""
    qs = pack.questions
    by_category = Counter(q.category for q in qs)
    by_difficulty = Counter(q.difficulty for q in qs)
    by_type = Counter(q.type for q in qs)
    return {
        "category": {c: by_category[c] for c in pack.categories},
        "difficulty": {d: by_difficulty[d] for d in DIFFICULTIES if by_difficulty[d]},
        "type": {t: by_type[t] for t in QUESTION_TYPES if by_type[t]},
    }


def pack_meta(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "title": pack.title,
        "description": pack.description,
        "author": pack.author,
        "version": pack.version,
        "license": pack.license,
        "origin": pack.origin,
        # A file name that is not UTF-8 (surrogate escapes) shows with U+FFFD.
        "path": None
        if pack.path is None
        else str(pack.path).encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
    }


def pack_summary(pack: Pack) -> dict[str, Any]:
    """One row of ``packs list --json``."""
    return {
        **pack_meta(pack),
        "questions": len(pack.questions),
        "categories": pack.categories,
    }


def pack_details(pack: Pack) -> dict[str, Any]:
    """``packs show --json``."""
    return {
        **pack_meta(pack),
        "questions": len(pack.questions),
        "facts": len(pack.facts),
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "date": s.date,
                "url": s.url,
                "document": s.document,
            }
            for s in pack.sources
        ],
        "counts": counts(pack),
    }


def export(pack: Pack) -> dict[str, Any]:
    """``packs export --json``: the whole pack in the documented schema."""
    questions = []
    for q in pack.questions:
        fact = pack.fact(q.fact)
        questions.append(
            {
                "id": q.id,
                "type": q.type,
                "category": q.category,
                "difficulty": q.difficulty,
                "prompt": q.prompt,
                "answer": q.answer,
                "accept": list(q.accept),
                **({"choices": list(q.choices)} if q.type == "choice" else {}),
                **({"tolerance": q.tolerance} if q.type == "number" else {}),
                "explanation": q.explanation,
                "related": list(q.related),
                "fact": None if fact is None else _export_fact(pack, fact),
            }
        )
    meta = {k: v for k, v in pack_meta(pack).items() if k not in ("origin", "path")}
    return {"pack": meta, "questions": questions}


def _export_fact(pack: Pack, fact: Fact) -> dict[str, Any]:
    """A fact in the export: ``quote`` and ``source`` are its first quote, ``quotes`` all."""

    def cited(source_id: str) -> dict[str, str] | None:
        source = pack.source(source_id)
        return None if source is None else {"title": source.title, "publisher": source.publisher}

    return {
        "id": fact.id,
        "statement": fact.statement,
        "quote": fact.quote,
        "source": cited(fact.source),
        "quotes": [{"quote": q.text, "source": cited(q.source)} for q in fact.quotes],
    }


TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A hitrun-quiz question pack.  Check it with:  hitrun-quiz packs validate {name}
# Install it with:  hitrun-quiz packs add {name}
# The format: hitrun-quiz packs schema (a JSON Schema; the line above lets editors
# with the YAML language server complete and check keys, from the file next to this one).
#
# Quote any text YAML might read as something else: "yes", "no", "on",
# "010", "1:30", dates.  Anchors (&) and aliases (*) are not allowed.

id: {pack_id}                # lowercase letters, digits and hyphens
title: "My Hit & Run quiz"
description: "Questions I wrote about Hit & Run."
author: "Your name"
version: "1.0.0"
# license: "CC-BY-4.0"

# Optional: where your facts come from.  Questions may cite a fact; the quiz
# then shows its quote after the answer.
sources:
  - id: my-notes
    title: "My viewing notes"
    publisher: "Me"
    date: "2021-08-06"

facts:
  - id: premiere
    statement: "Season 1 premiered on Netflix on August 6, 2021."
    source: my-notes
    quote: "Season 1 premiered on August 6, 2021, on Netflix."
  # When several sources state one claim, give one fact several quotes:
  #   quotes:
  #     - {{source: my-notes, quote: "..."}}
  #     - {{source: another-source, quote: "..."}}

# Check your pack:  hitrun-quiz packs lint {name}   (giveaways, duplicates...)
#                   hitrun-quiz packs check {name} --sources DIR   (quotes in their documents)

questions:
  # A choice question: the answer plus 2 to 4 wrong options (shuffled in play).
  - id: premiere-month
    fact: premiere
    category: release
    difficulty: easy        # easy, medium or hard
    type: choice
    prompt: "In which month of 2021 did season 1 premiere?"
    answer: "August"
    wrong: ["June", "October", "December"]
    explanation: "It premiered on August 6, 2021."

  # True or false: the answer is true or false.
  - id: premiere-netflix
    fact: premiere
    category: release
    difficulty: easy
    type: truefalse
    prompt: "Season 1 premiered on Netflix."
    answer: true

  # Free text: 'accept' lists other answers that count.
  - id: premiere-service
    category: release
    difficulty: medium
    type: text
    prompt: "Which streaming service premiered Hit & Run?"
    answer: "Netflix"
    accept: ["Netflix Inc"]
    related: [premiere-netflix, premiere-month, premiere-year]  # never in one round: the
    # premiere fact's quote, shown with those, gives this answer away

  # A number: 'tolerance' also accepts answers within that distance.
  - id: premiere-year
    fact: premiere          # one fact: never in one round with premiere-month
    category: release
    difficulty: medium
    type: number
    prompt: "In which year did season 1 premiere?"
    answer: 2021
    tolerance: 0
"""


def template(name: str, pack_id: str) -> str:
    """The ``packs new`` template, pointing editors at the JSON Schema written beside it."""
    from hitrun_quiz.packs.jsonschema import SCHEMA_FILE

    return TEMPLATE.format(name=safe(name), pack_id=pack_id, schema=f"./{SCHEMA_FILE}")


def format_reference() -> str:
    """The pack format reference (docs/packs.md), shipped inside the package."""
    return (Path(__file__).parent / "format.md").read_text(encoding="utf-8")
