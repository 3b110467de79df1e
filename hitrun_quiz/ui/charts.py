"""Charts for ``stats``: bars and a sparkline, Rich on a terminal, plain text otherwise.

The statistics come as the JSON-ready dict of :func:`hitrun_quiz.app.stats.compute`;
untrusted text (pack titles, prompts, answers, player names) goes into Rich as
``Text``, never as markup.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from hitrun_quiz.ui.tables import plain_table, rich_table

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 20


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    """A plain-text bar: ``#`` for the share, ``.`` for the rest."""
    filled = round((fraction or 0) * width)
    return "#" * filled + "." * (width - filled)


def sparkline(values: Sequence[float | None]) -> str:
    """One character a value in 0..1 (a space where there is none)."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            out.append(SPARKS[min(len(SPARKS) - 1, int(v * len(SPARKS)))])
    return "".join(out)


def percent(fraction: float | None) -> str:
    return "-" if fraction is None else f"{round(fraction * 100)}%"


def _use_rich(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------- the sections


def _headline(s: dict[str, Any]) -> list[str]:
    where = f"pack {s['pack']}" if s["pack"] else "all packs"
    return [
        f"Statistics for {s['player']} ({where})",
        f"Rounds played: {s['rounds']}",
        f"Questions answered: {s['questions']} ({s['correct']} right, {percent(s['accuracy'])})",
        f"Longest streak: {s['longest_streak']}",
        f"Daily streak: {s['daily_streak']} day{'s' * (s['daily_streak'] != 1)}",
    ]


def _weekly_line(s: dict[str, Any]) -> str:
    weeks = s["weekly"]
    spark = sparkline([w["accuracy"] for w in weeks])
    last = next((w for w in reversed(weeks) if w["accuracy"] is not None), None)
    tail = f"; latest {last['week']}: {percent(last['accuracy'])}" if last else ""
    return f"{weeks[0]['week']} |{spark}| {weeks[-1]['week']}{tail}"


def _coverage_rows(s: dict[str, Any]) -> list[list[str]]:
    return [
        [c["pack"], c["title"], f"{c['seen']}/{c['total']}", str(c["mastered"])]
        for c in s["coverage"]
    ]


def _best_rows(s: dict[str, Any]) -> list[list[str]]:
    return [
        [
            ", ".join(b["packs"]),
            str(b["count"]),
            "timed" if b["timed"] else "untimed",
            b["mode"],
            str(b["score"]),
            f"round {b['round_id']}",
        ]
        for b in s["best_rounds"]
    ]


def _missed_lines(s: dict[str, Any]) -> list[str]:
    return [
        f"{n}. {m['prompt']} (answer: {m['answer']}; missed {m['missed']} of {m['asked']})"
        for n, m in enumerate(s["most_missed"], 1)
    ]


def _reviews_line(s: dict[str, Any]) -> str:
    """Reviews due now, and when the next ones are, in words and local time."""
    import datetime as dt

    from hitrun_quiz.ui.tables import local_time

    r = s["reviews"]
    line = f"Reviews due: {r['due']}"
    if r["next_review"]:
        n = r["next_count"]
        at = local_time(r["next_review"])
        try:
            from hitrun_quiz.app.review import in_words

            then = dt.datetime.fromisoformat(r["next_review"].replace("Z", "+00:00"))
            at = (
                f"{in_words(then.timestamp() - dt.datetime.now(dt.timezone.utc).timestamp())}, {at}"
            )
        except ValueError:
            pass
        line += f" (then {n} question{'s' * (n != 1)} {at})"
    return line


BREAKDOWNS = (("by_category", "Category"), ("by_difficulty", "Difficulty"), ("by_type", "Type"))


def _name(key: str, name: str) -> str:
    """A breakdown row's name as the game says it: "true or false", not "truefalse"."""
    from hitrun_quiz.ui.screens import TYPE_LABELS

    return TYPE_LABELS.get(name, name) if key == "by_type" else name


# --------------------------------------------------------------------------- narrow


def narrow_stats(s: dict[str, Any], width: int) -> list[tuple[str, str]]:
    """The stats below 60 columns, as (line, style) pairs: bars sized to the width, every
    table stacked a block a row, text wrapped at spaces (no word, id or number broken)."""
    from hitrun_quiz.ui.tables import stacked, wrap

    out: list[tuple[str, str]] = [(line, "") for h in _headline(s) for line in wrap(h, width)]
    for key, title in BREAKDOWNS:
        rows = s[key]
        if not rows:
            continue
        out += [("", ""), (f"Accuracy by {title.lower()}", "bold")]
        names = [_name(key, r["name"]) for r in rows]
        rights = [f"{r['correct']}/{r['questions']}" for r in rows]
        name_w, right_w = max(map(len, names)), max(map(len, rights))
        tail = 2 + 4 + 2 + right_w
        beside = width - 1 - name_w - 2 - tail >= 6
        bar_w = (width - 1 - name_w - 2 - tail) if beside else (width - 1 - 2 - tail)
        bar_w = max(4, min(BAR_WIDTH, bar_w))
        for name, right, r in zip(names, rights, rows, strict=True):
            filled = round((r["accuracy"] or 0) * bar_w)
            chart = "█" * filled + "·" * (bar_w - filled)
            figures = f"{chart}  {percent(r['accuracy']):>4}  {right:>{right_w}}"
            if beside:
                out.append((f"{name:<{name_w}}  {figures}", ""))
            else:
                out += [(name, ""), (f"  {figures}", "")]
    weeks = s["weekly"]
    out += [("", ""), (f"Accuracy by week (last {len(weeks)} weeks)", "bold")]
    out += [(line, "") for line in wrap(_weekly_line(s), width)]
    cov = _coverage_rows(s)
    if cov:
        days = f"{s['mastered_stability_days']:g}"
        out += [("", "")]
        out += [(line, "bold") for line in wrap(f"Coverage (mastered: {days}+ days)", width)]
        out += [
            (line, "") for line in stacked(["Pack", "Title", "Seen", "Mastered"], cov, width=width)
        ]
    best = _best_rows(s)
    if best:
        headers = ["Packs", "Questions", "Timed", "Mode", "Score", "Round"]
        out += [("", ""), ("Best round per board", "bold")]
        rounds = [
            [*row[:5], str(b["round_id"])] for row, b in zip(best, s["best_rounds"], strict=True)
        ]
        out += [(line, "") for line in stacked(headers, rounds, width=width)]
    out += [("", ""), ("Most missed", "bold")]
    for line in _missed_lines(s) or ["(none)"]:
        out += [(w, "") for w in wrap(line, width)]
    out += [("", "")] + [(line, "") for line in wrap(_reviews_line(s), width)]
    return out


# --------------------------------------------------------------------------- plain


def plain_stats(s: dict[str, Any]) -> str:

    lines = _headline(s)
    for key, title in BREAKDOWNS:
        rows = s[key]
        if not rows:
            continue
        lines += ["", f"Accuracy by {title.lower()}"]
        width = max(len(_name(key, r["name"])) for r in rows)
        for r in rows:
            lines.append(
                f"  {_name(key, r['name']):<{width}}  {bar(r['accuracy'])}"
                f"  {percent(r['accuracy']):>4}"
                f"  ({r['correct']}/{r['questions']})"
            )
    lines += ["", f"Accuracy by week (last {len(s['weekly'])} weeks)", "  " + _weekly_line(s)]
    lines += [
        "",
        f"Coverage (mastered: FSRS stability at least {s['mastered_stability_days']:g} days)",
    ]
    cov = _coverage_rows(s)
    lines.append(plain_table(["Pack", "Title", "Seen", "Mastered"], cov) if cov else "(none)")
    lines += ["", "Best round per board"]
    best = _best_rows(s)
    lines.append(
        plain_table(["Packs", "Questions", "Timed", "Mode", "Score", "Round"], best, {1, 4})
        if best
        else "(none)"
    )
    lines += ["", "Most missed", *(_missed_lines(s) or ["(none)"]), "", _reviews_line(s)]
    return "\n".join(lines)  # pack text is validated, player names cleaned


# --------------------------------------------------------------------------- rich


def rich_stats(s: dict[str, Any]) -> Any:
    from rich.bar import Bar
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [Text(line) for line in _headline(s)]
    for key, title in BREAKDOWNS:
        if not s[key]:
            continue
        table = Table(
            title=f"Accuracy by {title.lower()}", title_justify="left", header_style="bold"
        )
        table.add_column(title)
        table.add_column("Accuracy", width=BAR_WIDTH)
        table.add_column("%", justify="right")
        table.add_column("Right", justify="right")
        for r in s[key]:
            table.add_row(
                Text(_name(key, r["name"])),
                Bar(1.0, 0, r["accuracy"] or 0, color="green", bgcolor="grey23"),
                Text(percent(r["accuracy"])),
                Text(f"{r['correct']}/{r['questions']}"),
            )
        parts += [Text(), table]
    parts += [
        Text(),
        Text(f"Accuracy by week (last {len(s['weekly'])} weeks)", style="bold"),
        Text(_weekly_line(s)),
    ]
    cov = _coverage_rows(s)
    if cov:
        title = (
            f"Coverage (mastered: FSRS stability at least {s['mastered_stability_days']:g} days)"
        )
        parts += [Text(), rich_table(["Pack", "Title", "Seen", "Mastered"], cov, title=title)]
    best = _best_rows(s)
    if best:
        headers = ["Packs", "Questions", "Timed", "Mode", "Score", "Round"]
        parts += [Text(), rich_table(headers, best, title="Best round per board", numeric={1, 4})]
    parts += [Text(), Text("Most missed", style="bold")]
    parts += [Text(line) for line in _missed_lines(s) or ["(none)"]]
    parts += [Text(), Text(_reviews_line(s))]
    return Group(*parts)


def print_stats(s: dict[str, Any], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if _use_rich(out):
        from rich.text import Text

        from hitrun_quiz.ui.tables import NARROW, console, terminal_width

        width = terminal_width(out)
        if width < NARROW:
            shown = console(out)
            for line, style in narrow_stats(s, width):
                shown.print(Text(line, style=style), soft_wrap=True)
            return
        console(out).print(rich_stats(s))
    else:
        print(plain_stats(s), file=out)
