"""Open Trivia DB: import an ``api.php`` response (or a bare list of results), and export one.

An API response is ``{"response_code": 0, "results": [...]}``; each result has
``type`` (``multiple`` or ``boolean``), ``difficulty``, ``category``,
``question``, ``correct_answer`` and ``incorrect_answers``.  Text comes HTML
-escaped by default, or in the ``url3986``, ``urlLegacy`` or ``base64``
encoding the request asked for (every field, ``type`` included, is encoded).
Open Trivia DB's questions are licensed CC BY-SA 4.0: the pack records the
license and the source.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.packs.formats.common import file_problem, read_text, shown_name, slug, today
from hitrun_quiz.packs.formats.draft import DraftQuestion, PackDraft, row_problem
from hitrun_quiz.packs.formats.validate import Imported, check_draft
from hitrun_quiz.packs.model import Pack

LICENSE = "CC BY-SA 4.0"
URL = "https://opentdb.com"
ENCODINGS = ("auto", "html", "url3986", "urllegacy", "base64")
RESPONSE_CODES = {
    0: "Success",
    1: "No Results: the API did not have enough questions for the query",
    2: "Invalid Parameter: the request's arguments were not valid",
    3: "Token Not Found: the session token does not exist",
    4: "Token Empty: the session token has returned every question for the query; reset it",
    5: "Rate Limit: too many requests (one request per IP every 5 seconds)",
}
TYPES = {"multiple": "choice", "boolean": "truefalse"}
FIELDS = ("type", "difficulty", "category", "question", "correct_answer", "incorrect_answers")


#: JSON nested deeper than this is refused (a response needs 3 levels).
MAX_DEPTH = 16
#: Digits a JSON number may have (a response holds only small ones).
MAX_NUMBER = 20
# Strings (skipped whole), brackets and numbers: what the pre-scan looks at.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?[0-9][0-9.eE+-]*')


def _kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    kinds: dict[type, str] = {dict: "an object", list: "a list", str: "text"}
    return kinds.get(type(value), repr(value))


class _TooLong(ValueError):
    """A JSON number longer than :data:`MAX_NUMBER` characters."""


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER:
        raise _TooLong(text)
    return float(text) if any(c in text for c in ".eE") else int(text)


def load_json(path: Path) -> Any:
    """A JSON file, refusing deep nesting and long numbers at their line and column.

    The file's size is limited as a pack's.  ``json`` reads numbers through
    :func:`_number` (a 5,000-digit number would cost time growing with its
    square), and gives up on nesting deeper than Python's recursion limit;
    either way the file is then scanned once more (linear in its size) to
    name the place: the first collection deeper than :data:`MAX_DEPTH`, or the
    first number longer than :data:`MAX_NUMBER` characters.
    """
    name = str(path)
    text = read_text(path)
    try:
        return json.loads(text, parse_int=_number, parse_float=_number)
    except json.JSONDecodeError as exc:
        raise PackError(
            [Problem(name, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}")]
        ) from None
    except (_TooLong, RecursionError):
        raise _where(name, text) from None


def _where(name: str, text: str) -> PackError:
    """The first place in ``text`` nested too deep or holding too long a number."""

    def at(pos: int, message: str) -> PackError:
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return PackError([Problem(name, line, col, message)])

    depth = 0
    for m in _TOKEN.finditer(text):
        token = m.group()
        first = token[0]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return at(m.start(), f"JSON nested deeper than {MAX_DEPTH} levels")
        elif first in "]}":
            depth -= 1
        elif len(token) > MAX_NUMBER:
            return at(m.start(), f"a number of {len(token):,} characters; at most {MAX_NUMBER}")
    return PackError([Problem(name, 0, 0, "not valid JSON: nested too deeply")])


def _decoder(encoding: str) -> Callable[[str], str]:
    from urllib.parse import unquote, unquote_plus

    if encoding == "base64":
        return lambda s: base64.b64decode(s, validate=True).decode("utf-8")
    if encoding == "url3986":
        return unquote
    if encoding == "urllegacy":
        return unquote_plus
    return html.unescape


def detect_encoding(results: list[Any]) -> str:
    """The encoding of a results list, from its ``type`` and ``question`` fields."""
    first = next((r for r in results if isinstance(r, dict)), {})
    kind = first.get("type")
    if isinstance(kind, str) and kind not in TYPES:
        try:
            if base64.b64decode(kind, validate=True).decode() in TYPES:
                return "base64"
        except (binascii.Error, UnicodeDecodeError):
            pass
    texts = [r.get("question", "") for r in results[:50] if isinstance(r, dict)]
    texts = [t for t in texts if isinstance(t, str)]
    if (
        texts
        and all(" " not in t for t in texts)
        and any(re.search(r"%[0-9A-Fa-f]{2}", t) for t in texts)
    ):
        return "urllegacy" if any("+" in t for t in texts) else "url3986"
    return "html"


def import_opentdb(path: Path, *, pack_id: str | None = None, encoding: str = "auto") -> Imported:
    """Read an Open Trivia DB file; the validated pack and its YAML text, or every problem."""
    name = str(path)
    data = load_json(path)
    if isinstance(data, dict):
        code = data.get("response_code", 0)
        if isinstance(code, str) and code.strip().isdigit() and len(code) <= MAX_NUMBER:
            code = int(code)
        if not isinstance(code, int) or isinstance(code, bool):
            raise file_problem(path, f"'response_code' must be a number, not {_kind(code)}")
        if code != 0:
            meaning = RESPONSE_CODES.get(code, "an unknown code")
            raise file_problem(
                path, f"the response has response_code {code} ({meaning}); no questions"
            )
        results = data.get("results")
        if not isinstance(results, list):
            raise file_problem(path, "the response has no 'results' list")
    elif isinstance(data, list):
        results = data
    else:
        raise file_problem(path, "expected an API response (an object) or a list of results")
    if not results:
        raise file_problem(path, "there are no questions in 'results'")
    if encoding == "auto":
        encoding = detect_encoding(results)
    decode = _decoder(encoding)

    problems: list[Problem] = []
    questions = []
    for i, item in enumerate(results):
        where = f"results[{i}]"
        try:
            q = _question(item, i, decode)
        except ValueError as exc:
            problems.append(row_problem(name, where, str(exc)))
            continue
        questions.append(q)

    categories = list(dict.fromkeys(q.category for q in questions))
    shown = ", ".join(categories[:3]) + (", ..." if len(categories) > 3 else "")
    draft = PackDraft(
        id=pack_id or slug(path.stem, "opentdb"),
        title=f"{shown_name(path, stem=True)} (Open Trivia DB)",
        description=f"{len(questions)} questions from the Open Trivia Database: {shown}.",
        author="Open Trivia DB contributors",
        license=LICENSE,
        sources=[
            {
                "id": "opentdb",
                "title": "Open Trivia Database",
                "publisher": "Open Trivia DB",
                "date": today(),
                "url": URL,
            }
        ],
        questions=questions,
        comments=[
            f"Imported by hitrun-quiz from {shown_name(path)}"
            f" (Open Trivia DB, encoding: {encoding}).",
            f"The questions come from the Open Trivia Database ({URL}) and are licensed",
            f"{LICENSE} (https://creativecommons.org/licenses/by-sa/4.0/): share alike, credit it.",
            "Check it with: hitrun-quiz packs validate FILE",
        ],
    )
    return check_draft(draft, name, problems)


def _question(item: Any, index: int, decode: Callable[[str], str]) -> DraftQuestion:
    if not isinstance(item, dict):
        raise ValueError("a result must be an object")
    missing = [f for f in FIELDS if f not in item]
    if missing:
        raise ValueError(f"missing {', '.join(repr(m) for m in missing)}")

    def text(key: str, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"'{key}' must be text")
        try:
            return decode(value).strip()
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise ValueError(f"'{key}' cannot be decoded") from None

    kind = text("type", item["type"])
    if kind not in TYPES:
        raise ValueError(f"'type' must be multiple or boolean, not '{kind}'")
    wrong_raw = item["incorrect_answers"]
    if not isinstance(wrong_raw, list):
        raise ValueError("'incorrect_answers' must be a list")
    wrong = [text("incorrect_answers", w) for w in wrong_raw]
    answer: Any = text("correct_answer", item["correct_answer"])
    if kind == "boolean":
        if answer.lower() not in ("true", "false"):
            raise ValueError(f"a boolean question's answer must be True or False, not '{answer}'")
        answer = answer.lower() == "true"
        wrong = []
    return DraftQuestion(
        where=f"results[{index}]",
        id=f"q{index + 1:05d}",
        type=TYPES[kind],
        category=text("category", item["category"]),
        difficulty=text("difficulty", item["difficulty"]).lower(),
        prompt=text("question", item["question"]),
        answer=answer,
        wrong=wrong,
    )


def export_opentdb(pack: Pack) -> tuple[dict[str, Any], list[str]]:
    """The pack as an API response, and the ids of questions it cannot hold.

    Text is HTML-escaped, as in Open Trivia DB's default encoding, so that
    importing the export gives back the very same text.

    Open Trivia DB has only multiple-choice and true/false questions: text and
    number questions are left out and named.
    """
    results, skipped = [], []
    for x in pack.questions:
        if x.type == "choice":
            kind, correct, wrong = "multiple", str(x.answer), list(x.wrong)
        elif x.type == "truefalse":
            kind, correct = "boolean", "True" if x.answer else "False"
            wrong = ["False" if x.answer else "True"]
        else:
            skipped.append(x.id)
            continue
        esc = html.escape
        results.append(
            {
                "type": kind,
                "difficulty": x.difficulty,
                "category": esc(x.category),
                "question": esc(x.prompt),
                "correct_answer": esc(str(correct)),
                "incorrect_answers": [esc(w) for w in wrong],
            }
        )
    return {"response_code": 0, "results": results}, skipped
