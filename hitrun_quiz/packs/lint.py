"""``packs lint``: warnings about a valid pack that would make rounds unfair.

Pure: :func:`lint` takes a validated pack and, optionally, where its parts were
written (``schema.parse_pack(..., positions={})``), and returns
:class:`LintWarning` objects; :func:`lint_ref` reads a pack file or id first.
Nothing here prints.  Every rule works in about linear time, so a pack of
10,000 questions lints in seconds.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, NamedTuple

from hitrun_quiz.packs.giveaways import (
    STOP_WORDS,
    Leak,
    Profile,
    answer_keys,
    canonical_words,
    key_of,
    leak,
    looks_like_a_name,
    pack_stop_words,
    profile,
    prompt_grams,
)
from hitrun_quiz.packs.model import Pack, Positions, Question

RULES: dict[str, str] = {
    "giveaway": "an answer given away by what another question shows "
    "(prompt, option, answer, explanation, quote)",
    "own-giveaway": "an answer given away by its own prompt",
    "truefalse-balance": "a share of true statements outside 30-70% in the pack, a category "
    "or a difficulty",
    "same-option": "options or wrong answers that name the same thing as another or the answer",
    "near-duplicate": "duplicate and near-duplicate prompts",
    "same-meaning": "two questions asking for the same answer from the same fact",
    "test-taking": "a choice question answerable without knowing: the answer the only option "
    "of its kind, or far the longest",
    "surname-alias": "a person's name as a text answer without its surname accepted",
    "answer-in-metadata": "an answer that the pack's title, description or author shows",
}
TRUE_SHARE = (0.30, 0.70)
MIN_TRUEFALSE = 5  # below this, a share of true statements means little
LONGEST = 1.5  # an answer this many times as long as every wrong option is "far the longest"
LONGEST_BY = 8  # ... and at least this many characters longer
SIMILAR = 0.9  # difflib ratio of normalised prompts from which two are near-duplicates
MAX_PER_BUCKET = 50  # comparisons per prompt within one bucket of the near-duplicate index


class LintWarning(NamedTuple):
    """One warning, at the place in the file it is about."""

    file: str
    line: int
    col: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: warning: {self.message} [{self.rule}]"

    def to_json(self) -> dict[str, Any]:
        return self._asdict()


class _Linter:
    def __init__(self, pack: Pack, positions: Positions | None, file: str) -> None:
        self.pack = pack
        self.positions = positions or {}
        self.file = file
        self.out: list[LintWarning] = []
        self.by_id = {q.id: q for q in pack.questions}

    def at(self, *key: Any) -> tuple[int, int]:
        """Where ``key`` was written; failing that its question, else the file."""
        for k in (key, key[:3], key[:2]):
            if k in self.positions:
                return self.positions[k]
        return (0, 0)

    def line_of(self, qid: str) -> int:
        return self.at("question", qid)[0]

    def warn(self, where: tuple[int, int], rule: str, message: str) -> None:
        self.out.append(LintWarning(self.file, where[0], where[1], rule, message))


def lint(pack: Pack, positions: Positions | None = None, *, file: str = "") -> list[LintWarning]:
    """Every warning about ``pack``, in file order."""
    t = _Linter(pack, positions, file or pack.path)
    _giveaways(t)
    _truefalse_balance(t)
    _same_options(t)
    _near_duplicates(t)
    _same_meaning(t)
    _test_taking(t)
    _surname_aliases(t)
    _answer_in_metadata(t)
    return sorted(t.out, key=lambda w: (w.line, w.col, w.rule, w.message))


# --------------------------------------------------------------------------- rules


def _kept_apart(a: Question, b: Question) -> bool:
    """The draw never puts these two in one round: same fact, or ``related``."""
    return (a.fact is not None and a.fact == b.fact) or b.id in a.related


_FIELDS = {
    "prompt": "the prompt",
    "option": "an option",
    "answer": "the answer",
    "explanation": "the explanation",
    "quote": "a quote",
}


def _leak_place(t: _Linter, q: Question, found: Leak) -> tuple[tuple[int, int], str]:
    """Where a leak is written in the file, and how to name it."""
    if found.field == "option":
        option = q.choices[found.at]
        return t.at("question", q.id, "choices", found.at), f"the option '{option}'"
    if found.field == "quote" and q.fact is not None:
        where = t.at("fact", q.fact, "quote", found.at)
        return where, f"quote {found.at + 1} of fact '{q.fact}', shown with '{q.id}',"
    return t.at("question", q.id, found.field), _FIELDS[found.field]


def _giveaways(t: _Linter) -> None:
    """What one question shows holding another's answer (:func:`giveaways.leak`).

    Candidates are found through two indexes, so that a common answer ("Yes")
    costs no more than the leaks it makes: a key alone (a prompt gives it away
    anywhere) and a key with each of its cues (any other sentence needs both).
    Each pair found is then judged by :func:`giveaways.leak` itself.
    """
    stop = pack_stop_words(t.pack)
    profiles: dict[str, Profile] = {q.id: profile(q, t.pack, stop) for q in t.pack.questions}
    by_key: dict[str, list[Question]] = defaultdict(list)
    by_cue: dict[tuple[str, str], list[Question]] = defaultdict(list)
    for q in t.pack.questions:
        mine = profiles[q.id]
        for key, cues in zip(mine.keys, mine.cues, strict=True):
            by_key[key].append(q)
            for cue in cues:
                by_cue[key, cue].append(q)
    if not by_key:
        return
    longest = max(len(k.split()) for k in by_key)
    reported: set[tuple[str, int, str]] = set()
    for p in t.pack.questions:
        mine = profiles[p.id]
        own = next((k for k in answer_keys(p) if f" {k} " in mine.padded), None)
        if own is not None:
            t.warn(
                t.at("question", p.id, "prompt"),
                "own-giveaway",
                f"the prompt of '{p.id}' contains its own answer ('{own}')",
            )
        candidates: dict[str, Question] = {}
        for window in mine.windows:
            for gram in sorted(prompt_grams(window.padded.split(), longest)):
                if gram not in by_key:
                    continue
                if window.field == "prompt":
                    found_in: list[list[Question]] = [by_key[gram]]
                else:
                    found_in = [by_cue[gram, s] for s in window.stems if (gram, s) in by_cue]
                for questions in found_in:
                    for q in questions:
                        candidates.setdefault(q.id, q)
        for q in candidates.values():
            if q.id == p.id or _kept_apart(p, q):
                continue
            found = leak(mine, profiles[q.id])
            if found is None:
                continue
            if found.field == "quote":  # shown for every question of its fact: said once
                said = (p.fact or "", found.at, q.id)
                if said in reported:
                    continue
                reported.add(said)
            where, what = _leak_place(t, p, found)
            beside = f" beside '{found.cue}'" if found.cue else ""
            t.warn(
                where,
                "giveaway",
                f"{what if found.field == 'quote' else f'{what} of {p.id!r}'} gives away the "
                f"answer of '{q.id}' ('{found.key}'{beside}, line {t.line_of(q.id)}); reword one, "
                "or let them cite the same fact or list each other in 'related' so that no round "
                "holds both",
            )


def _truefalse_balance(t: _Linter) -> None:
    """The share of true statements in the pack, each category and each difficulty."""
    tf = [q for q in t.pack.questions if q.type == "truefalse"]
    groups: dict[str, list[Question]] = {"the pack": tf}
    for q in tf:
        groups.setdefault(f"category '{q.category}'", []).append(q)
    for q in tf:
        groups.setdefault(f"difficulty '{q.difficulty}'", []).append(q)
    low, high = TRUE_SHARE
    seen: set[frozenset[str]] = set()  # a category holding every statement: said once
    for name, group in groups.items():
        members = frozenset(q.id for q in group)
        if len(group) < MIN_TRUEFALSE or members in seen:
            continue
        seen.add(members)
        true = sum(q.answer is True for q in group)
        share = true / len(group)
        if low <= share <= high:
            continue
        where = t.at("pack", "questions") if name == "the pack" else t.at("question", group[0].id)
        t.warn(
            where,
            "truefalse-balance",
            f"{true} of {len(group)} true/false statements in {name} are true ({share:.0%}); "
            f"keep the share between {low:.0%} and {high:.0%} so that always answering "
            f"'{'true' if share > high else 'false'}' does not pay",
        )


class _Aliases:
    """Names that text questions accept as one answer, grouped (union-find)."""

    def __init__(self, questions: tuple[Question, ...]) -> None:
        self.parent: dict[str, str] = {}
        self.where: dict[str, set[str]] = defaultdict(set)  # a key -> text questions taking it
        for q in questions:
            if q.type == "text" and q.accept:
                keys = list(answer_keys(q))
                for k in keys:
                    self.where[k].add(q.id)
                for k in keys[1:]:
                    self.union(keys[0], k)

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def same(self, a: str, b: str) -> str | None:
        """Why ``a`` and ``b`` name one thing, or None."""
        if a == b:
            return "the same once normalised"
        if a in self.where and b in self.where and self.find(a) == self.find(b):
            both = sorted(self.where[a] & self.where[b])
            if both:
                return f"'{both[0]}' accepts both as one answer"
            return "linked through the accepted answers of text questions"
        return None


def _same_options(t: _Linter) -> None:
    aliases = _Aliases(t.pack.questions)
    for q in t.pack.questions:
        if q.type == "choice":
            keys = [key_of(o) for o in q.choices]
            for j in range(1, len(keys)):
                for i in range(j):
                    why = aliases.same(keys[i], keys[j])
                    if why is None:
                        continue
                    a, b = q.choices[i], q.choices[j]
                    what = (
                        f"the wrong option '{b}' and the answer '{a}'"
                        if a == q.answer
                        else f"the answer '{b}' and the wrong option '{a}'"
                        if b == q.answer
                        else f"the wrong options '{a}' and '{b}'"
                    )
                    t.warn(
                        t.at("question", q.id, "choices", j),
                        "same-option",
                        f"{what} of '{q.id}' name the same thing ({why})",
                    )
                    break
        elif q.type == "text":
            # Only the question's own answers: a name right for one question (Danielle
            # for "who kept the diary?") may be wrong for another ("her other name?").
            right = dict.fromkeys(answer_keys(q))
            for i, w in enumerate(q.wrong):
                if key_of(w) in right:
                    t.warn(
                        t.at("question", q.id, "wrong", i),
                        "same-option",
                        f"'{w}' is listed as wrong for '{q.id}' but is the same as an "
                        "accepted answer once normalised",
                    )


def _near_duplicates(t: _Linter) -> None:
    """Same or nearly the same prompt, by normalised similarity.

    Exact duplicates are found by their normalised text.  Near ones are found
    through their word sets: each prompt is filed under its sorted set of
    words and under that set less each one word, so two prompts that differ by
    a word or two share a bucket; only prompts of one bucket are compared.
    """
    texts = [" ".join(canonical_words(q.prompt)) for q in t.pack.questions]
    first: dict[str, int] = {}
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    reported: set[int] = set()
    for n, text in enumerate(texts):
        q = t.pack.questions[n]
        if text in first:
            other = t.pack.questions[first[text]]
            t.warn(
                t.at("question", q.id, "prompt"),
                "near-duplicate",
                f"the prompt of '{q.id}' is the same as that of '{other.id}' "
                f"(line {t.line_of(other.id)})",
            )
            reported.add(n)
            continue
        first[text] = n
        for key in _word_set_keys(text):
            buckets[key].append(n)
    for n, text in enumerate(texts):
        if n in reported:
            continue
        q = t.pack.questions[n]
        match = _earlier_near_duplicate(n, text, texts, buckets)
        if match is not None:
            m, ratio = match
            other = t.pack.questions[m]
            t.warn(
                t.at("question", q.id, "prompt"),
                "near-duplicate",
                f"the prompt of '{q.id}' is nearly the same as that of '{other.id}' "
                f"(line {t.line_of(other.id)}; {ratio:.0%} alike)",
            )


def _word_set_keys(text: str) -> Iterator[tuple[str, ...]]:
    words = tuple(sorted(set(text.split())))
    yield words
    if len(words) > 2:
        for i in range(len(words)):
            yield words[:i] + words[i + 1 :]


def _earlier_near_duplicate(
    n: int, text: str, texts: list[str], buckets: dict[tuple[str, ...], list[int]]
) -> tuple[int, float] | None:
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    tried: set[int] = set()
    for key in _word_set_keys(text):
        for m in buckets.get(key, ())[:MAX_PER_BUCKET]:
            if m >= n or m in tried:
                continue
            tried.add(m)
            matcher.set_seq1(texts[m])
            if (
                matcher.real_quick_ratio() >= SIMILAR
                and matcher.quick_ratio() >= SIMILAR
                and (ratio := matcher.ratio()) >= SIMILAR
            ):
                return m, ratio
    return None


def _same_meaning(t: _Linter) -> None:
    """Two questions of one fact with the same answer ask the same thing."""
    first: dict[tuple[str, str], Question] = {}
    for q in t.pack.questions:
        if q.fact is None or q.type == "truefalse":
            continue
        keys = answer_keys(q)
        if not keys:
            continue
        other = first.setdefault((q.fact, keys[0]), q)
        if other is not q:
            t.warn(
                t.at("question", q.id, "answer"),
                "same-meaning",
                f"'{q.id}' asks for the same answer ('{q.answer}') from the same fact "
                f"'{q.fact}' as '{other.id}' (line {t.line_of(other.id)}): the same question "
                "twice; ask for another part of the fact, or drop one",
            )


def _kind(option: str) -> tuple[bool, str, bool, bool]:
    """What an option looks like: digits, a leading function word, a name, one word."""
    words = option.split()
    first = words[0].casefold() if words else ""
    first = "a" if first == "an" else first
    return (
        any(c.isdigit() for c in option),
        first if first in STOP_WORDS else "",
        looks_like_a_name(option),
        len(words) == 1,
    )


def _test_taking(t: _Linter) -> None:
    """A choice question whose answer stands out from its wrong options by its form alone."""
    for q in t.pack.questions:
        if q.type != "choice":
            continue
        answer = str(q.answer)
        wrong = [c for c in q.choices if c != answer]
        if len(wrong) < 2:
            continue
        kinds = {_kind(w) for w in wrong}
        longest = max(len(w) for w in wrong)
        why = None
        if len(kinds) == 1 and _kind(answer) not in kinds:
            why = "the only option of its kind (the wrong ones all look alike)"
        elif len(answer) >= LONGEST * longest and len(answer) - longest >= LONGEST_BY:
            why = f"far the longest option ({len(answer)} characters, the others at most {longest})"
        if why:
            t.warn(
                t.at("question", q.id, "answer"),
                "test-taking",
                f"the answer '{answer}' of '{q.id}' is {why}: a player can pick it without "
                "knowing; give wrong options of the same form",
            )


def _surname_aliases(t: _Linter) -> None:
    for q in t.pack.questions:
        if q.type != "text" or not looks_like_a_name(str(q.answer), q.prompt):
            continue
        surname = str(q.answer).split()[-1]
        if key_of(surname) not in {key_of(a) for a in q.accept}:
            t.warn(
                t.at("question", q.id, "answer"),
                "surname-alias",
                f"the answer '{q.answer}' of '{q.id}' looks like a name: accept the surname "
                f'too (accept: ["{surname}"])',
            )


def _answer_in_metadata(t: _Linter) -> None:
    shown = {
        key: f" {' '.join(canonical_words(getattr(t.pack, key)))} "
        for key in ("title", "description", "author")
        if getattr(t.pack, key)
    }
    for q in t.pack.questions:
        for key in answer_keys(q):
            where = next((name for name, text in shown.items() if f" {key} " in text), None)
            if where is not None:
                t.warn(
                    t.at("question", q.id, "answer"),
                    "answer-in-metadata",
                    f"the answer of '{q.id}' ('{key}') appears in the pack's {where}, "
                    "which players see",
                )
                break


# --------------------------------------------------------------------------- reading


def lint_ref(ref: str) -> list[LintWarning]:
    """Lint a pack file or id; an invalid pack raises PackError."""
    from hitrun_quiz.packs.loader import read_with_positions

    pack, positions, path = read_with_positions(ref)
    return lint(pack, positions, file=path)
