"""One normalisation of answer text, shared by the validator and the matcher.

Pure functions, standard library only, no I/O: :func:`normalise` (case,
accents, punctuation, spacing and a leading article do not matter),
:func:`parse_number` (digits or words) and :func:`parse_bool`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "answer_key",
    "normalise",
    "normalise_words",
    "parse_bool",
    "parse_number",
    "parse_plain_number",
]

# --------------------------------------------------------------------------- normalise

_ARTICLES = frozenset({"the", "a", "an"})

# Applied after casefolding and NFKD.  Apostrophes (straight or typographic)
# are dropped so that "O'Brien", "O’Brien" and "OBrien" agree; every other
# quote, dash or symbol becomes a space below.  A few letters that NFKD does
# not decompose are spelt out in ASCII.
_TRANSLATE = str.maketrans(
    {
        "'": None,
        "\u2018": None,  # ‘
        "\u2019": None,  # ’
        "\u201b": None,  # ‛
        "\u02bc": None,  # ʼ
        "\u2032": None,  # ′
        "`": None,
        "&": " and ",
        "\u00f8": "o",  # ø
        "\u00e6": "ae",  # æ
        "\u0153": "oe",  # œ
        "\u0111": "d",  # đ
        "\u00f0": "d",  # ð
        "\u0142": "l",  # ł
        "\u00fe": "th",  # þ
        "\u0131": "i",  # dotless ı
        "\u0127": "h",  # ħ
    }
)

#: The letters of :data:`_TRANSLATE` that are spelt out, without the punctuation.
_SPELL_OUT = {code: out for code, out in _TRANSLATE.items() if chr(code).isalpha()}

# Anything that is not a letter or digit (underscore included) is a separator.
_NON_WORD = re.compile(r"[\W_]+")


#: Only this many characters of a text take part in comparing answers, so that
#: judging an answer costs the same whatever a pack holds.  The validator uses
#: the same keys, so two texts that differ only further on are refused there.
MAX_KEY_CHARS = 1000


class _DropMarks(dict):  # type: ignore[type-arg]
    """A ``str.translate`` table deleting combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)).startswith("M") else code
        self[code] = value
        return value


_DROP_MARKS = _DropMarks()


def _fold(text: str) -> str:
    """Casefold and strip accents and every other combining mark."""
    if text.isascii():  # NFKD leaves ASCII as it is: the common case, cheaply
        return text.casefold()
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return text if text.isascii() else text.translate(_DROP_MARKS)


# A possessive "'s" (straight or typographic apostrophe) at the end of a word.
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019\u02bc]s\b", re.IGNORECASE)


def normalise_words(text: str) -> list[str]:
    """The words of ``text`` (its first :data:`MAX_KEY_CHARS` characters) after folding.

    Answer forms (see :func:`answer_forms`) are read first: "Det. Ellis" is
    "detective ellis", "6th" is "6", "Israel's" is "israel".
    """
    # Folded (and letters like "þ" spelt out) before the answer forms are read,
    # so that what they see is what a second pass would see: "0Þ" is "0th" is "0".
    text = _fold(text[:MAX_KEY_CHARS])
    if not text.isascii():
        text = text.translate(_SPELL_OUT)
    text = answer_forms(text).translate(_TRANSLATE)
    return _NON_WORD.sub(" ", text).split()


def normalise(text: str) -> str:
    """The form in which text answers are compared.

    Casefolded; accents stripped; apostrophes dropped; "&" read as "and";
    every other punctuation mark, quote or dash turned into a space;
    whitespace collapsed and stripped; a leading "the", "a" or "an" dropped
    while something remains after it.  Idempotent.

    >>> normalise("  The  Liór-Ráz & Co. ")
    'lior raz and co'
    """
    words = normalise_words(text)
    # Articles are dropped repeatedly (not just once) so that normalise is
    # idempotent and "The A-Team" agrees with "A-Team"; the last word is kept.
    start = 0
    while len(words) - start > 1 and words[start] in _ARTICLES:
        start += 1
    return " ".join(words[start:])


@lru_cache(maxsize=1 << 16)  # pure; a pack repeats its options ("True", "1990") a lot
def answer_key(text: str) -> str:
    """The comparison key of an answer or guess; "" for a blank one.

    Text that is nothing but punctuation ("?!") normalises to "", so it falls
    back to its casefolded, whitespace-collapsed self and can still match itself.
    """
    return normalise(text) or " ".join(text[:MAX_KEY_CHARS].casefold().split())


# --------------------------------------------------------------------------- answer forms

# Abbreviations a player may write with a dot ("Oct.", "Det. Ellis"), read as
# the whole word.  Only with the dot: "Jan" (a name) stays "jan".
_ABBREVIATIONS: dict[str, str] = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    "det": "detective",
    "insp": "inspector",
    "sgt": "sergeant",
    "lt": "lieutenant",
    "capt": "captain",
    "gen": "general",
    "prof": "professor",
    "dr": "doctor",
    "mt": "mount",
    "ep": "episode",
    "eps": "episodes",
    "vs": "versus",
}
_ABBREVIATION = re.compile(r"(?<![\w.])([A-Za-z]+)\.(?!\w)")
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_ORDINAL = re.compile(r"(?<![\w.])(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)


def _expand(match: re.Match[str]) -> str:
    word = _ABBREVIATIONS.get(match.group(1).casefold())
    return match.group(0) if word is None else word


def answer_forms(text: str) -> str:
    """Text with the everyday forms of an answer spelt out.

    An abbreviation with a dot becomes its word ("Oct." is "October", "Det."
    is "Detective"), a digit ordinal its number ("6th" is "6"), and a
    possessive its word ("Israel's" is "Israel", "Segev's wife" is "Segev
    wife").  Used by :func:`normalise_words`, so by the validator and the
    matcher alike.

    >>> answer_forms("Det. Ellis, Oct. 6th")
    'detective Ellis, october 6'
    """
    if "s" in text or "S" in text:
        text = _POSSESSIVE.sub("", text)
    if "." in text:
        text = _ABBREVIATION.sub(_expand, text)
    if _ANY_DIGIT.search(text):
        text = _DIGIT_ORDINAL.sub(r"\1", text)
    return text


# --------------------------------------------------------------------------- numbers

_UNITS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
_TENS: dict[str, int] = {
    word: 10 * value
    for value, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_MULTIPLIERS: dict[str, int] = {"hundred": 100, **_SCALES}
_NEGATIVE = frozenset({"minus", "negative"})
#: Every word a number is spelt with ("nine", "twenty", "hundred", ...).
NUMBER_WORDS = frozenset((*_UNITS, *_TENS, *_MULTIPLIERS))
#: The words that multiply what comes before them ("hundred", "thousand", ...).
SCALE_WORDS = frozenset(_MULTIPLIERS)

# A numeral: optional sign, digits (optionally grouped in threes by commas or
# single spaces), optional decimal part; or just a decimal part (".5").
_NUMERAL = re.compile(
    r"""
    [+-]?
    (?:
        (?: \d{1,3} (?: ,\d{3} )+ | \d{1,3} (?: \ \d{3} )+ | \d+ ) (?: \.\d* )?
      | \.\d+
    )
    """,
    re.VERBOSE | re.ASCII,
)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"})


def _parse_numeral(text: str) -> float | None:
    if not _NUMERAL.fullmatch(text):
        return None
    return float(text.replace(",", "").replace(" ", ""))


def _below_100(tokens: list[str], i: int) -> tuple[int, int] | None:
    """Parse 1..99 ("seven", "nineteen", "forty", "forty two") at ``tokens[i]``."""
    if i >= len(tokens):
        return None
    word = tokens[i]
    if word in _TENS:
        value = _TENS[word]
        if i + 1 < len(tokens) and 1 <= _UNITS.get(tokens[i + 1], 0) <= 9:
            return value + _UNITS[tokens[i + 1]], i + 2
        return value, i + 1
    if _UNITS.get(word, 0) >= 1:
        return _UNITS[word], i + 1
    return None


def _below_1000(tokens: list[str], i: int) -> tuple[int, int] | None:
    """Parse 1..999 ("six", "a hundred", "three hundred and five") at ``tokens[i]``."""
    if i + 1 < len(tokens) and tokens[i + 1] == "hundred":
        digit = 1 if tokens[i] == "a" and i == 0 else _UNITS.get(tokens[i], 0)
        if not 1 <= digit <= 9:
            return None
        value, i = 100 * digit, i + 2
        rest = _below_100(tokens, i + 1 if i < len(tokens) and tokens[i] == "and" else i)
        if rest is not None:
            return value + rest[0], rest[1]
        return value, i
    return _below_100(tokens, i)


def _parse_integer_words(tokens: list[str]) -> int | None:
    """Parse a whole number in English words, or None."""
    if not tokens:
        return None
    if tokens == ["zero"]:
        return 0
    # "fifteen hundred", "nineteen hundred and eighty four"
    head = _below_100(tokens, 0)
    if head is not None and head[0] >= 10 and tokens[head[1] : head[1] + 1] == ["hundred"]:
        value, i = head[0] * 100, head[1] + 1
        if i == len(tokens):
            return value
        tail = _below_100(tokens, i + 1 if tokens[i] == "and" else i)
        if tail is not None and tail[1] == len(tokens):
            return value + tail[0]
        return None
    total, i, last_scale = 0, 0, None
    while i < len(tokens):
        if i > 0 and tokens[i] == "and":
            i += 1  # "two thousand and twenty one": only before the final group
            and_used = True
        else:
            and_used = False
        if i == 0 and tokens[0] == "a" and len(tokens) > 1 and tokens[1] in _SCALES:
            group, i = 1, 1  # "a thousand", "a million"
        else:
            parsed = _below_1000(tokens, i)
            if parsed is None:
                return None
            group, i = parsed
        if i < len(tokens) and tokens[i] in _SCALES:
            scale = _SCALES[tokens[i]]
            if and_used or (last_scale is not None and scale >= last_scale):
                return None
            total += group * scale
            last_scale = scale
            i += 1
        else:
            if i != len(tokens):
                return None
            total += group
    return total


def _parse_words(tokens: list[str]) -> float | None:
    """Parse English number words, with an optional "point" and digit words."""
    negative = bool(tokens) and tokens[0] in _NEGATIVE
    if negative:
        tokens = tokens[1:]
    fraction = ""
    if "point" in tokens:
        at = tokens.index("point")
        digits = tokens[at + 1 :]
        if not digits or any(_UNITS.get(d, 10) > 9 for d in digits):
            return None
        fraction = "".join(str(_UNITS[d]) for d in digits)
        tokens = tokens[:at]
    whole = _parse_integer_words(tokens)
    if whole is None:
        return None
    value = float(f"{whole}.{fraction}") if fraction else float(whole)
    return -value if negative else value


def parse_number(text: str) -> float | None:
    """The number that ``text`` spells, or None.

    Accepts numerals ("9", "-3", "9.5", ".5", "1,000", "1 000", "1,234.5"),
    English number words up to the trillions ("nine", "twenty-one",
    "one hundred and five", "a hundred", "two thousand twenty-one",
    "fifteen hundred", "minus three", "nine point five") and a numeral
    followed by one scale word ("2 million", "1.5 thousand").  The everyday
    forms of :func:`number_forms` are read too: ordinals ("6th", "sixth",
    "twenty-first") and a number followed by one unit word ("40 minutes",
    "nine episodes").  Anything else, including exponents, "nan" and "inf",
    is None.
    """
    text = " ".join(unicodedata.normalize("NFKC", text).translate(_DASHES).split())
    if not text:
        return None
    value = parse_plain_number(text)
    if value is not None:
        return value
    for form in number_forms(text):
        value = parse_plain_number(form)
        if value is not None:
            return value
    return None


def parse_plain_number(text: str) -> float | None:
    """:func:`parse_number` without the everyday forms."""
    value = _parse_numeral(text)
    if value is not None:
        return value
    text = text.casefold()
    numeral, _, scale = text.rpartition(" ")
    if scale in _MULTIPLIERS and _NUMERAL.fullmatch(numeral):
        base = _parse_numeral(numeral)  # "2 million", "-1.5 thousand"
        return None if base is None else base * _MULTIPLIERS[scale]
    return _parse_words(text.replace("-", " ").replace(",", " ").split())


# --------------------------------------------------------------------------- number forms

_ORDINAL_WORDS: dict[str, str] = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
    **{
        f"{w[:-1]}ieth": w
        for w in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    },
}
_NOT_UNITS = frozenset({"and", "point", "a", "an", "the", *_NEGATIVE, *_MULTIPLIERS})
#: Words before a number that do not change it: "mid-2022" is 2022, "about nine" is 9.
QUALIFIERS = frozenset({"mid", "early", "late", "around", "about", "circa", "roughly"})
_UNIT_WORD = re.compile(r"[^\W\d_]+\.?\Z")


def _cardinal(word: str) -> str | None:
    """The number word of an ordinal word ("sixth" -> "six"), or None."""
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    if word.endswith("th") and (word[:-2] in _UNITS or word[:-2] in _MULTIPLIERS):
        return word[:-2]  # fourth, sixth, tenth, nineteenth, hundredth
    return None


def number_forms(text: str) -> list[str]:
    """Other readings of ``text`` as a plain number, tried by :func:`parse_number`.

    A digit ordinal ("6th", "21st") is its digits; an ordinal word ("sixth",
    "twenty-first") is its number word; a trailing unit word ("40 minutes",
    "nine episodes.") is dropped, so long as a number is left before it; and
    a leading qualifier of :data:`QUALIFIERS` ("mid-2022", "about 9") too.
    """
    forms: list[str] = []
    words = text.casefold().replace("-", " ").split()
    if len(words) > 1 and words[0] in QUALIFIERS:
        words = words[1:]  # "mid-2022" -> "2022"
        forms.append(" ".join(words))
    last = words[-1].rstrip(".") if words else ""
    is_ordinal = bool(_DIGIT_ORDINAL.fullmatch(last)) or _cardinal(last) is not None
    is_unit = bool(_UNIT_WORD.match(words[-1])) if words else False
    is_unit = is_unit and last not in _NOT_UNITS and last not in _UNITS and last not in _TENS
    if len(words) > 1 and not is_ordinal and is_unit:
        words = words[:-1]  # "40 minutes" -> "40"
        forms.append(" ".join(words))
        last = words[-1]
    digits = _DIGIT_ORDINAL.fullmatch(last)
    if digits:
        forms.append(" ".join([*words[:-1], digits.group(1)]))
    elif (cardinal := _cardinal(last)) is not None:
        forms.append(" ".join([*words[:-1], cardinal]))
    return forms


# --------------------------------------------------------------------------- booleans

_TRUE = frozenset({"t", "true", "y", "yes"})
_FALSE = frozenset({"f", "false", "n", "no"})


def parse_bool(text: str) -> bool | None:
    """True for t/true/y/yes, False for f/false/n/no (any case), else None."""
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None
