"""How long loading and validating a pack takes, over a bare ``python -c pass``.

(a) the built-in pack: ``load_pack`` in a fresh interpreter, and ``packs validate``;
    target: load_pack under 30 ms of work.
(b) a generated 10,000-question pack (2,000 facts, all four question types):
    ``packs validate FILE`` and ``load_pack(FILE)``; target: each under 0.5 s of work.

Usage: .venv/bin/python bench/load_pack.py [--runs N] [--check]
"""

from __future__ import annotations

import json
import random

from _common import (
    HITRUN,
    PASS,
    PYTHON,
    Cmd,
    env_for,
    finish,
    measure,
    median,
    parse_args,
    print_table,
    run,
    temp_dir,
    verdict,
)

BUILTIN = "questions/hit-and-run.yaml"
QUESTIONS, FACTS, SOURCES = 10_000, 2_000, 20
CATEGORIES = ("cast", "characters", "plot", "ending", "creators", "release", "production")
WORDS = (
    "Segev", "Naomi", "Danielle", "Tel Aviv", "New York", "Netflix", "season", "episode",
    "agent", "cousin", "killer", "car", "driver", "detective", "journalist", "tour guide",
    "Hit & Run", "cliffhanger", "premiere", "production", "Brooklyn", "daughter", "secret",
    "Mossad", "lawyer", "apartment", "airport", "escape", "plan", "truth",
)  # fmt: skip


def words(rng: random.Random, low: int, high: int) -> str:
    """Text of ``low`` to ``high`` characters made of the words above."""
    target, out = rng.randint(low, high), []
    while len(" ".join(out)) < target:
        out.append(rng.choice(WORDS))
    return " ".join(out)[:high].strip()


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def question(rng: random.Random, i: int) -> list[str]:
    qtype = ("choice", "truefalse", "text", "number")[i % 4]
    lines = [
        f"  - id: q{i:05d}",
        f"    fact: f{i % FACTS:04d}",
        f"    category: {CATEGORIES[i % len(CATEGORIES)]}",
        f"    difficulty: {('easy', 'medium', 'hard')[i % 3]}",
        f"    type: {qtype}",
        f"    prompt: {q(words(rng, 60, 120) + '?')}",
    ]
    if qtype == "choice":
        options = [f"{words(rng, 8, 24)} {n}" for n in range(4)]  # distinct by their number
        lines += [f"    answer: {q(options[0])}", f"    wrong: [{', '.join(map(q, options[1:]))}]"]
    elif qtype == "truefalse":
        lines.append(f"    answer: {rng.choice(('true', 'false'))}")
    elif qtype == "text":
        answer = words(rng, 6, 20)
        lines += [f"    answer: {q(answer)}", f"    accept: [{q(answer + ' Jr')}]"]
        lines.append(f"    wrong: [{q('not ' + answer)}]")
    else:
        lines += [f"    answer: {rng.randint(1, 2021)}", f"    tolerance: {i % 3}"]
    lines.append(f"    explanation: {q(words(rng, 40, 100) + '.')}")
    return lines


def big_pack_text(seed: int = 2021) -> str:
    rng = random.Random(seed)
    lines = ["id: bench-big", 'title: "Bench: 10,000 questions"', "sources:"]
    for s in range(SOURCES):
        lines += [
            f"  - id: s{s:02d}",
            f"    title: {q(words(rng, 30, 80))}",
            f"    publisher: {q(words(rng, 8, 20))}",
            '    date: "2021-08-10"',
            f'    url: "https://example.org/articles/{s}"',
        ]
    lines.append("facts:")
    for f in range(FACTS):
        lines += [
            f"  - id: f{f:04d}",
            f"    statement: {q(words(rng, 50, 120) + '.')}",
            f"    source: s{f % SOURCES:02d}",
            f"    quote: {q(words(rng, 30, 150))}",
        ]
    lines.append("questions:")
    for i in range(QUESTIONS):
        lines += question(rng, i)
    return "\n".join(lines) + "\n"


def load_cmd(label: str, path: str, origin: str, env: dict[str, str]) -> Cmd:
    code = f"from hitrun_quiz.packs.loader import load_pack; load_pack({path!r}, {origin!r})"
    return Cmd(label, [PYTHON, "-c", code], env)


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    results = []
    with temp_dir() as home:
        env = env_for(home)
        base = Cmd(PASS[0], PASS[1], env)

        def work(times: dict[str, list[float]], cmd: Cmd) -> float:
            return median(times[cmd.label]) - median(times[base.label])

        # (a) the built-in pack
        load = load_cmd("load_pack(built-in)", BUILTIN, "builtin", env)
        validate = Cmd("packs validate built-in", [HITRUN, "packs", "validate", BUILTIN], env)
        times = measure([base, load, validate], args.runs)
        print_table("(a) built-in pack", times, {"pass": base.label})
        ms = work(times, load)
        results.append(verdict(f"load_pack(built-in) under 30 ms of work: {ms:+.1f} ms", ms < 30))

        # (b) a generated 10,000-question pack; it must validate before it is timed
        big = home / "big-pack.yaml"
        big.write_text(big_pack_text(), encoding="utf-8")
        load = load_cmd("load_pack(10k)", str(big), "file", env)
        validate = Cmd("packs validate 10k", [HITRUN, "packs", "validate", str(big)], env)
        print(f"\n{run(validate)[1].strip()}  [{big.stat().st_size / 1e6:.1f} MB]")
        times = measure([base, load, validate], args.runs)
        print_table("(b) generated 10,000-question pack", times, {"pass": base.label})
        shown = ", ".join(f"{c.label} {work(times, c) / 1000:+.3f} s" for c in (load, validate))
        ok = all(work(times, c) < 500 for c in (load, validate))
        results.append(verdict(f"each under 0.5 s of work: {shown}", ok))
    finish(args, results)


if __name__ == "__main__":
    main()
