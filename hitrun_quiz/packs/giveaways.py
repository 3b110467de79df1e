"""When one question gives away another's answer: the shared notion.

Used by the draw (``game/fairness.py``), which keeps such questions out of one
round, and by ``packs lint``, which warns about them.  Pure, standard library
only.

Text is compared as *canonical words*: :func:`~hitrun_quiz.normalise.normalise_words`
(case, accents, punctuation do not matter), with every number in digits
("nine" and "9" become ``9``, "twenty-one" ``21``, "1,000" ``1000``) and a
possessive "'s" split off ("Segev's wife" holds the word "segev").  An answer is
given away by a prompt when one of its keys (the answer, or an accepted alias,
without a leading article) appears in the prompt as whole words.  True/false
questions have no keys (their answer is not a word), and a choice question's
options are not part of its prompt.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hitrun_quiz.normalise import NUMBER_WORDS, SCALE_WORDS, normalise_words, parse_number
from hitrun_quiz.packs.model import Question

_ARTICLES = frozenset({"the", "a", "an"})
_SCALE_WORDS = SCALE_WORDS
_NUMBER_WORDS = NUMBER_WORDS
_GROUPED = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")
# A possessive "'s" is a word of its own, so that "Segev's wife" contains "Segev".
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019\u02bc]s\b", re.IGNORECASE)


def _number_run(run: list[str]) -> list[str]:
    """A run of number words as digits: the whole run if it parses, else word by word."""
    value = parse_number(" ".join(run))
    if value is not None and value.is_integer() and run[0] not in _SCALE_WORDS:
        return [str(int(value))]
    out = []
    for word in run:
        single = parse_number(word) if word not in _SCALE_WORDS else None
        out.append(str(int(single)) if single is not None else word)
    return out


def canonical_words(text: str) -> list[str]:
    """The words of ``text``, normalised, with every number written in digits."""
    text = _POSSESSIVE.sub(" s", _GROUPED.sub(lambda m: m.group().replace(",", ""), text))
    words = normalise_words(text)
    if not _NUMBER_WORDS.intersection(words):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] not in _NUMBER_WORDS:
            out.append(words[i])
            i += 1
            continue
        j = i + 1
        while j < len(words) and (
            words[j] in _NUMBER_WORDS
            or (
                words[j] == "and"
                and words[j - 1] in _SCALE_WORDS
                and j + 1 < len(words)
                and words[j + 1] in _NUMBER_WORDS
            )
        ):
            j += 1
        out.extend(_number_run(words[i:j]))
        i = j
    return out


def key_of(text: str) -> str:
    """The canonical key of an answer: its words, without a leading article."""
    words = canonical_words(text)
    start = 0
    while len(words) - start > 1 and words[start] in _ARTICLES:
        start += 1
    return " ".join(words[start:])


def number_text(value: float) -> str:
    """A number answer as the text it is compared as ("9", "2.5")."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def answer_keys(q: Question) -> tuple[str, ...]:
    """The canonical keys under which ``q``'s answer could be given away (in order)."""
    if q.type == "truefalse" or isinstance(q.answer, bool):
        return ()
    if q.type == "number":
        texts: list[str] = [number_text(q.answer)]  # type: ignore[arg-type]
    else:
        texts = [str(q.answer), *q.accept]
    keys = (key_of(t) for t in texts)
    return tuple(dict.fromkeys(k for k in keys if k))


class Profile(NamedTuple):
    """What the giveaway test needs of one question, computed once."""

    keys: tuple[str, ...]  # canonical answer keys
    padded: str  # the prompt's canonical words, space-separated with a space either side


def profile(q: Question) -> Profile:
    return Profile(answer_keys(q), f" {' '.join(canonical_words(q.prompt))} ")


def given_away(prompt: Profile, answer: Profile) -> str | None:
    """The key of ``answer`` that ``prompt``'s prompt contains as whole words, or None."""
    for key in answer.keys:
        if f" {key} " in prompt.padded:
            return key
    return None


def prompt_grams(words: list[str], longest: int) -> set[str]:
    """Every run of 1 to ``longest`` consecutive words of a prompt, as text."""
    grams: set[str] = set()
    for n in range(1, min(longest, len(words)) + 1):
        for i in range(len(words) - n + 1):
            grams.add(" ".join(words[i : i + n]))
    return grams
