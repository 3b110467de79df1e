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
    from rich.console import RenderableType
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


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` wrapped at spaces only: a word, an id (``hit-and-run``) or a number is
    never broken (one longer than the line stays whole)."""
    import textwrap

    return textwrap.wrap(
        text,
        max(10, width),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def stacked(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    head: Sequence[int] = (0,),
) -> list[str]:
    """The narrow layout of a table (below 60 columns): a block of lines per row.

    The ``head`` columns start the block on one line (``Round 3``, ``#1 ann``);
    every other field follows on its own line as ``label  value``, the value
    wrapped at spaces under itself.  Nothing is cut or broken mid-word.
    """
    rest = [i for i in range(len(headers)) if i not in head]
    label_width = max((len(headers[i]) for i in rest), default=0)
    lines: list[str] = []
    for row in rows:
        if lines:
            lines.append("")
        first = []
        for i in head:
            if headers[i] == "#":
                mark, _, rank = row[i].rpartition(" ")
                first.append(f"{mark} #{rank}".strip())
            elif i == head[0] and headers[i] not in ("", "#"):
                first.append(f"{headers[i]} {row[i]}")
            else:
                first.append(row[i])
        lines += wrap("  ".join(first), width)
        for i in rest:
            label = f"  {headers[i]:<{label_width}}  "
            value = wrap(row[i], width - len(label), " " * len(label))
            lines.append(label + value[0].lstrip())
            lines += value[1:]
    return lines


def print_stacked(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    head: Sequence[int] = (0,),
    highlight: int | None = None,
    out: TextIO | None = None,
) -> None:
    """A table in its narrow layout, on a terminal (bold title, highlighted row) or not."""
    out = out or sys.stdout
    print_renderable(
        stacked_renderable(
            headers, rows, title=title, head=head, highlight=highlight, width=terminal_width(out)
        ),
        out,
    )


def stacked_renderable(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    title: str | None = None,
    head: Sequence[int] = (0,),
    highlight: int | None = None,
) -> Any:
    """The narrow layout as a Rich renderable (lines that Rich does not re-wrap)."""
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = []
    if title:
        parts += [Text(line, style="bold") for line in wrap(title, width)]
    for n, row in enumerate(rows):
        block = stacked(headers, [row], width=width, head=head)
        style = "bold reverse" if n == highlight else ""
        parts += [
            Text(line, style=style if i == 0 else "", no_wrap=True, overflow="ignore")
            for i, line in enumerate(block)
        ]
        if n < len(rows) - 1:
            parts.append(Text())
    return Group(*parts)


def print_renderable(renderable: Any, out: TextIO) -> None:
    """A Rich renderable on a terminal; its plain text elsewhere."""
    if _use_rich(out):
        console(out).print(renderable, soft_wrap=True)
        return
    import io

    from rich.console import Console

    plain = Console(
        width=terminal_width(out),
        no_color=True,
        highlight=False,
        emoji=False,
        force_terminal=False,
        record=True,
        file=io.StringIO(),
    )
    plain.print(renderable, soft_wrap=True)
    print(plain.export_text(styles=False).rstrip("\n"), file=out)


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
    head: Sequence[int] = (0,),
) -> None:
    """A table: Rich on a terminal, plain text elsewhere; below 60 columns, a terminal
    gets the stacked layout (a block a row) so no word, id or number is broken."""
    out = out or sys.stdout
    if not rows:
        print("(none)", file=out)
        return
    if _use_rich(out) and terminal_width(out) < NARROW:
        print_stacked(headers, rows, title=title, head=head, highlight=highlight, out=out)
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
) -> RenderableType:
    """The Rich high-score table of ``rows``, narrowed to ``width`` (stacked below 60)."""
    if width < NARROW:
        stacked_rows: RenderableType = narrow_scores(
            rows, round_id, width=width, title=scores_title(board, filters), packs=board is None
        )
        return stacked_rows
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


def narrow_scores(
    rows: Sequence[ScoreRow],
    round_id: int | None = None,
    *,
    width: int,
    title: str,
    packs: bool = True,
) -> Any:
    """High scores below 60 columns: two lines a row, nothing cut or broken.

    ``#1  interactive-player`` then ``  1450 points · 8/10 · 2026-12-04 16:00``
    (and the packs on a third line when the table spans boards); the round
    ``round_id`` is marked ``▶`` and highlighted.
    """
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = [Text(line, style="bold") for line in wrap(title, width)]
    for r in rows:
        own = round_id is not None and r.round_id == round_id
        head = f"{OWN_ROW + ' ' if own else ''}#{r.rank}  {r.player}"
        lines = wrap(head, width)
        detail = f"{r.score} points · {r.correct}/{r.total} · {when(r.finished_at)}"
        lines += wrap(detail, width, "  ")
        if packs:
            lines += wrap(", ".join(r.packs), width, "  ")
        style = "bold reverse" if own else ""
        parts += [Text(line, style=style, no_wrap=True, overflow="ignore") for line in lines]
    return Group(*parts)


def print_scores(
    rows: Sequence[ScoreRow],
    out: TextIO | None = None,
    *,
    board: str | None = None,
    empty: str | None = None,
    filters: str = "",
) -> None:
    out = out or sys.stdout
    if not rows:
        if empty is None:
            from hitrun_quiz.ui.invocation import program

            empty = f"No finished rounds yet. Play one: {program()} play"
        if _use_rich(out):  # wrapped at spaces: the board's id and the command stay whole
            empty = "\n".join(wrap(empty, terminal_width(out) - 1))
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


def local_time(iso: str) -> str:
    """An ISO UTC time (``2026-12-04T17:18:56Z``) as local ``2026-12-04 17:18``."""
    try:
        t = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return when(t.timestamp())


HISTORY_HEADERS = ["Round", "When", "Draw", "Packs", "Score", "Correct"]


def print_history(rounds: Sequence[dict[str, Any]], out: TextIO | None = None) -> None:
    """``history`` without ``--json``: a row a round (a block a round below 60 columns)."""
    print_table(
        HISTORY_HEADERS,
        [
            [
                str(r["round_id"]),
                local_time(r["finished_at"]),
                r["draw"],
                ", ".join(r["packs"]),
                str(r["score"]),
                f"{r['correct']}/{r['total']}",
            ]
            for r in rounds
        ],
        title=f"Rounds of {rounds[0]['player']}" if rounds else "Rounds",
        numeric={0, 4},
        whole={1, 2, 5},
        out=out,
    )
