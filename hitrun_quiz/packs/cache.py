"""A cache of validated packs, so a pack is parsed once, not at every start.

Entries are JSON files named by a key that ``packs.load_pack`` derives from the
pack's bytes, its origin and :func:`code_stamp`; an entry is therefore only
ever read back for the exact file content that validated under the exact code
that validated it.  JSON (not pickle) so that a tampered cache file can at
worst fail to load.  Every failure here is silent: the cache is only ever a
shortcut, and the pack is then parsed and validated as usual.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from hitrun_quiz import __version__
from hitrun_quiz.packs.model import Fact, Pack, Question, Quote, Source
from hitrun_quiz.paths import cache_dir

FORMAT = 2  # 2: sources have a document, facts several quotes, questions related ids
SOURCE_FIELDS = ("id", "title", "publisher", "date", "url", "document")
FACT_FIELDS = ("id", "statement", "source", "quote", "extra_quotes")
QUESTION_FIELDS = (
    "id",
    "type",
    "category",
    "difficulty",
    "prompt",
    "answer",
    "fact",
    "choices",
    "wrong",
    "accept",
    "tolerance",
    "explanation",
    "related",
)
META_FIELDS = ("id", "title", "description", "author", "version", "license", "origin")


def code_stamp() -> str:
    """Changes whenever the validator or the model could judge a pack differently."""
    here = Path(__file__).resolve().parent
    stamps = []
    for name in (
        "schema.py",
        "sources.py",
        "nodes.py",
        "yamldoc.py",
        "model.py",
        "cache.py",
        "../normalise.py",
    ):
        try:
            stamps.append(str((here / name).stat().st_mtime_ns))
        except OSError:
            stamps.append("?")
    return f"{__version__}/{FORMAT}/{'/'.join(stamps)}"


def _entry(key: str) -> Path:
    return cache_dir() / "packs" / f"{key}.json"


def to_json(pack: Pack) -> dict[str, Any]:
    return {
        "meta": [getattr(pack, f) for f in META_FIELDS],
        "sources": [[getattr(s, f) for f in SOURCE_FIELDS] for s in pack.sources],
        "facts": [[getattr(f, n) for n in FACT_FIELDS] for f in pack.facts],
        "questions": [[getattr(q, f) for f in QUESTION_FIELDS] for q in pack.questions],
    }


def from_json(data: dict[str, Any], path: str) -> Pack:
    pack_id, title, description, author, version, license_, origin = data["meta"]
    questions = []
    for row in data["questions"]:
        qid, qtype, cat, diff, prompt, answer, fact, choices, wrong, accept, tol, expl, rel = row
        questions.append(
            Question(
                qid,
                qtype,
                cat,
                diff,
                prompt,
                answer,
                fact,
                tuple(choices),
                tuple(wrong),
                tuple(accept),
                tol,
                expl,
                tuple(rel),
            )
        )
    return Pack(
        id=pack_id,
        title=title,
        description=description,
        author=author,
        version=version,
        license=license_,
        sources=tuple(Source(*row) for row in data["sources"]),
        facts=tuple(
            Fact(fid, statement, source, quote, tuple(Quote(*q) for q in extra))
            for fid, statement, source, quote, extra in data["facts"]
        ),
        questions=tuple(questions),
        origin=origin,
        path=path,
    )


def read(key: str, path: str) -> Pack | None:
    """The cached pack for ``key``, or None (missing, unreadable, or not ours)."""
    from hitrun_quiz.files import MAX_PACK_BYTES, read_regular

    try:  # never blocks on a FIFO, never reads without limit
        return from_json(json.loads(read_regular(_entry(key), 4 * MAX_PACK_BYTES)), path)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(key: str, pack: Pack) -> None:
    """Cache a validated pack (best effort, atomic)."""
    target = _entry(key)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(to_json(pack), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
