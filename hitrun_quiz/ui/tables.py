"""Tables for ``packs list``, ``packs show`` and ``scores``.

A Rich table on a terminal, plain aligned text otherwise.  Every cell is a
``rich.text.Text``, never markup, so a pack title or player name such as
``[bold red]x`` is shown literally.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from hitrun_quiz.store.boards import board_title
from hitrun_quiz.store.records import ScoreRow

if TYPE_CHECKING:  # Rich is imported when a table is drawn on a terminal
    from rich.table import Table


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
    whole: set[int] | None = None,
    names: set[int] | None = None,
    narrow: bool = False,
) -> Table:
    """A Rich table; the ``whole`` columns (ids, numbers) never break.

    ``names`` columns never wrap either, but a name longer than the room left
    ends in "…".  Other columns fold.  A ``narrow`` table drops its side borders.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    numeric = numeric or set()
    whole = (whole or set()) | numeric
    names = names or set()
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        show_edge=not narrow,
        pad_edge=not narrow,
    )
    for i, h in enumerate(headers):
        if i in names:
            longest = max([len(h), *(len(r[i]) for r in rows)])
            table.add_column(h, no_wrap=True, overflow="ellipsis", min_width=min(longest, 12))
        elif i in whole:
            longest = max([len(h), *(len(r[i]) for r in rows)])
            table.add_column(
                h,
                justify="right" if i in numeric else "left",
                no_wrap=True,
                min_width=longest,
            )
        else:
            table.add_column(h, overflow="fold")
    for n, row in enumerate(rows):
        style = "bold reverse" if n == highlight else None
        table.add_row(*(Text(c) for c in row), style=style)
    return table


def terminal_width(out: TextIO | None = None) -> int:
    """The width to lay text out in: the terminal's, else $COLUMNS, else 80."""

    return shutil.get_terminal_size((80, 24)).columns


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    numeric: set[int] | None = None,
    highlight: int | None = None,
    whole: set[int] | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    if not rows:
        print("(none)", file=out)
        return
    if _use_rich(out):
        narrow = terminal_width(out) < NARROW
        table = rich_table(
            headers,
            rows,
            title=title,
            numeric=numeric,
            highlight=highlight,
            whole=whole,
            narrow=narrow,
        )
        console(out).print(table)
    else:
        print(plain_table(headers, rows, numeric), file=out)


def when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


SCORE_HEADERS = ["#", "Player", "Score", "Correct", "Packs", "When"]
OWN_ROW = "▶"  # marks the player's own row, with colour or without
NARROW = 60


def score_cells(
    rows: Sequence[ScoreRow], round_id: int | None = None, *, boards: bool = False
) -> list[list[str]]:
    """The cells of SCORE_HEADERS; ``boards``: column 4 holds each row's board, not its packs."""

    def rank(r: ScoreRow) -> str:
        own = round_id is not None and r.round_id == round_id
        return f"{OWN_ROW} {r.rank}" if own else str(r.rank)

    return [
        [
            rank(r),
            r.player,
            str(r.score),
            f"{r.correct}/{r.total}",
            (r.board if boards and r.board else ", ".join(r.packs)),
            when(r.finished_at),
        ]
        for r in rows
    ]


def score_columns(width: int, board: str | None) -> list[int]:
    """Which columns of SCORE_HEADERS fit: packs only across boards, and narrow drops more."""
    keep = [0, 1, 2, 3]
    if board is None:
        keep.append(4)  # across boards, each row says its board (score_headers)
    if width >= NARROW:
        keep.append(5)
    elif board is None and width < 45:
        keep.remove(3)
    return keep


def score_headers(keep: Sequence[int], board: str | None) -> list[str]:
    """The headers of the columns ``keep``; across boards column 4 is each row's board."""
    return ["Board" if i == 4 and board is None else SCORE_HEADERS[i] for i in keep]


def scores_title(board: str | None, filters: str = "") -> str:

    where = f"board {board_title(board)}" if board is not None else "all boards"
    return f"High scores: {where}{filters}"


def score_table(
    rows: Sequence[ScoreRow],
    *,
    round_id: int | None = None,
    board: str | None = None,
    width: int = 80,
    filters: str = "",
) -> Table:
    """The Rich high-score table of ``rows``, narrowed to ``width``."""
    keep = score_columns(width, board)
    across = board is None
    cells = [[row[i] for i in keep] for row in score_cells(rows, round_id, boards=across)]
    highlight = next((i for i, r in enumerate(rows) if r.round_id == round_id), None)
    numeric = {n for n, i in enumerate(keep) if i in (0, 2, 3)}
    return rich_table(
        score_headers(keep, board),
        cells,
        title=scores_title(board, filters),
        numeric=numeric,
        highlight=highlight,
        whole={n for n, i in enumerate(keep) if i in (0, 2, 3, 5)},
        names={n for n, i in enumerate(keep) if i == 1},
        narrow=width < NARROW,
    )


def print_scores(
    rows: Sequence[ScoreRow],
    out: TextIO | None = None,
    *,
    board: str | None = None,
    empty: str = "No finished rounds yet. Play one: hitrun-quiz play",
    filters: str = "",
) -> None:
    out = out or sys.stdout
    if not rows:
        print(empty, file=out)
        return
    if _use_rich(out):
        table = score_table(rows, board=board, width=terminal_width(out), filters=filters)
        console(out).print(table)
        return
    keep = score_columns(terminal_width(out), board)
    print(scores_title(board, filters), file=out)
    print(
        plain_table(
            score_headers(keep, board),
            [[row[i] for i in keep] for row in score_cells(rows, boards=board is None)],
            {n for n, i in enumerate(keep) if i in (0, 2, 3)},
        ),
        file=out,
    )


def print_details(details: dict[str, Any], out: TextIO | None = None) -> None:
    """``packs show``: the pack's details, wrapped at word boundaries, then its counts."""

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
    width = max(20, terminal_width(out) - 1)
    wrapped = [
        textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False) for line in lines
    ]
    print("\n".join(wrapped), file=out)
    for name, counts in details["counts"].items():
        print(file=out)
        print_table(
            [name.capitalize(), "Questions"],
            [[k, str(v)] for k, v in counts.items()],
            numeric={1},
            out=out,
        )


def print_packs(rows: Sequence[dict[str, Any]], out: TextIO | None = None) -> None:
    """The ``packs list`` table, from the rows of ``pack_summary``.

    The id, the one thing to type, never breaks; a narrow terminal drops the
    categories and origin.
    """
    out = out or sys.stdout
    headers = ["ID", "Title", "Questions", "Categories", "Origin"]
    cells = [
        [r["id"], r["title"], str(r["questions"]), ", ".join(r["categories"]), r["origin"]]
        for r in rows
    ]
    keep = [0, 1, 2, 3, 4] if terminal_width(out) >= NARROW else [0, 1, 2]
    print_table(
        [headers[i] for i in keep],
        [[row[i] for i in keep] for row in cells],
        title="Question packs",
        numeric={2},
        whole={0},
        out=out,
    )
