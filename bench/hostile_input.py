"""Hostile input: validating a deeply nested file and an alias bomb; judging long options.

Issue 7's targets: each `packs validate` exits 1 (not valid) in under 0.5 s (whole
process, wall time, median of the runs), and one answer against three
3,000-character options and a near miss is judged in well under 10 ms.
The validate commands run interleaved with ``python -c pass``.
"""

from __future__ import annotations

import subprocess
import sys
import time

from _common import (
    HITRUN,
    PASS,
    PYTHON,
    REPO,
    env_for,
    finish,
    median,
    parse_args,
    temp_dir,
    verdict,
)


def deep_text() -> str:
    return "id: " + "[" * 30000 + "]" * 30000 + "\n"


def bomb_text(size: int = 2_000_000) -> str:
    lines = ['id: bomb\ntitle: "Bomb"\nquestions:']
    lines.append(
        '  - {"id": "q0", "type": "text", "category": c, "difficulty": easy, "prompt": p,'
        ' "answer": a, "wrong": &w0 [x, y, z, x, y, z, x, y, z]}'
    )
    i, total = 1, 0
    while total < size:
        refs = ", ".join([f"*w{i - 1}"] * 9)
        line = (
            f'  - {{"id": "q{i}", "type": "text", "category": c, "difficulty": easy,'
            f' "prompt": p, "answer": a, "wrong": &w{i} [{refs}]}}'
        )
        lines.append(line)
        total += len(line) + 1
        i += 1
    return "\n".join(lines) + "\n"


def timed(argv: list[str], env: dict[str, str], expect: int) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != expect:
        sys.exit(f"{argv}: exit {proc.returncode}, expected {expect}\n{proc.stderr[-2000:]!r}")
    return elapsed * 1000


JUDGE = """
import random, time
from hitrun_quiz.game.answers import judge
from hitrun_quiz.packs.model import Question
base = "x".join(f"word{i}" for i in range(600))
options = (base + " alpha", base + " beta", base + " gamma")
q = Question("q", "choice", "c", "easy", "p", options[0], choices=options, wrong=options[1:])
# The worst a valid pack allows: 10 aliases and 10 wrong answers, each a near
# miss of a 99-character answer, and a guess close to all of them.
rng = random.Random(1)
answer = "".join(rng.choice("abcdefghij ") for _ in range(99))
def near(k):
    chars = list(answer)
    for _ in range(k):
        chars[rng.randrange(len(chars))] = rng.choice("abcdefghij")
    return "".join(chars)
t = Question("t", "text", "c", "easy", "p", answer, accept=tuple(near(5) for _ in range(10)),
             wrong=tuple(near(5) for _ in range(10)))
medians = []
for question, guess, shown in ((q, base + " alpah", options), (t, near(4), None)):
    runs = []
    for _ in range(21):
        s = time.perf_counter(); judge(question, guess, shown); runs.append(time.perf_counter() - s)
    medians.append(sorted(runs)[len(runs) // 2] * 1000)
print(" ".join(f"{m:.3f}" for m in medians))
"""


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    results = []
    with temp_dir() as home:
        env = env_for(home)
        deep, bomb = home / "deep.yaml", home / "bomb.yaml"
        deep.write_text(deep_text())
        bomb.write_text(bomb_text())
        mini = str(REPO / "tests" / "data" / "mini.yaml")
        cmds = {
            PASS[0]: (PASS[1], 0),
            "packs validate mini.yaml (valid, 4 questions)": (
                [HITRUN, "packs", "validate", mini],
                0,
            ),
            f"packs validate deep.yaml ({deep.stat().st_size / 1e3:.0f} KB)": (
                [HITRUN, "packs", "validate", str(deep)],
                1,
            ),
            f"packs validate bomb.yaml ({bomb.stat().st_size / 1e6:.1f} MB)": (
                [HITRUN, "packs", "validate", str(bomb)],
                1,
            ),
        }
        for argv, expect in cmds.values():
            timed(argv, env, expect)  # warm-up
        times: dict[str, list[float]] = {label: [] for label in cmds}
        for _ in range(args.runs):
            for label, (argv, expect) in cmds.items():
                times[label].append(timed(argv, env, expect))
        width = max(len(label) for label in times)
        print(f"{'command':<{width}}  {'median ms':>9}  {'max ms':>7}")
        for label, ts in times.items():
            print(f"{label:<{width}}  {median(ts):>9.1f}  {max(ts):>7.1f}")
        for label in list(times)[2:]:
            ms = median(times[label])
            results.append(verdict(f"{label} exits 1 in under 0.5 s: {ms:.0f} ms", ms < 500))
        out = subprocess.run(
            [PYTHON, "-c", JUDGE], capture_output=True, text=True, env=env, check=True
        ).stdout.split()
        choice_ms, text_ms = (float(x) for x in out)
        results.append(
            verdict(
                f"judge one answer, 3 options of 4,700 chars: {choice_ms:.3f} ms; "
                f"a text answer with 10 aliases and 10 wrong near misses: {text_ms:.3f} ms; "
                "each under 10 ms",
                choice_ms < 10 and text_ms < 10,
            )
        )
    finish(args, results)


if __name__ == "__main__":
    main()
