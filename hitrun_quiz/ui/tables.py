"""Tables for ``packs list``, ``packs show`` and ``scores``.

A Rich table on a terminal, plain aligned text otherwise.  Every cell is a
``rich.text.Text``, never markup, so a pack title or player name such as
``[bold red]x`` is shown literally.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from hitrun_quiz.store.records import ScoreRow


def _use_rich(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def console(out: TextIO | None = None) -> Any:
    """A Rich console on ``out`` (imported lazily); honours NO_COLOR and TERM=dumb."""
    from rich.console import Console

    return Console(file=out or sys.stdout, highlight=False, emoji=False)


def plain_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int] | None = None
) -> str:
    numeric = numeric or set()
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        out = [
            c.rjust(widths[i]) if i in numeric else c.ljust(widths[i]) for i, c in enumerate(cells)
        ]
        return "  ".join(out).rstrip()

    return "\n".join([line(headers), *(line(r) for r in rows)])


def rich_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    numeric: set[int] | None = None,
    highlight: int | None = None,
) -> Any:
    from rich.table import Table
    from rich.text import Text

    numeric = numeric or set()
    table = Table(title=title, title_justify="left", header_style="bold")
    for i, h in enumerate(headers):
        table.add_column(h, justify="right" if i in numeric else "left", overflow="fold")
    for n, row in enumerate(rows):
        style = "bold reverse" if n == highlight else None
        table.add_row(*(Text(c) for c in row), style=style)
    return table


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    numeric: set[int] | None = None,
    highlight: int | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    if not rows:
        print("(none)", file=out)
        return
    if _use_rich(out):
        console(out).print(
            rich_table(headers, rows, title=title, numeric=numeric, highlight=highlight)
        )
    else:
        print(plain_table(headers, rows, numeric), file=out)


def when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


SCORE_HEADERS = ["#", "Player", "Score", "Correct", "Packs", "When"]


def score_cells(rows: Sequence[ScoreRow]) -> list[list[str]]:
    return [
        [
            str(r.rank),
            r.player,
            str(r.score),
            f"{r.correct}/{r.total}",
            ", ".join(r.packs),
            when(r.finished_at),
        ]
        for r in rows
    ]


def print_scores(rows: Sequence[ScoreRow], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if not rows:
        print("No finished rounds yet. Play one: hitrun-quiz play", file=out)
        return
    print_table(SCORE_HEADERS, score_cells(rows), title="High scores", numeric={0, 2, 3}, out=out)


def print_details(details: dict[str, Any], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    lines = [
        f"{details['title']} ({details['id']}, version {details['version'] or '-'}, "
        f"{details['origin']})",
    ]
    if details["description"]:
        lines.append(details["description"])
    if details["author"]:
        lines.append(f"Author: {details['author']}")
    lines.append(f"Questions: {details['questions']}   Facts: {details['facts']}")
    for s in details["sources"]:
        lines.append(f"Source: {s['title']} ({s['publisher']}, {s['date']})")
    print("\n".join(lines), file=out)
    for name, counts in details["counts"].items():
        print(file=out)
        print_table(
            [name.capitalize(), "Questions"],
            [[k, str(v)] for k, v in counts.items()],
            numeric={1},
            out=out,
        )


def print_packs(rows: Sequence[dict[str, Any]], out: TextIO | None = None) -> None:
    """The ``packs list`` table, from the rows of ``pack_summary``."""
    print_table(
        ["ID", "Title", "Questions", "Categories", "Origin"],
        [
            [r["id"], r["title"], str(r["questions"]), ", ".join(r["categories"]), r["origin"]]
            for r in rows
        ],
        title="Question packs",
        numeric={2},
        out=out,
    )
