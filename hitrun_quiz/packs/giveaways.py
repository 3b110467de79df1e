"""When what one question shows gives away another's answer: the shared rule.

Used by the draw (``game/fairness.py``), which keeps such questions out of one
round, and by ``packs lint``, which warns about them; docs/packs.md describes
the same rule.  Pure, standard library only.

Text is compared as *canonical words*: :func:`~hitrun_quiz.normalise.normalise_words`
(case, accents, punctuation do not matter), with every number in digits
("nine" and "9" become ``9``, "twenty-one" ``21``, "1,000" ``1000``) and a
possessive "'s" split off ("Segev's wife" holds the word "segev").

A question is given away by its *keys*: its answer and accepted aliases
(without a leading article; a number in digits) and, for an answer that looks
like a person's name, the surname.  True/false questions have no keys.  What
a question *shows* is its prompt, its options, its answer (after its prompt),
its explanation and the quotes of its fact.  :func:`leak` is the rule: a
prompt that holds a key anywhere gives it away; any other shown sentence gives
it away when it holds a key and a *cue*, a content word of the asking
question's prompt (see :func:`content_stems`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hitrun_quiz.normalise import NUMBER_WORDS, SCALE_WORDS, normalise_words, parse_number
from hitrun_quiz.packs.model import Pack, Question

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


# --------------------------------------------------------------------------- the rule

#: Words that never make a cue: function words, and the words every quiz prompt uses.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each else ever few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just may me might more most much must my myself no nor not now of off
    on once only or other our ours out over own per same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    upon very via was we were what when where which while who whom whose why will with would you
    your s co
    true false according name named called call complete fill blank say says said tell tells told
    describe describes described description word words give gives given kind sort thing things
    one ones two another many number write written wrote article report reported reports
    character characters question questions answer answers
    """.split()  # noqa: SIM905
)
# End of a sentence: . ! ? or ; followed by a space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'\u201d\u2019)]*\s+|\n+")


def stem(word: str) -> str:
    """A word as cues are compared: a plural or third-person "s" dropped ("plays" is "play")."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences: at ``.``, ``!``, ``?`` or ``;`` and a space, or a newline."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


class Window(NamedTuple):
    """One sentence a player is shown for a question, ready for the test."""

    field: str  # "prompt", "option", "answer", "explanation", "quote"
    at: int  # the option's or quote's index; 0 otherwise
    padded: str  # canonical words, space-separated, a space either side
    stems: frozenset[str]  # the stems of its words


class Profile(NamedTuple):
    """What the giveaway test needs of one question, computed once.

    ``keys`` and ``cues`` are what gives the question away: its answer keys, and
    for each key the stems of the prompt's content words outside that key.
    ``windows`` are the sentences shown for it: its prompt (one window, no cue
    needed), and, cue needed, each sentence of each option, the prompt's last
    sentence followed by the answer, each sentence of the explanation and of
    each quote of its fact.
    """

    keys: tuple[str, ...]
    cues: tuple[frozenset[str], ...]  # one per key
    windows: tuple[Window, ...]

    @property
    def padded(self) -> str:
        """The prompt's canonical words, padded with spaces."""
        return self.windows[0].padded


def _window(field: str, index: int, text: str) -> Window:
    words = canonical_words(text)
    return Window(field, index, f" {' '.join(words)} ", frozenset(stem(w) for w in words))


def content_stems(text: str, stop: frozenset[str] = frozenset()) -> frozenset[str]:
    """The stems of the content words of ``text``: not :data:`STOP_WORDS`, not ``stop``."""
    return frozenset(
        stem(w) for w in canonical_words(text) if w not in STOP_WORDS and w not in stop
    )


def pack_stop_words(pack: Pack | None) -> frozenset[str]:
    """Words every question of a pack shares: its title's and its sources' publishers'."""
    if pack is None:
        return frozenset()
    texts = [pack.title, *(s.publisher for s in pack.sources)]
    return frozenset(w for t in texts for w in canonical_words(t))


_NAME_WORD = re.compile(r"[A-Z][\w'\u2019.-]*\Z")
_NOT_NAMES = frozenset({"The", "A", "An"})
# A prompt with one of these words asks for a place or a work, not a person.
NOT_A_PERSON = frozenset(
    """where city country town village state place street show series film movie book
    publication newspaper magazine website channel network title song album""".split()  # noqa: SIM905
)


def looks_like_a_name(answer: str, prompt: str = "") -> bool:
    """Whether a text answer looks like a person's name ("Lior Raz").

    Two or three capitalised words, not starting with an article, for a prompt
    that does not ask where or for a place or a work ("Name the city",
    "Which show ...": "Tel Aviv" and "Judging Amy" are no one's names).
    """
    words = answer.split()
    return (
        2 <= len(words) <= 3
        and words[0] not in _NOT_NAMES
        and all(_NAME_WORD.match(w) for w in words)
        and not NOT_A_PERSON.intersection(normalise_words(prompt))
    )


_DETERMINERS = frozenset({"his", "her", "their", "its", "my", "your", "our"})


def is_role(key: str) -> bool:
    """Whether a key names a person by role: "his wife", "segev s wife" (a possessive first)."""
    words = key.split()
    return len(words) >= 2 and (words[0] in _DETERMINERS or (len(words) >= 3 and words[1] == "s"))


def shown_keys(q: Question) -> tuple[str, ...]:
    """The keys that give ``q`` away: :func:`answer_keys`, and a person's surname.

    "Prestwich said ..." gives away "Dawn Prestwich" even where the pack does
    not accept the surname alone (a choice question).  An accepted alias that
    names a person by role ("his wife") is no key: it says who, not which one.
    """
    keys = answer_keys(q)
    if q.accept:  # an accepted role ("his wife", "Segev's wife") names no one by itself
        first = key_of(str(q.answer)) if q.type != "number" else None
        keys = tuple(k for k in keys if k == first or not is_role(k))
    if q.type in ("choice", "text") and looks_like_a_name(str(q.answer), q.prompt):
        surname = key_of(str(q.answer).split()[-1])
        if surname and surname not in keys:
            keys = (*keys, surname)
    return keys


def profile(q: Question, pack: Pack | None = None, stop: frozenset[str] | None = None) -> Profile:
    """The profile of ``q``; with its ``pack``, its fact's quotes are shown too."""
    stop = pack_stop_words(pack) if stop is None else stop
    keys = shown_keys(q)
    prompt_stems = content_stems(q.prompt, stop)
    cues = tuple(prompt_stems - {stem(w) for w in key.split()} for key in keys)
    windows = [_window("prompt", 0, q.prompt)]
    for i, option in enumerate(q.choices):
        windows += [_window("option", i, s) for s in sentences(option)]
    if q.type != "truefalse":
        answer = number_text(q.answer) if q.type == "number" else str(q.answer)  # type: ignore[arg-type]
        asks = sentences(q.prompt)  # the answer, shown after the question it answers
        windows.append(_window("answer", 0, f"{asks[-1] if asks else ''} {answer}"))
    if q.explanation:
        windows += [_window("explanation", 0, s) for s in sentences(q.explanation)]
    fact = pack.fact(q.fact) if pack is not None else None
    if fact is not None:
        for i, quote in enumerate(fact.quotes):
            windows += [_window("quote", i, s) for s in sentences(quote.text)]
    return Profile(keys, cues, tuple(windows))


class Leak(NamedTuple):
    """Where a question's shown text gives another's answer away."""

    field: str  # the shown text: "prompt", "option", "answer", "explanation", "quote"
    at: int  # which option or quote
    key: str  # the answer key found
    cue: str | None  # the content word of the other's prompt beside it (None in a prompt)


def leak(shown: Profile, asked: Profile) -> Leak | None:
    """Whether something shown for one question gives away another's answer: THE rule.

    ``shown``'s prompt holds one of ``asked``'s answer keys as whole words; or
    one sentence shown with it (an option, its prompt and answer, its
    explanation, a quote of its fact) holds such a key *and* a cue: a content
    word of ``asked``'s prompt (not a stop word, not a word of the pack's title
    or of a source's publisher, not a word of the key), compared by stem.
    """
    for n, key in enumerate(asked.keys):
        needle = f" {key} "
        for window in shown.windows:
            if needle not in window.padded:
                continue
            if window.field == "prompt":
                return Leak("prompt", 0, key, None)
            cue = asked.cues[n] & window.stems
            if cue:
                return Leak(window.field, window.at, key, min(cue))
    return None


def given_away(prompt: Profile, answer: Profile) -> str | None:
    """The key of ``answer`` that ``prompt``'s shown text gives away, or None."""
    found = leak(prompt, answer)
    return None if found is None else found.key


def prompt_grams(words: list[str], longest: int) -> set[str]:
    """Every run of 1 to ``longest`` consecutive words of a prompt, as text."""
    grams: set[str] = set()
    for n in range(1, min(longest, len(words)) + 1):
        for i in range(len(words) - n + 1):
            grams.add(" ".join(words[i : i + n]))
    return grams
