"""Fair rounds: which questions may not share a round, and picking a round.

Two questions are kept apart when

* anything shown for one gives away the other's answer or an accepted alias
  (:func:`~hitrun_quiz.packs.giveaways.leak`, the rule ``packs lint`` and
  docs/packs.md share: its prompt holds the answer, or one sentence of its
  options, its answer, its explanation or its fact's quotes holds the answer
  beside a content word of the other's prompt);
* they cite the same fact;
* one lists the other as ``related`` (the validator makes it symmetric).

:func:`pick` walks a shuffled pool once and tests each candidate only against
the questions already picked (at most ``count`` of them), so a round costs a
pass over the pool, not over its pairs.  What it needs of a question (the
answer's keys, the prompt's words) is computed once per pack and question,
on first use.  It uses no randomness of its own: the same pool order gives
the same round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby

from hitrun_quiz.packs.giveaways import Leak, Profile, leak, pack_stop_words, profile
from hitrun_quiz.packs.model import Pack, Question

Entry = tuple[Pack, Question]

# Profiles per pack, computed on first use:
# id(pack) -> (pack, the pack's stop words, {question id: profile}).
# The pack is kept in the value so that its id cannot be reused while cached.
_PROFILES: dict[int, tuple[Pack, frozenset[str], dict[str, Profile]]] = {}


def profile_of(pack: Pack, q: Question) -> Profile:
    """The giveaway profile of ``q``, computed once per pack."""
    cached = _PROFILES.get(id(pack))
    if cached is None or cached[0] is not pack:
        cached = _PROFILES[id(pack)] = (pack, pack_stop_words(pack), {})
    table = cached[2]
    found = table.get(q.id)
    if found is None:
        found = table[q.id] = profile(q, pack, cached[1])
    return found


def leak_between(a: Entry, b: Entry) -> Leak | None:
    """How ``a``'s shown text gives away ``b``'s answer, or None (packs may differ)."""
    return leak(profile_of(*a), profile_of(*b))


def gives_away(a: Entry, b: Entry) -> bool:
    """Whether either question's shown text gives away the other's answer."""
    return leak_between(a, b) is not None or leak_between(b, a) is not None


class RoundGuard:
    """The questions picked so far, and what they rule out."""

    def __init__(self) -> None:
        self.picked: list[Entry] = []
        self._profiles: list[Profile] = []  # of the picked questions
        self._facts: set[tuple[str, str]] = set()
        self._related: set[tuple[str, str]] = set()

    def __len__(self) -> int:
        return len(self.picked)

    def shares_claim(self, entry: Entry) -> bool:
        """Same fact as a picked question, or ``related`` to one."""
        pack, q = entry
        return (q.fact is not None and (pack.id, q.fact) in self._facts) or (
            (pack.id, q.id) in self._related
        )

    def gives_away(self, entry: Entry) -> bool:
        """Gives away, or is given away by, a picked question."""
        mine = profile_of(*entry)
        return any(
            leak(mine, other) is not None or leak(other, mine) is not None
            for other in self._profiles
        )

    def allows(self, entry: Entry) -> bool:
        """Whether ``entry`` may join the round with every rule kept."""
        return not self.shares_claim(entry) and not self.gives_away(entry)

    def add(self, entry: Entry) -> None:
        pack, q = entry
        self.picked.append(entry)
        self._profiles.append(profile_of(pack, q))
        if q.fact is not None:
            self._facts.add((pack.id, q.fact))
        self._related.update((pack.id, rid) for rid in q.related)


def pick(
    pool: Iterable[Entry], count: int, tier: Callable[[Entry], int] | None = None
) -> list[Entry]:
    """The first ``count`` questions of ``pool`` (in its order) that may share a round.

    When the pool has too few such questions, the round is filled up in pool
    order, first with questions that only share a fact or a ``related`` link,
    and only then, as a last resort, with giveaways: a round always holds
    ``min(count, len(pool))`` questions, and every rule holds whenever the pool
    allows it.

    ``tier`` (fresh draws): questions of a lower tier come first (unseen before
    seen); the pool order only breaks ties. A tier is used up, including its
    questions that share a fact, before the next one is opened; giveaways still
    wait for the very end, so freshness never costs a fair round.
    """
    guard = RoundGuard()
    entries = list(pool)
    groups = (
        [entries]
        if tier is None
        else [list(g) for _, g in groupby(sorted(entries, key=tier), key=tier)]
    )
    last: list[Entry] = []
    for group in groups:
        deferred: list[Entry] = []
        for entry in group:
            if len(guard) == count:
                return guard.picked
            if guard.allows(entry):
                guard.add(entry)
            else:
                deferred.append(entry)
        for entry in deferred:
            if len(guard) == count:
                break
            if guard.gives_away(entry):
                last.append(entry)
            else:
                guard.add(entry)
    picked = guard.picked
    picked.extend(last[: count - len(picked)])
    return picked
