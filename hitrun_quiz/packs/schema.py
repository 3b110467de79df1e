"""Validate pack text on its composed YAML nodes.

Validation works on the nodes rather than on constructed Python objects, so
that:

* every problem carries the line and column it was found at;
* every problem in a file is reported in one pass;
* YAML 1.1 surprises cannot slip through: a text field keeps the scalar's
  literal text (``yes`` stays "yes", ``010`` stays "010"), and a number field
  refuses ``010`` (octal in YAML 1.1) and ``1:30`` (base 60);
* duplicate keys, which PyYAML silently overwrites, are caught;
* anchors and aliases are refused before anything is composed, so an alias
  bomb never gets expanded.

This is the only module that imports PyYAML; ``packs.py`` imports it only when
a pack has to be parsed (not when it comes from the cache).
"""

from __future__ import annotations

import difflib
from typing import Any

import yaml

from hitrun_quiz.errors import PackError, Problem
from hitrun_quiz.normalise import answer_key
from hitrun_quiz.packs.model import (
    DIFFICULTIES,
    QUESTION_TYPES,
    Fact,
    Origin,
    Pack,
    Positions,
    Question,
)
from hitrun_quiz.packs.nodes import NodeChecker, Required
from hitrun_quiz.packs.sources import read_facts, read_sources
from hitrun_quiz.packs.yamldoc import compose_recovering, position

MAX_QUESTIONS = 100_000
# --------------------------------------------------------------------------- schema

PACK_KEYS = (
    "id",
    "title",
    "description",
    "author",
    "version",
    "license",
    "sources",
    "facts",
    "questions",
)
QUESTION_KEYS = (
    "id",
    "fact",
    "category",
    "difficulty",
    "type",
    "prompt",
    "answer",
    "explanation",
    "choices",
    "wrong",
    "accept",
    "tolerance",
    "related",
)
# Keys that only some question types take.
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "choice": ("choices", "wrong"),
    "truefalse": (),
    "text": ("accept", "wrong"),
    "number": ("tolerance",),
}
MIN_CHOICES, MAX_CHOICES = 3, 5


def _fold(text: str) -> str:
    """What the answer matcher compares: two texts with one key cannot be told apart."""
    return answer_key(text)


def _validate(
    root: yaml.Node,
    path: str,
    origin: Origin,
    reader: _Questions,
    early: list[Problem] | None = None,
) -> Pack:
    c = reader.c
    c.problems.extend(early or ())
    top = c.mapping(root, "the pack", PACK_KEYS)
    if top is None:
        raise PackError(c.problems)
    if c.positions is not None:
        for key_node, _value in root.value:
            c.mark(("pack", key_node.value), key_node)
    builtin = origin == "builtin"
    need = ("id", "title", "questions") + (
        ("description", "author", "version", "sources", "facts") if builtin else ()
    )
    Required(c, root, "the pack")(top, *need)

    def opt_text(key: str) -> str | None:
        return c.text(top[key], f"'{key}'") if key in top else None

    pack_id = c.ident(top["id"], "the pack id", slug=True) if "id" in top else None
    # Read (and checked) before the problems are counted: a bad title is reported, not blanked.
    meta = {key: opt_text(key) for key in ("title", "description", "author", "version", "license")}

    sources = read_sources(c, top.get("sources"))
    facts = read_facts(c, top.get("facts"), sources)
    questions = reader.finish(top.get("questions"), facts)
    questions = _related(c, questions, reader.refs, reader.declared)

    if c.problems:
        raise PackError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return Pack(
        id=pack_id or "",
        title=meta["title"] or "",
        description=meta["description"] or "",
        author=meta["author"] or "",
        version=meta["version"] or "",
        license=meta["license"],
        sources=tuple(sources.values()),
        facts=tuple(facts.values()),
        questions=tuple(questions),
        origin=origin,
        path=path,
    )


class _Questions:
    """A pack's questions, validated one by one as the YAML front door reads them.

    Called with each item of the pack's ``questions`` list (see
    ``yamldoc.compose``); what needs the whole pack (the facts cited, the
    ``related`` ids) is recorded and checked by :meth:`finish`.
    """

    def __init__(self, c: NodeChecker, *, require_fact: bool) -> None:
        self.c = c
        self.require_fact = require_fact
        self.out: list[Question] = []
        self.count = 0
        self.seen: dict[str, yaml.Node] = {}  # question id -> its node, for duplicates
        self.declared: set[str] = set()  # every id written, valid question or not
        self.refs: list[tuple[yaml.Node, str]] = []  # 'related' entries
        self.cites: list[tuple[yaml.Node, str, str]] = []  # fact node, fact id, question

    def __call__(self, item: yaml.Node) -> None:
        self.count += 1
        if self.count > MAX_QUESTIONS:
            return
        c = self.c
        q = _question(c, item, self.cites, self.refs, require_fact=self.require_fact)
        id_node = _peek(item, "id")
        if not isinstance(id_node, yaml.ScalarNode):
            if q is not None:
                self.out.append(q)
            return
        # Compared as the validator reads them: "q1 " is the id "q1".
        qid: str = id_node.value.strip()
        self.declared.add(qid)
        if qid in self.seen:
            first = position(self.seen[qid])[0]
            c.report(id_node, f"duplicate question id '{qid}' (first used on line {first})")
            return
        self.seen[qid] = id_node
        if q is not None:
            self.out.append(q)

    def finish(self, node: yaml.Node | None, facts: dict[str, Fact]) -> list[Question]:
        """The valid questions, once the pack's ``questions`` node and its facts are known."""
        c = self.c
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            c.sequence(node, "'questions'")  # reports what it is instead
            return []
        if not self.count:
            c.report(node, "'questions' is empty; a pack needs at least one question")
        if self.count > MAX_QUESTIONS:
            c.report(node, f"{self.count:,} questions; a pack may hold at most {MAX_QUESTIONS:,}")
            return []
        unknown = set()
        for fact_node, fact_id, where in self.cites:
            if fact_id not in facts:
                c.report(
                    fact_node, f"{where} cites fact '{fact_id}', which the pack does not define"
                )
                unknown.add(fact_id)
        return [q for q in self.out if q.fact not in unknown] if unknown else self.out


def _peek(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value of ``key`` in a mapping node, without checking anything."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                found: yaml.Node = v
                return found
    return None


def _question(
    c: NodeChecker,
    item: yaml.Node,
    cites: list[tuple[yaml.Node, str, str]],
    refs: list[tuple[yaml.Node, str]],
    *,
    require_fact: bool,
) -> Question | None:
    id_node = _peek(item, "id")
    named = id_node.value if isinstance(id_node, yaml.ScalarNode) and id_node.value else None
    before = len(c.problems)
    f = c.mapping(item, f"question {named}" if named else "a question", QUESTION_KEYS)
    if f is None:
        return None
    required = ("id", "category", "difficulty", "type", "prompt", "answer")
    what = f"question '{named}'" if named else "a question"
    Required(c, item, what)(f, *required, *(("fact",) if require_fact else ()))

    qid = c.ident(f["id"], "the question id") if "id" in f else None
    where = f"question '{qid}'" if qid else "the question"
    category = c.text(f["category"], f"the category of {where}") if "category" in f else None
    prompt = c.text(f["prompt"], f"the prompt of {where}") if "prompt" in f else None
    explanation = (
        c.text(f["explanation"], f"the explanation of {where}") if "explanation" in f else None
    )
    difficulty = _choose(c, f.get("difficulty"), DIFFICULTIES, f"the difficulty of {where}")
    qtype = _choose(c, f.get("type"), QUESTION_TYPES, f"the type of {where}")

    related = _related_ids(c, f["related"], where, refs) if "related" in f else ()
    fact_id = c.ident(f["fact"], f"the fact of {where}") if "fact" in f else None
    if fact_id is not None:  # checked once the facts are read (they may come later)
        cites.append((f["fact"], fact_id, where))

    extra: dict[str, Any] = {}
    if qtype is not None:
        for key in ("choices", "wrong", "accept", "tolerance"):
            if key in f and key not in TYPE_KEYS[qtype]:
                takes = [t for t, keys in TYPE_KEYS.items() if key in keys]
                c.report(
                    f[key], f"'{key}' applies only to {' and '.join(takes)} questions, not {qtype}"
                )
        if "answer" in f:
            extra = _answer(c, qtype, f, where)

    if len(c.problems) > before or qid is None:
        return None
    assert category and prompt and difficulty and qtype and "answer" in extra
    if c.positions is not None:
        _mark_question(c, item, qid, f)
    return Question(
        id=qid,
        type=qtype,  # type: ignore[arg-type]
        category=category,
        difficulty=difficulty,  # type: ignore[arg-type]
        prompt=prompt,
        fact=fact_id,
        explanation=explanation,
        related=related,
        **extra,
    )


def _mark_question(c: NodeChecker, item: yaml.Node, qid: str, f: dict[str, yaml.Node]) -> None:
    """Record where a question and its fields are (for ``packs lint``)."""
    c.mark(("question", qid), item)
    for key, node in f.items():
        c.mark(("question", qid, key), node)
        if isinstance(node, yaml.SequenceNode):
            for i, entry in enumerate(node.value):
                c.mark(("question", qid, key, i), entry)
    if "wrong" in f and "choices" not in f and "answer" in f:
        # A choice question written with 'wrong': its options are the answer, then the wrong.
        c.mark(("question", qid, "choices", 0), f["answer"])
        if isinstance(f["wrong"], yaml.SequenceNode):
            for i, entry in enumerate(f["wrong"].value, 1):
                c.mark(("question", qid, "choices", i), entry)


def _related_ids(
    c: NodeChecker, node: yaml.Node, where: str, refs: list[tuple[yaml.Node, str]]
) -> tuple[str, ...]:
    """``related``: one question id or a list of them (checked once all are read)."""
    nodes = list(node.value) if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for entry in nodes:
        rid = c.ident(entry, f"an entry of 'related' of {where}")
        if rid is not None:
            out.append(rid)
            refs.append((entry, rid))
    return tuple(dict.fromkeys(out))


def _related(
    c: NodeChecker,
    questions: list[Question],
    refs: list[tuple[yaml.Node, str]],
    declared: set[str],
) -> list[Question]:
    """Check that every ``related`` id exists, and make the relation symmetric.

    An id counts as defined when it is written, even on a question with a
    problem of its own: that problem is reported once, at that question.
    """
    ids = {q.id for q in questions} | declared
    for entry, rid in refs:
        if rid not in ids:
            c.report(entry, f"'related' names question '{rid}', which the pack does not define")
    links: dict[str, dict[str, None]] = {}
    for q in questions:
        for rid in q.related:
            if rid == q.id:
                continue  # harmless: a question is never drawn twice anyway
            links.setdefault(q.id, {})[rid] = None
            links.setdefault(rid, {})[q.id] = None
    if not links:
        return questions
    # In the pack's order, so a written pack reads back the same (export round trips).
    order = {q.id: i for i, q in enumerate(questions)}

    def in_order(q: Question) -> Question:
        related = sorted(links[q.id], key=lambda rid: order.get(rid, len(order)))
        return q._replace(related=tuple(related))

    return [in_order(q) if q.id in links else q for q in questions]


def _choose(
    c: NodeChecker, node: yaml.Node | None, options: tuple[str, ...], what: str
) -> str | None:
    if node is None:
        return None
    value = c.text(node, what)
    if value is None:
        return None
    if value not in options:
        close = difflib.get_close_matches(value.lower(), options, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        c.report(node, f"{what} must be one of {', '.join(options)}, not '{value}'{hint}")
        return None
    return value


def _answer(c: NodeChecker, qtype: str, f: dict[str, yaml.Node], where: str) -> dict[str, Any]:
    """The answer and type-specific fields of one question."""
    node = f["answer"]
    what = f"the answer of {where}"
    if qtype == "truefalse":
        value = c.boolean(node, what)
        return {} if value is None else {"answer": value}
    if qtype == "number":
        number = c.number(node, what)
        tolerance: int | float = 0
        if "tolerance" in f:
            tol = c.number(f["tolerance"], f"the tolerance of {where}")
            if tol is not None and tol < 0:
                c.report(f["tolerance"], f"the tolerance of {where} must not be negative")
            tolerance = tol if tol is not None and tol >= 0 else 0
        return {} if number is None else {"answer": number, "tolerance": float(tolerance)}

    answer = c.text(node, what)
    # A choice question's options must be a list: ``wrong: "June"`` is a slip, not 2 options.
    single = qtype == "text"
    wrong = c.text_list(f["wrong"], f"'wrong' of {where}", single=single) if "wrong" in f else []
    if qtype == "text":
        accept = c.text_list(f["accept"], f"'accept' of {where}") if "accept" in f else []
        if answer is None:
            return {}
        _no_duplicates(c, [(node, answer), *accept], "accepted answer", where)
        right = {_fold(a): a for a in reversed([answer, *(a for _, a in accept)])}
        for wnode, w in wrong:
            if _fold(w) in right:
                c.report(
                    wnode,
                    f"'{w}' is listed as wrong but is an accepted answer of {where} "
                    f"(the answer matcher cannot tell it from '{right[_fold(w)]}')",
                )
        return {
            "answer": answer,
            "accept": tuple(a for _, a in accept),
            "wrong": tuple(w for _, w in wrong),
        }

    # choice
    if isinstance(f.get("choices"), yaml.ScalarNode):
        c.text_list(f["choices"], f"'choices' of {where}", single=False)  # reports it
    if any(isinstance(f.get(k), yaml.ScalarNode) for k in ("choices", "wrong")):
        return {}  # reported above: one text where the options belong
    if "choices" in f and "wrong" in f:
        c.report(f["wrong"], f"{where}: give either 'choices' or 'wrong', not both")
        return {}
    if "choices" in f:
        given = c.text_list(f["choices"], f"'choices' of {where}")
        seq_node = f["choices"]
        options = given
    elif "wrong" in f:
        seq_node = f["wrong"]
        options = ([(node, answer)] if answer is not None else []) + wrong
    else:
        c.report(node, f"{where} is a choice question: add 'wrong' (2 to 4 distractors)")
        return {}
    if answer is None:
        return {}
    distinct = _no_duplicates(c, options, "choice", where)
    if distinct and "choices" in f and _fold(answer) not in {_fold(o) for _, o in options}:
        c.report(node, f"the answer '{answer}' of {where} is not among its choices")
    if "wrong" in f and _fold(answer) in {_fold(w) for _, w in wrong}:
        return {}  # reported as a duplicate choice above
    count = len(options)
    if isinstance(seq_node, yaml.SequenceNode) and not MIN_CHOICES <= count <= MAX_CHOICES:
        c.report(
            seq_node,
            f"{where} has {count} options in all; a choice question needs "
            f"{MIN_CHOICES} to {MAX_CHOICES} (the answer and 2 to 4 wrong ones)",
        )
    choices = tuple(answer if _fold(o) == _fold(answer) else o for _, o in options)
    return {
        "answer": answer,
        "choices": choices,
        "wrong": tuple(o for o in choices if o != answer),
    }


def _no_duplicates(
    c: NodeChecker, values: list[tuple[yaml.Node, str]], what: str, where: str
) -> bool:
    seen: dict[str, str] = {}
    ok = True
    for node, value in values:
        key = _fold(value)
        if key in seen:
            first = seen[key]
            same = "" if first == value else f" (the answer matcher cannot tell it from '{first}')"
            c.report(node, f"duplicate {what} '{value}' in {where}{same}")
            ok = False
        else:
            seen[key] = value
    return ok


def parse_pack(
    text: str,
    *,
    path: str = "<string>",
    origin: Origin = "file",
    positions: Positions | None = None,
) -> Pack:
    """Validate pack text; raises PackError listing every problem.

    Given a ``positions`` dict, fills it with where each part of the pack was
    written (see :data:`~hitrun_quiz.packs.model.Positions`).
    """
    readers: list[_Questions] = []

    def new_reader() -> _Questions:  # one per attempt at reading the file
        if positions is not None:
            positions.clear()
        readers.append(_Questions(NodeChecker(path, positions), require_fact=origin == "builtin"))
        return readers[-1]

    root, early = compose_recovering(path, text, "questions", new_reader)
    return _validate(root, path, origin, readers[-1], early)
