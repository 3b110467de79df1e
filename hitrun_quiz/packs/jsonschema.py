"""A JSON Schema (draft 2020-12) of the pack format, for editors.

``hitrun-quiz packs schema`` prints it; ``packs new`` writes it next to the
template and points the ``# yaml-language-server: $schema=...`` comment at
it, so an editor with the YAML language server completes and checks keys.

It mirrors ``schema.py`` (the validator, which stays the authority) as far as
a JSON Schema can: keys, required keys, types, enums, id patterns, lengths,
which keys each question type takes.  What it cannot say (duplicate ids,
references between facts and sources, options equal once normalised, YAML
1.1 traps) only the validator checks.

To add a key, add it to the ``properties`` of its object in :func:`json_schema`
(and to ``required`` if it must be given); a question key that only some types
take also goes in ``TYPE_KEYS`` in ``schema.py``, which this module reads.
"""

from __future__ import annotations

from typing import Any

from hitrun_quiz.packs.model import DIFFICULTIES, QUESTION_TYPES

SCHEMA_ID = "https://hitrun-quiz.invalid/pack.schema.json"
SCHEMA_FILE = "hitrun-quiz-pack.schema.json"
_CONTROL = "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]"


def _text(description: str, *, max_length: int | None = None) -> dict[str, Any]:
    """Text as the validator reads it: any scalar (YAML may read `2021` as a number)."""
    string: dict[str, Any] = {"type": "string", "pattern": "\\S", "not": {"pattern": _CONTROL}}
    if max_length:
        string["maxLength"] = max_length
    return {
        "description": description,
        "anyOf": [string, {"type": ["number", "boolean"]}],
    }


def _ident(description: str, pattern: str) -> dict[str, Any]:
    return {
        "description": description,
        "anyOf": [{"type": "string", "pattern": pattern}, {"type": "integer", "minimum": 0}],
    }


NUMBER = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "pattern": "^\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*$"},
    ]
}
BOOLEAN = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "string", "pattern": "^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$"},
    ]
}
ID = "^[A-Za-z0-9][A-Za-z0-9._-]*$"
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _text_list(description: str, low: int = 0, high: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description, "type": "array", "items": _text("one entry")}
    if low:
        out["minItems"] = low
    if high is not None:
        out["maxItems"] = high
    return out


def _by_type() -> list[dict[str, Any]]:
    """Per question type: its answer, and the keys it does not take."""
    from hitrun_quiz.packs.schema import MAX_CHOICES, MIN_CHOICES, TYPE_KEYS

    answers = {
        "choice": _text("the right option"),
        "truefalse": {"description": "true or false", **BOOLEAN},
        "text": _text("the right answer"),
        "number": {"description": "the right number", **NUMBER},
    }
    typed = sorted({k for keys in TYPE_KEYS.values() for k in keys})
    rules = []
    for qtype in QUESTION_TYPES:
        then: dict[str, Any] = {"properties": {"answer": answers[qtype]}}
        others = [k for k in typed if k not in TYPE_KEYS[qtype]]
        if others:
            then["not"] = {"anyOf": [{"required": [k]} for k in others]}
        if qtype == "choice":
            then["oneOf"] = [
                {
                    "required": ["wrong"],
                    "properties": {
                        "wrong": {"minItems": MIN_CHOICES - 1, "maxItems": MAX_CHOICES - 1}
                    },
                },
                {
                    "required": ["choices"],
                    "properties": {"choices": {"minItems": MIN_CHOICES, "maxItems": MAX_CHOICES}},
                },
            ]
        rules.append(
            {"if": {"properties": {"type": {"const": qtype}}, "required": ["type"]}, "then": then}
        )
    return rules


def json_schema() -> dict[str, Any]:
    """The pack format as a JSON Schema (draft 2020-12); every key of every object is here."""
    from hitrun_quiz.packs.schema import MAX_QUESTIONS
    from hitrun_quiz.packs.sources import MAX_QUOTE

    source = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "publisher", "date"],
        "properties": {
            "id": _ident("the source's id, cited by facts", ID),
            "title": _text("the document's title"),
            "publisher": _text("who published it"),
            "date": _text('when; quote it: "2021-08-10"'),
            "url": _text("where to read it"),
            "document": _text("packs check: the file of this source in --sources DIR"),
        },
    }
    quote = _text(f"verbatim from the source, at most {MAX_QUOTE} characters", max_length=MAX_QUOTE)
    fact = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "statement"],
        "properties": {
            "id": _ident("the fact's id, cited by questions", ID),
            "statement": _text("the fact in your own words"),
            "source": _ident("the id of a source of this pack", ID),
            "quote": quote,
            "quotes": {
                "description": "several sources stating one claim: a list of source + quote",
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["source", "quote"],
                    "properties": {
                        "source": _ident("the id of a source of this pack", ID),
                        "quote": quote,
                    },
                },
            },
        },
        # Exactly one form: source + quote, or quotes.
        "oneOf": [{"required": ["source", "quote"]}, {"required": ["quotes"]}],
        "not": {"anyOf": [{"required": ["quotes", "source"]}, {"required": ["quotes", "quote"]}]},
    }
    question = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "category", "difficulty", "type", "prompt", "answer"],
        "properties": {
            "id": _ident("unique in the pack", ID),
            "fact": _ident("the id of the fact it asks about (its quote is shown after)", ID),
            "category": _text("any short name; players filter on it with --category"),
            "difficulty": {"enum": list(DIFFICULTIES)},
            "type": {"enum": list(QUESTION_TYPES)},
            "prompt": _text("the question"),
            "answer": {"description": "the answer: text, true/false or a number, by type"},
            "explanation": _text("shown after the answer"),
            "choices": _text_list("choice: every option, the answer among them"),
            "wrong": _text_list("choice: the wrong options; text: near misses never accepted"),
            "accept": _text_list("text: other answers that count"),
            "related": {
                "description": "ids of questions never drawn into one round with this one",
                "anyOf": [
                    _ident("a question id", ID),
                    {"type": "array", "items": _ident("a question id", ID)},
                ],
            },
            "tolerance": {
                "description": "number: answers this close also count",
                "anyOf": [{"type": "number", "minimum": 0}, NUMBER["anyOf"][1]],
            },
        },
        "allOf": _by_type(),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "hitrun-quiz question pack",
        "description": "A hitrun-quiz pack. `hitrun-quiz packs validate FILE` is the authority: "
        "it also checks ids are unique, references resolve and options differ.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "questions"],
        "properties": {
            "id": _ident("the pack id: lowercase letters, digits, single hyphens", SLUG),
            "title": _text("shown in the welcome screen and packs list"),
            "description": _text("what the pack is about"),
            "author": _text("who wrote it"),
            "version": _text('any version text; quote it: "1.0.0"'),
            "license": _text("the license of the questions"),
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}},
            "questions": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_QUESTIONS,
                "items": {"$ref": "#/$defs/question"},
            },
        },
        "$defs": {"source": source, "fact": fact, "question": question},
    }
