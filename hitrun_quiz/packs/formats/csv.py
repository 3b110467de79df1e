"""Spreadsheets: import a CSV or TSV file of questions, export one, and a template.

One question a row, under a header row naming the columns (any order, any
case): ``type, category, difficulty, prompt, answer, wrong1, wrong2, wrong3,
wrong4, accept, explanation``, and optionally ``id`` and ``tolerance``.
``accept`` holds other accepted answers separated by ``|`` (``\\|`` is a ``|``
inside an answer, ``\\\\`` a backslash), and the optional ``related`` the ids
of questions never to share a round with this one, the same way.  The delimiter
(``,``, ``;`` or a tab) is read from the header row; the file is UTF-8, with or
without the BOM Excel writes; quoting is Excel's (a quote inside a quoted cell
is doubled).  Every bad row is reported as ``FILE:ROW: message``, all at once,
ROW being the line of the file where the row starts.

An export is safe to open in a spreadsheet: every cell is quoted, and a cell
that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a ``'`` in front,
OWASP's rule; the import takes that ``'`` away again, so a round trip gives
back the very same text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from hitrun_quiz.errors import Problem
from hitrun_quiz.normalise import parse_bool, parse_plain_number
from hitrun_quiz.packs.formats.common import file_problem, read_text, shown_name, slug
from hitrun_quiz.packs.formats.draft import DraftQuestion, PackDraft, row_problem
from hitrun_quiz.packs.formats.validate import Imported, check_draft
from hitrun_quiz.packs.model import QUESTION_TYPES, Pack

WRONG = ("wrong1", "wrong2", "wrong3", "wrong4")
COLUMNS = ("type", "category", "difficulty", "prompt", "answer", *WRONG, "accept", "explanation")
OPTIONAL = ("id", "tolerance", "related")
REQUIRED = ("type", "category", "difficulty", "prompt", "answer")
DELIMITERS = (",", ";", "\t")
# A cell a spreadsheet would run; with any quotes the export put in front.
_FORMULA = re.compile("'*[=+\\-@\t\r]")
_LIST_ITEM = re.compile(r"(?:[^|\\]|\\.|\\\Z)+", re.S)


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: a ``'`` in front of what it would run."""
    return "'" + cell if _FORMULA.match(cell) else cell


def uninert(cell: str) -> str:
    """The cell as it was before :func:`inert`."""
    return cell[1:] if cell[:1] == "'" and _FORMULA.match(cell, 1) else cell


def join_list(items: list[str] | tuple[str, ...]) -> str:
    """Answers in one cell, split by ``|``; a ``|`` or ``\\`` inside one is escaped."""
    return "|".join(i.replace("\\", "\\\\").replace("|", "\\|") for i in items)


def split_list(cell: str) -> list[str]:
    """The items :func:`join_list` wrote (a backslash before any other character stays)."""
    out = []
    for m in _LIST_ITEM.finditer(cell):
        item = re.sub(r"\\([\\|])", r"\1", m.group()).strip()
        if item:
            out.append(item)
    return out


def sniff_delimiter(header: str) -> str:
    """The delimiter the header row uses most (the column names contain none of them)."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def import_csv(path: Path, *, pack_id: str | None = None) -> Imported:
    """Read a CSV/TSV file; the validated pack and its YAML text, or every problem."""
    name = str(path)
    text = read_text(path)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        raise file_problem(path, "no header row") from None
    problems: list[Problem] = []
    unknown = [h for h in header if h not in COLUMNS + OPTIONAL]
    missing = [c for c in REQUIRED if c not in header]
    if unknown:
        problems.append(
            row_problem(
                name,
                "1",
                f"unknown column(s) {', '.join(map(repr, unknown))}; "
                f"the columns are: {', '.join(COLUMNS + OPTIONAL)}",
            )
        )
    if missing:
        problems.append(
            row_problem(name, "1", f"missing column(s) {', '.join(map(repr, missing))}")
        )
    if problems:
        raise_all(problems)

    questions: list[DraftQuestion] = []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(row_problem(name, str(start), f"CSV: {exc}"))
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(
                row_problem(
                    name, str(start), f"{len(cells)} cells but the header has {len(header)} columns"
                )
            )
            continue
        row = {h: uninert(c.strip()) for h, c in zip(header, cells, strict=False)}
        q, errors = _question(row, str(start))
        problems += [row_problem(name, str(start), e) for e in errors]
        if q is not None:
            questions.append(q)
    if not questions and not problems:
        raise file_problem(path, "there are no questions under the header")
    draft = PackDraft(
        id=pack_id or slug(path.stem, "spreadsheet"),
        title=shown_name(path, stem=True),
        description=f"Questions imported from the spreadsheet {shown_name(path)}.",
        questions=questions,
        comments=[
            f"Imported by hitrun-quiz from {shown_name(path)} (a spreadsheet).",
            "Check it with: hitrun-quiz packs validate FILE",
        ],
    )
    return check_draft(draft, name, problems)


def raise_all(problems: list[Problem]) -> None:
    from hitrun_quiz.errors import PackError

    raise PackError(problems)


def _question(row: dict[str, str], where: str) -> tuple[DraftQuestion | None, list[str]]:
    errors: list[str] = []
    qtype = row.get("type", "").lower()
    raw = row.get("answer", "")
    answer: Any = raw
    wrong = [row[w] for w in WRONG if row.get(w)]
    accept = split_list(row.get("accept", ""))
    related = split_list(row.get("related", ""))
    tolerance = None
    if qtype not in QUESTION_TYPES:
        hint = " (a multiple-choice question is 'choice')" if qtype == "multiple" else ""
        return None, [
            f"the type must be one of {', '.join(QUESTION_TYPES)}, not '{qtype}'{hint}"
            if qtype
            else f"the type is missing; one of {', '.join(QUESTION_TYPES)}"
        ]
    if qtype == "truefalse":
        answer = parse_bool(raw)
        if answer is None:
            errors.append(f"the answer of a truefalse question must be true or false, not '{raw}'")
    elif qtype == "number":
        answer = _number(raw, "answer", errors)
        if row.get("tolerance"):
            tolerance = _number(row["tolerance"], "tolerance", errors)
    if qtype != "choice" and wrong and qtype != "text":
        errors.append(f"wrong1..wrong4 apply only to choice and text questions, not {qtype}")
    if qtype != "text" and accept:
        errors.append(f"'accept' applies only to text questions, not {qtype}")
    if qtype == "choice" and len(wrong) < 2:
        errors.append(
            f"a choice question needs 2 to 4 wrong answers (wrong1..wrong4), not {len(wrong)}"
        )
    if row.get("tolerance") and qtype != "number":
        errors.append("'tolerance' applies only to number questions")
    if errors:
        return None, errors
    return (
        DraftQuestion(
            where=where,
            id=row.get("id") or f"row-{where}",
            type=qtype,
            category=row.get("category", ""),
            difficulty=row.get("difficulty", "").lower(),
            prompt=row.get("prompt", ""),
            answer=answer,
            wrong=wrong,
            accept=accept,
            tolerance=tolerance,
            explanation=row.get("explanation") or None,
            related=related,
        ),
        [],
    )


def _number(raw: str, what: str, errors: list[str]) -> float | int | None:
    value = parse_plain_number(raw)  # an author writes the number itself: no "9th", no units
    if value is None:
        errors.append(f"the {what} of a number question must be a number, not '{raw}'")
        return None
    return int(value) if value.is_integer() else value


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def export_csv(pack: Pack, delimiter: str = ",") -> str:
    """The pack as CSV with the documented header (plus ``id``, ``tolerance``, ``related``).

    Every cell is quoted, and made inert where a spreadsheet would run it.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL)
    writer.writerow((*COLUMNS, *OPTIONAL))
    for x in pack.questions:
        wrong = list(x.wrong)[:4] if x.type in ("choice", "text") else []
        row = (
            x.type,
            x.category,
            x.difficulty,
            x.prompt,
            _cell(x.answer),
            *(wrong + [""] * (4 - len(wrong))),
            join_list(x.accept),
            x.explanation or "",
            x.id,
            _cell(x.tolerance) if x.type == "number" and x.tolerance else "",
            join_list(x.related),
        )
        writer.writerow([inert(c) for c in row])
    return out.getvalue()


TEMPLATE_ROWS = (
    ("choice", "release", "easy", "In which month of 2021 did season 1 premiere?", "August",
     "June", "October", "December", "", "", "It premiered on August 6, 2021."),
    ("truefalse", "release", "easy", "Season 1 premiered on Netflix.", "true",
     "", "", "", "", "", ""),
    ("text", "release", "medium", "Which streaming service premiered Hit & Run?", "Netflix",
     "", "", "", "", "Netflix Inc|Netflix.com", "Other answers that count: 'accept', split by |."),
    ("number", "release", "medium", "In which year did season 1 premiere?", "2021",
     "", "", "", "", "", "A 'tolerance' column also accepts answers within that distance."),
)  # fmt: skip


def template() -> str:
    """``packs new --csv``: the header and one example row of each question type."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()
