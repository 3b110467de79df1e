"""How long an interactive round takes to show its first question, over importing its libraries.

In a pseudo-terminal (80x30, TERM=xterm), times from process start to the first
question's prompt ("? Your answer") being written by
``hitrun-quiz play --seed 1 --pack tests/data/mini.yaml`` (``--pack builtin``:
the built-in pack), against ``python -c "import questionary, typer"`` run to
its end.  Both are spawned the same way (pexpect), interleaved after one
warm-up each; each is reported by its median.  Target: the first prompt within
120 ms of the baseline.

Usage: .venv/bin/python bench/first_prompt.py [--runs N] [--pack PATH|builtin] [--check]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HITRUN = str(Path(sys.executable).parent / "hitrun-quiz")
MINI = "tests/data/mini.yaml"
PROMPT = "Your answer"  # questionary's prompt line: "? Your answer (...)"
TARGET_MS = 120.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs a command (default 7)")
    parser.add_argument(
        "--pack", default=MINI, help=f"pack file, or 'builtin' for the built-in (default {MINI})"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the target fails")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def environment(home: Path) -> dict[str, str]:
    env = {**os.environ, "HITRUN_QUIZ_HOME": str(home), "TERM": "xterm"}
    env.update(COLUMNS="80", LINES="30", LANG=env.get("LANG", "C.UTF-8"))
    # pexpect does not answer cursor position requests; without this prompt_toolkit
    # would wait for them when a prompt closes (after the time measured here).
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    # Bytecode cached under the temp home (written by the warm-up run), so no run compiles.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def spawn(argv: list[str], env: dict[str, str]) -> pexpect.spawn:
    return pexpect.spawn(
        argv[0],
        argv[1:],
        env=env,
        cwd=str(REPO),
        dimensions=(30, 80),
        encoding="utf-8",
        timeout=30,
    )


def first_prompt_ms(argv: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning ``argv`` until it shows the first question's prompt."""
    start = time.perf_counter()
    child = spawn(argv, env)
    try:
        child.expect_exact(PROMPT)
        elapsed = time.perf_counter() - start
    except (pexpect.EOF, pexpect.TIMEOUT):
        sys.exit(f"{' '.join(argv)}: no prompt; it wrote:\n{child.before[-2000:]}")
    child.send("\x03")  # Ctrl-C: abandon the round (nothing is recorded)
    child.expect(pexpect.EOF)
    child.close()
    return elapsed * 1000


def whole_process_ms(argv: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning ``argv`` until it exits."""
    start = time.perf_counter()
    child = spawn(argv, env)
    child.expect(pexpect.EOF)  # the child exited and closed the terminal
    elapsed = time.perf_counter() - start
    child.close()  # (sleeps delayafterclose: not timed)
    if child.exitstatus != 0:
        sys.exit(f"{' '.join(argv)}: exit {child.exitstatus}\n{child.before[-2000:]}")
    return elapsed * 1000


def main() -> None:
    args = parse_args()
    play = [HITRUN, "play", "--seed", "1"]
    if args.pack != "builtin":
        play += ["--pack", args.pack]
    base = [PYTHON, "-c", "import questionary, typer"]
    play_label = " ".join(["hitrun-quiz", *play[1:]]) + " (to the first prompt)"
    base_label = 'python -c "import questionary, typer"'
    with tempfile.TemporaryDirectory(prefix="hitrun-bench-") as name:
        env = environment(Path(name))
        first_prompt_ms(play, env)  # warm-up: bytecode, page cache
        whole_process_ms(base, env)
        times: dict[str, list[float]] = {play_label: [], base_label: []}
        for _ in range(args.runs):
            times[play_label].append(first_prompt_ms(play, env))
            times[base_label].append(whole_process_ms(base, env))

    width = max(map(len, times))
    print(f"\nfirst prompt in a pseudo-terminal, median of {args.runs} runs")
    print(f"{'command':<{width}}  {'median ms':>9}  {'min ms':>7}  {'max ms':>7}")
    for label, ts in times.items():
        print(f"{label:<{width}}  {statistics.median(ts):>9.1f}  {min(ts):>7.1f}  {max(ts):>7.1f}")
    diff = statistics.median(times[play_label]) - statistics.median(times[base_label])
    ok = diff <= TARGET_MS
    print(f"difference: {diff:+.1f} ms")
    print(f"target: within {TARGET_MS:.0f} ms of the baseline -> {'PASS' if ok else 'FAIL'}")
    sys.exit(1 if args.check and not ok else 0)


if __name__ == "__main__":
    main()
