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

The work is bounded whatever a pack holds: keys are made from at most the
first 1,000 characters of a text (``normalise.MAX_KEY_CHARS``); typo
tolerance applies only to keys of at most :data:`MAX_FUZZY_CHARS` characters
and allows at most :data:`MAX_EDITS` edits; a string whose length is further
from the guess than the edits allowed is never compared; and the distance is
computed bit-parallel, a whole column at a time.  Longer answers must be typed
exactly (after :func:`normalise`).  A pack holds at most 10 strings a list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from hitrun_quiz.normalise import answer_key, normalise, normalise_words, parse_bool, parse_number
from hitrun_quiz.packs.model import Question
from hitrun_quiz.safetext import safe

#: The letters of a choice question's options, in the order shown.
LETTERS = "ABCDE"

__all__ = [
    "judge",
    "normalise",
    "not_an_option",
    "parse_bool",
    "parse_number",
    "resolve_choice",
]

# --------------------------------------------------------------------------- fuzzy text

#: Keys longer than this are compared exactly, never with typo tolerance.
MAX_FUZZY_CHARS = 100
#: A typo-tolerant match never allows more edits than this.
MAX_EDITS = 6


def _distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment (restricted Damerau-Levenshtein) distance.

    Bit-parallel (Hyyrö 2003, as in rapidfuzz): one column of the table is a
    pair of ``len(a)``-bit integers, so a comparison takes ``len(b)`` steps of
    a few integer operations.  With ``limit``, strings whose lengths differ
    by more are not compared at all and any distance over ``limit`` is
    returned as ``limit + 1``.
    """
    if a == b:
        return 0
    la, lb = len(a), len(b)
    over = (max(la, lb) if limit is None else limit) + 1
    if limit is not None and abs(la - lb) > limit:
        return over
    if not a or not b:
        return min(la + lb, over)
    peq: dict[str, int] = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << la) - 1
    last = 1 << (la - 1)
    vp, vn, d0, pm_prev = full, 0, 0, 0
    score = la
    for c in b:
        pm = peq.get(c, 0)
        transposed = (((~d0) & pm) << 1) & pm_prev
        d0 = ((((pm & vp) + vp) ^ vp) | pm | vn | transposed) & full
        hp = (vn | ~(d0 | vp)) & full
        hn = d0 & vp
        if hp & last:
            score += 1
        elif hn & last:
            score -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        vp = (hn | ~(d0 | hp)) & full
        vn = hp & d0
        pm_prev = pm
    return min(score, over)


def allowed_edits(target: str) -> int:
    """Edits a typo-tolerant match of the normalised ``target`` may need (0: exact only)."""
    if len(target) > MAX_FUZZY_CHARS:
        return 0
    return min(MAX_EDITS, sum(1 for c in target if not c.isspace()) // 5)


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


def _fuzzy_distance(guess: str, target: str, cap: int | None = None) -> int | None:
    """The distance of a typo-tolerant match of two keys, or None if none (or over ``cap``)."""
    allowed = allowed_edits(target)
    if cap is not None:
        allowed = min(allowed, cap)
    if allowed <= 0 or abs(len(guess) - len(target)) > allowed:
        return None
    distance = _distance(guess, target, allowed)
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
    best: int | None = None
    for target in targets:
        # Only a closer target can change the verdict: each is measured in a narrower band.
        d = _fuzzy_distance(guess, target, None if best is None else best - 1) if target else None
        if d is not None:
            best = d
    if best is None:
        return False
    return all(_distance(guess, other, best) > best for other in others if other)


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
    # Identity first: an option's exact text is that option, whatever the
    # matcher would make of it.
    exact_text = [o for o in options if o == text.strip()]
    if exact_text:
        return exact_text[0], False
    index = _label_index(text)
    if index is not None:
        # Exact text wins over the label: with options "1", "2", "3" shown
        # in any order, "2" means the option "2".  Articles are kept here so
        # that "a" is not the option "The A".
        folded = " ".join(normalise_words(text))
        exact = [o for o in options if " ".join(normalise_words(o)) == folded]
        if exact:
            return (exact[0] if len(set(exact)) == 1 else None), True
        return (options[index] if 0 <= index < len(options) else None), True
    guess = answer_key(text)
    if not guess:
        return None, False
    keys = [answer_key(o) for o in options]
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


# A prompt with one of these words asks for a place: "Tel Aviv, Israel" names the city.
_PLACE_WORDS = frozenset({"city", "town", "village", "where"})
_QUALIFIER = re.compile(r"[^\W\d_]+(?:[ .'-][^\W\d_]+){0,3}\.?")


def place_head(question: Question, given: str) -> str | None:
    """The place of a "City, Country" answer to a question asking where, or None.

    "Tel Aviv, Israel" is "Tel Aviv" when the prompt asks for a city, a town,
    a village or where; the part after the comma must be one to four words.
    """
    head, comma, tail = given.partition(",")
    if not comma or not _QUALIFIER.fullmatch(tail.strip()):
        return None
    if not _PLACE_WORDS.intersection(normalise_words(question.prompt)):
        return None
    return head


def _judge_text(question: Question, given: str, options: Sequence[str] = ()) -> bool:
    answer = str(question.answer)
    targets = [k for k in (answer_key(a) for a in (answer, *question.accept)) if k]
    candidates = (*question.wrong, *question.choices, *options)
    others = [k for k in (answer_key(o) for o in candidates if o != answer) if k]
    # A pack that lists the answer (or an alias) as wrong is self-contradictory;
    # the answer wins.
    others = [k for k in others if k not in targets]
    if _matches(answer_key(given), targets, others):
        return True
    head = place_head(question, given)
    return head is not None and _matches(answer_key(head), targets, others)


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
      or is a typo-tolerant match of one (see the module docstring); for a
      question asking where, "City, Country" counts as the city
      (:func:`place_head`).
    """
    if question.type == "choice":
        return _judge_choice(question, given, shown)
    if question.type == "truefalse":
        return _judge_truefalse(question, given)
    if question.type == "number":
        return _judge_number(question, given)
    return _judge_text(question, given)


def not_an_option(question: Question, given: str, shown: Sequence[str] | None = None) -> str | None:
    """Why ``given`` cannot even be read as a reply to ``question``, or None.

    A scripted reply that names no option ("E" with four options, "B" or
    "maybe" on a true/false question, "true" on a choice question) or a number
    question answered with something that is not a number.  Such a reply
    counts as wrong; the note says why.
    """
    if question.type == "choice":
        options = tuple(shown) if shown else question.choices
        if _resolve(given, options)[0] is not None:
            return None
        if question.accept and _judge_text(question, given, options):
            return None
        last = LETTERS[len(options) - 1]
        return f"'{safe(given)}' is not one of the options (A-{last}, 1-{len(options)} or its text)"
    if question.type == "truefalse" and parse_bool(given) is None:
        return f"'{safe(given)}' is not true or false (true/false, t/f, yes/no, y/n)"
    if question.type == "number" and parse_number(given) is None:
        return f"'{safe(given)}' is not a number"
    return None
