"""Write a pack (or a pack draft) as commented YAML that the validator accepts.

Every text is written as a double-quoted scalar (a JSON string is one), so no
YAML 1.1 rule can retype it; characters the YAML reader refuses outright are
escaped, so the validator reports them on their own field instead.
"""

from __future__ import annotations

import json
import re
from typing import Any

from hitrun_quiz.packs.formats.draft import DraftQuestion, PackDraft
from hitrun_quiz.packs.model import Pack
from hitrun_quiz.safetext import safe

# Characters outside YAML's printable set (and line separators), written as escapes.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


# What a double-quoted scalar cannot hold as it is: quotes, backslashes, controls.
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')


def q(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    if not _NEEDS_ESCAPE.search(text):
        return f'"{text}"'
    out = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    return q(str(value))


def flow(items: list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def comment(text: str) -> str:
    """One line of text as a YAML comment: control and bidi characters shown escaped."""
    return "# " + safe(text) if text else "#"


def write_pack(draft: PackDraft) -> tuple[str, list[int]]:
    """The YAML text, and the 1-based line where each question starts."""
    lines = [comment(c) for c in draft.comments]
    if lines:
        lines.append("")
    lines.append(f"id: {q(draft.id)}")
    lines.append(f"title: {q(draft.title)}")
    for key in ("description", "author", "version", "license"):
        value = getattr(draft, key)
        if value:
            lines.append(f"{key}: {q(value)}")
    if draft.sources:
        lines += ["", "sources:"]
        for s in draft.sources:
            lines.append(f"  - id: {q(s['id'])}")
            keys = ("title", "publisher", "date", "url", "document")
            lines += [f"    {k}: {q(s[k])}" for k in keys if s.get(k)]
    if draft.facts:
        lines += ["", "facts:"]
        for f in draft.facts:
            lines.append(f"  - id: {q(f['id'])}")
            lines.append(f"    statement: {q(f['statement'])}")
            extra = f.get("extra_quotes") or ()
            if not extra:
                lines += [f"    {k}: {q(f[k])}" for k in ("source", "quote")]
                continue
            lines.append("    quotes:")
            for source, quote in ((f["source"], f["quote"]), *extra):
                lines.append(f"      - {{source: {q(source)}, quote: {q(quote)}}}")
    lines += ["", "questions:"]
    starts = []
    for i, question in enumerate(draft.questions, 1):
        starts.append(len(lines) + 1)
        lines += _question(question, i)
    return "\n".join(lines) + "\n", starts


def _question(d: DraftQuestion, number: int) -> list[str]:
    out = [f"  - id: {q(d.id or f'q{number:04d}')}"]
    if d.fact:
        out.append(f"    fact: {q(d.fact)}")
    out += [
        f"    type: {q(d.type)}",
        f"    category: {q(d.category)}",
        f"    difficulty: {q(d.difficulty)}",
        f"    prompt: {q(d.prompt)}",
        f"    answer: {scalar(d.answer)}",
    ]
    if d.choices is not None:
        out.append(f"    choices: {flow(d.choices)}")
    elif d.wrong:
        out.append(f"    wrong: {flow(d.wrong)}")
    if d.accept:
        out.append(f"    accept: {flow(d.accept)}")
    if d.tolerance:
        out.append(f"    tolerance: {scalar(d.tolerance)}")
    if d.explanation:
        out.append(f"    explanation: {q(d.explanation)}")
    if d.related:
        out.append(f"    related: {flow(d.related)}")
    return out


def draft_of(pack: Pack) -> PackDraft:
    """A loaded pack as a draft, to write it back (``packs export --format yaml``)."""
    questions = []
    for x in pack.questions:
        fixed_order = x.type == "choice" and x.choices and x.choices[0] != x.answer
        questions.append(
            DraftQuestion(
                where=x.id,
                id=x.id,
                fact=x.fact,
                type=x.type,
                category=x.category,
                difficulty=x.difficulty,
                prompt=x.prompt,
                answer=x.answer,
                choices=list(x.choices) if fixed_order else None,
                wrong=[] if fixed_order else list(x.wrong),
                accept=list(x.accept),
                tolerance=x.tolerance or None,
                explanation=x.explanation,
                related=list(x.related),
            )
        )
    return PackDraft(
        id=pack.id,
        title=pack.title,
        description=pack.description,
        author=pack.author,
        version=pack.version,
        license=pack.license,
        sources=[s._asdict() for s in pack.sources],
        facts=[f._asdict() for f in pack.facts],
        questions=questions,
        comments=[
            f"The pack '{pack.id}', written by: hitrun-quiz packs export {pack.id} --format yaml",
            "Check it with: hitrun-quiz packs validate FILE",
        ],
    )
