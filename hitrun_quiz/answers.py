"""Answer matching: is what the player typed a correct answer?

Pure functions, standard library only, no I/O.

Text answers are compared after :func:`normalise` (case, accents, punctuation,
spacing and a leading article do not matter), then with a small typo
tolerance: a target of ``n`` letters (spaces not counted) allows ``n // 5``
edits of optimal-string-alignment Damerau-Levenshtein distance, so targets of
under five letters must be typed exactly.  A typo-tolerant match is refused

* when the guess equals, or is at least as close to, any *other answer* (the
  question's ``wrong`` list and, for choice questions, the other options);
* when the guess (or one of its words) is the target (or one of its words)
  with letters added or removed only at the start or end, such as "parish"
  for "paris" or "israeli" for "israel": that is a different word, not a typo.
  Adding or dropping a repeat of the adjacent letter ("segevv", "sana" for
  "sanaa") still counts as a typo.

There is never any substring matching: "chair" is not "air".
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from hitrun_quiz.model import Question

__all__ = [
    "judge",
    "normalise",
    "parse_bool",
    "parse_number",
    "resolve_choice",
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

# Anything that is not a letter or digit (underscore included) is a separator.
_NON_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Casefold and strip accents and every other combining mark."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in text if not unicodedata.category(c).startswith("M"))


def _normalise_words(text: str) -> list[str]:
    """The words of ``text`` after folding; punctuation separates words."""
    text = _fold(text).translate(_TRANSLATE)
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
    words = _normalise_words(text)
    # Articles are dropped repeatedly (not just once) so that normalise is
    # idempotent and "The A-Team" agrees with "A-Team"; the last word is kept.
    start = 0
    while len(words) - start > 1 and words[start] in _ARTICLES:
        start += 1
    return " ".join(words[start:])


def _key(text: str) -> str:
    """The comparison key of an answer or guess; "" for a blank one.

    Text that is nothing but punctuation ("?!") normalises to "", so it falls
    back to its casefolded, whitespace-collapsed self and can still match itself.
    """
    return normalise(text) or " ".join(text.casefold().split())


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
    followed by one scale word ("2 million", "1.5 thousand").  Anything
    else, including units ("9 apples"), exponents, "nan" and "inf", is None.
    """
    text = " ".join(unicodedata.normalize("NFKC", text).translate(_DASHES).split())
    if not text:
        return None
    value = _parse_numeral(text)
    if value is not None:
        return value
    text = text.casefold()
    numeral, _, scale = text.rpartition(" ")
    if scale in _MULTIPLIERS and _NUMERAL.fullmatch(numeral):
        base = _parse_numeral(numeral)  # "2 million", "-1.5 thousand"
        return None if base is None else base * _MULTIPLIERS[scale]
    return _parse_words(text.replace("-", " ").replace(",", " ").split())


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


# --------------------------------------------------------------------------- fuzzy text


def _distance(a: str, b: str) -> int:
    """Optimal string alignment (restricted Damerau-Levenshtein) distance."""
    if a == b:
        return 0
    if not a or not b:
        return len(a) + len(b)
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(target: str) -> int:
    """Edits a typo-tolerant match of the normalised ``target`` may need."""
    return sum(1 for c in target if not c.isspace()) // 5


def _is_affixed(a: str, b: str) -> bool:
    """Whether one string is the other with letters added only at one end.

    Adding or dropping repeats of the adjacent letter is a stuck or missed key
    ("segevv", "sana" for "sanaa"), so that does not count.
    """
    if a == b or not a or not b:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if long.startswith(short):
        extra, neighbour = long[len(short) :], short[-1]
    elif long.endswith(short):
        extra, neighbour = long[: len(long) - len(short)], short[0]
    else:
        return False
    return any(c != neighbour for c in extra)


def _different_word(guess: str, target: str) -> bool:
    """Whether ``guess`` is ``target`` with a word extended or cut short."""
    if _is_affixed(guess, target):
        return True
    guess_words, target_words = guess.split(), target.split()
    return len(guess_words) == len(target_words) and any(
        _is_affixed(g, t) for g, t in zip(guess_words, target_words, strict=True)
    )


def _fuzzy_distance(guess: str, target: str) -> int | None:
    """The distance of a typo-tolerant match of two keys, or None if none."""
    allowed = allowed_edits(target)
    if allowed == 0 or abs(len(guess) - len(target)) > allowed:
        return None
    distance = _distance(guess, target)
    if distance > allowed or _different_word(guess, target):
        return None
    return distance


def _matches(guess: str, targets: Sequence[str], others: Sequence[str]) -> bool:
    """Whether the key ``guess`` matches one of the keys ``targets``.

    Exact equality with a target always wins.  Otherwise the guess must be a
    typo-tolerant match of a target, must not equal any of ``others`` and must
    be strictly closer to that target than to every one of ``others``.
    """
    if not guess:
        return False
    if guess in targets:
        return True
    if guess in others:
        return False
    distances = [d for t in targets if t and (d := _fuzzy_distance(guess, t)) is not None]
    if not distances:
        return False
    best = min(distances)
    return all(_distance(guess, other) > best for other in others if other)


# --------------------------------------------------------------------------- choices

_LABEL = re.compile(r"\(?\s*([a-z]|[0-9]{1,2})\s*[).:]?", re.ASCII)


def _label_index(text: str) -> int | None:
    """The 0-based index a label such as "B", "b)", "2" or "(3)" names, or None."""
    match = _LABEL.fullmatch(text.strip().casefold())
    if match is None:
        return None
    label = match.group(1)
    return int(label) - 1 if label.isdigit() else ord(label) - ord("a")


def _resolve(text: str, shown: Sequence[str]) -> tuple[str | None, bool]:
    """The option ``text`` refers to, and whether ``text`` was read as a label."""
    options = list(shown)
    index = _label_index(text)
    if index is not None:
        # Exact text wins over the label: with options "1", "2", "3" shown
        # in any order, "2" means the option "2".  Articles are kept here so
        # that "a" is not the option "The A".
        folded = " ".join(_normalise_words(text))
        exact = [o for o in options if " ".join(_normalise_words(o)) == folded]
        if exact:
            return (exact[0] if len(set(exact)) == 1 else None), True
        return (options[index] if 0 <= index < len(options) else None), True
    guess = _key(text)
    if not guess:
        return None, False
    keys = [_key(o) for o in options]
    exact = [o for o, k in zip(options, keys, strict=True) if k == guess]
    if exact:
        return (exact[0] if len(set(exact)) == 1 else None), False
    found = [
        option
        for n, (option, key) in enumerate(zip(options, keys, strict=True))
        if _matches(guess, [key], keys[:n] + keys[n + 1 :])
    ]
    return (found[0] if len(found) == 1 else None), False


def resolve_choice(text: str, shown: Sequence[str]) -> str | None:
    """The option of ``shown`` (in display order) that ``text`` refers to, or None.

    In order:

    1. a label: a letter ("A", "b", "c)", "(d)", "e.") or a number ("1",
       "2)") names an option by position; out of range is None.  If the
       label is also exactly an option's text, that option wins.
    2. an option's text, compared by :func:`normalise`;
    3. a typo-tolerant match of an option's text, under the same rule as
       text answers with the other options as the other answers, so never
       when two options are equally close.
    """
    return _resolve(text, shown)[0]


# --------------------------------------------------------------------------- judge

_EPSILON = 1e-9


def _judge_number(question: Question, given: str) -> bool:
    value = parse_number(given)
    answer = question.answer
    if value is None or isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    # The epsilon absorbs float rounding ("0.3" for 0.1 + 0.2, "2.6" for 2.5
    # +/- 0.1) without ever covering a whole unit of a large integer answer.
    epsilon = _EPSILON + 4 * math.ulp(float(answer))
    return abs(value - answer) <= max(question.tolerance, 0.0) + epsilon


def _judge_truefalse(question: Question, given: str) -> bool:
    answer = question.answer
    expected = answer if isinstance(answer, bool) else parse_bool(str(answer))
    guess = parse_bool(given)
    return guess is not None and guess == expected


def _judge_text(question: Question, given: str, options: Sequence[str] = ()) -> bool:
    answer = str(question.answer)
    targets = [k for k in (_key(a) for a in (answer, *question.accept)) if k]
    candidates = (*question.wrong, *question.choices, *options)
    others = [k for k in (_key(o) for o in candidates if o != answer) if k]
    # A pack that lists the answer (or an alias) as wrong is self-contradictory;
    # the answer wins.
    others = [k for k in others if k not in targets]
    return _matches(_key(given), targets, others)


def _judge_choice(question: Question, given: str, shown: Sequence[str] | None) -> bool:
    options = tuple(shown) if shown else question.choices
    chosen, was_label = _resolve(given, options)
    if chosen is not None:
        return chosen == question.answer
    if was_label or not question.accept:
        return False
    # An alias of the answer ("JFK" for "John F. Kennedy") typed as text.
    return _judge_text(question, given, options)


def judge(question: Question, given: str, shown: Sequence[str] | None = None) -> bool:
    """Whether ``given`` is a correct answer to ``question``.

    ``shown`` is the choice options in the order they were displayed (default:
    ``question.choices``); it only matters for choice questions.

    * choice: :func:`resolve_choice` names the answer; failing that, the text
      is an alias from ``accept`` (under the text rule).
    * truefalse: :func:`parse_bool` gives the answer.
    * number: :func:`parse_number` is within ``tolerance`` of the answer.
    * text: the :func:`normalise` form equals that of the answer or an alias,
      or is a typo-tolerant match of one (see the module docstring).
    """
    if question.type == "choice":
        return _judge_choice(question, given, shown)
    if question.type == "truefalse":
        return _judge_truefalse(question, given)
    if question.type == "number":
        return _judge_number(question, given)
    return _judge_text(question, given)
