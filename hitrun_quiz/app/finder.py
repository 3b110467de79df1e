"""Finding the packs and questions a recorded round or a card names, by id.

Packs given on the command line (ids or files) are looked in first, then the
installed packs by id. A pack or question that has gone is None, never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hitrun_quiz.errors import QuizError
from hitrun_quiz.packs.loader import find_pack
from hitrun_quiz.packs.model import Pack, Question


@dataclass
class PackFinder:
    """Finds a recorded round's packs: those given (ids or files) first, then by id."""

    refs: Sequence[str] = ()
    given: list[Pack] = field(default_factory=list)
    _packs: dict[str, Pack | None] = field(default_factory=dict)
    _questions: dict[str, dict[str, Question]] = field(default_factory=dict)

    def __post_init__(self) -> None:

        self.given = [find_pack(ref) for ref in self.refs]
        for p in self.given:
            self._packs[p.id] = p

    def pack(self, pack_id: str) -> Pack | None:
        if pack_id not in self._packs:
            try:
                self._packs[pack_id] = find_pack(pack_id)
            except QuizError:
                self._packs[pack_id] = None
        return self._packs[pack_id]

    def question(self, pack_id: str, question_id: str) -> tuple[Pack, Question] | None:
        """The pack and question, or None if either has gone."""
        pack = self.pack(pack_id)
        if pack is None:
            return None
        if pack_id not in self._questions:
            self._questions[pack_id] = {q.id: q for q in pack.questions}
        q = self._questions[pack_id].get(question_id)
        return None if q is None else (pack, q)

    def used(self, items: Sequence[tuple[Any, ...]]) -> list[Pack]:
        """The packs of these items, in order of first use."""
        return list({id(i[0]): i[0] for i in items}.values())
