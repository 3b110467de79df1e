"""Reading a pack's ``sources`` and ``facts`` from their YAML nodes.

A fact is backed by one quote (``source`` + ``quote``) or several
(``quotes:``, a list of ``source`` + ``quote``): exactly one of the two forms.
"""

from __future__ import annotations

import yaml

from hitrun_quiz.packs.model import Fact, Quote, Source
from hitrun_quiz.packs.nodes import NodeChecker, Required, unique

MAX_QUOTE = 300
SOURCE_KEYS = ("id", "title", "publisher", "date", "url", "document")
FACT_KEYS = ("id", "statement", "source", "quote", "quotes")
QUOTE_KEYS = ("source", "quote")


def read_sources(c: NodeChecker, node: yaml.Node | None) -> dict[str, Source]:
    out: dict[str, Source] = {}
    if node is None:
        return out
    for item in c.sequence(node, "'sources'"):
        f = c.mapping(item, "a source", SOURCE_KEYS)
        if f is None or not Required(c, item, "a source")(f, "id", "title", "publisher", "date"):
            continue
        sid = c.ident(f["id"], "the source id")
        values = {k: c.text(f[k], f"the source's '{k}'") for k in ("title", "publisher", "date")}
        url = c.text(f["url"], "the source's 'url'") if "url" in f else None
        document = _document(c, f["document"]) if "document" in f else None
        if sid is None or None in values.values() or not unique(c, out, f["id"], sid, "source id"):
            continue
        if "document" in f and document is None:
            continue
        c.mark(("source", sid), item)
        out[sid] = Source(id=sid, url=url, document=document, **values)  # type: ignore[arg-type]
    return out


def _document(c: NodeChecker, node: yaml.Node) -> str | None:
    """A source's ``document``: a file name relative to the sources directory."""
    value = c.text(node, "the source's 'document'")
    if value is None:
        return None
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ":" in value or ".." in parts:
        c.report(
            node,
            f"the source's 'document' '{value}' must be a file name inside the sources "
            "directory (no absolute path, drive or '..')",
        )
        return None
    return value


def read_facts(
    c: NodeChecker, node: yaml.Node | None, sources: dict[str, Source]
) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    if node is None:
        return out
    for item in c.sequence(node, "'facts'"):
        f = c.mapping(item, "a fact", FACT_KEYS)
        if f is None or not Required(c, item, "a fact")(f, "id", "statement"):
            continue
        fid = c.ident(f["id"], "the fact id")
        statement = c.text(f["statement"], "the fact's statement")
        quotes = _fact_quotes(c, item, f, sources, fid)
        if fid is None or statement is None or not quotes:
            continue
        if unique(c, out, f["id"], fid, "fact id"):
            c.mark(("fact", fid), item)
            first, *rest = quotes
            out[fid] = Fact(fid, statement, first.source, first.text, tuple(rest))
    return out


def _fact_quotes(
    c: NodeChecker,
    item: yaml.Node,
    f: dict[str, yaml.Node],
    sources: dict[str, Source],
    fid: str | None,
) -> list[Quote]:
    """A fact's quotes: ``source`` + ``quote``, or a ``quotes`` list (exactly one form)."""
    single = [k for k in ("source", "quote") if k in f]
    if "quotes" in f and single:
        c.report(f[single[0]], "a fact takes either 'source' and 'quote' or 'quotes', not both")
        return []
    if "quotes" not in f:
        if not single:
            c.report(item, "a fact is missing 'quotes' (or 'source' and 'quote')")
            return []
        if not Required(c, item, "a fact")(f, "source", "quote"):
            return []
        pairs = [(f, item)]
    else:
        entries = c.sequence(f["quotes"], "the fact's 'quotes'")
        if isinstance(f["quotes"], yaml.SequenceNode) and not entries:
            c.report(f["quotes"], "the fact's 'quotes' is empty; give at least one quote")
        pairs = []
        for entry in entries:
            q = c.mapping(entry, "a quote", QUOTE_KEYS)
            if q is not None and Required(c, entry, "a quote")(q, "source", "quote"):
                pairs.append((q, entry))
    out: list[Quote] = []
    ok = True
    for q, _entry in pairs:
        text = c.text(q["quote"], "the fact's quote", max_len=MAX_QUOTE)
        source = c.ident(q["source"], "the fact's source")
        if source is not None and source not in sources:
            c.report(q["source"], f"the fact's source '{source}' is not among the pack's sources")
            source = None
        if text is None or source is None:
            ok = False
            continue
        if fid is not None:
            c.mark(("fact", fid, "quote", len(out)), q["quote"])
        out.append(Quote(source, text))
    return out if ok else []
