"""Shared helpers for the bench scripts: options, temp home, timing loop, table, verdict.

Every benchmark times whole processes (``subprocess.run`` with pipes). The
commands of one comparison run interleaved (A, B, A, B, ...) after one warm-up
each, so load on the machine hits them alike; each is reported by its median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HITRUN = str(Path(sys.executable).parent / "hitrun-quiz")
PASS = ("python -c pass", [PYTHON, "-c", "pass"])


def parse_args(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=11, help="timed runs a command (default 11)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


@contextmanager
def temp_dir(prefix: str = "hitrun-bench-") -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


def env_for(home: Path) -> dict[str, str]:
    """The environment of a measured process: ours, with HITRUN_QUIZ_HOME set to ``home``.

    Bytecode is cached under ``home`` (written by the warm-up run, as an installed
    program has it), so no run compiles sources, whatever PYTHONDONTWRITEBYTECODE
    says and however stale the tree's own __pycache__ is; nothing is written outside.
    """
    env = {**os.environ, "HITRUN_QUIZ_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


@dataclass
class Cmd:
    label: str
    argv: list[str]
    env: dict[str, str]
    stdin: bytes = b""


def run(cmd: Cmd) -> tuple[float, str]:
    """Seconds the whole process took, and its stdout; a non-zero exit stops the benchmark."""
    start = time.perf_counter()
    proc = subprocess.run(
        cmd.argv, input=cmd.stdin, capture_output=True, env=cmd.env, cwd=REPO, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(
            f"{cmd.label}: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')[-2000:]}"
        )
    return elapsed, proc.stdout.decode(errors="replace")


def measure(cmds: Sequence[Cmd], runs: int) -> dict[str, list[float]]:
    """Times in ms: one warm-up each, then ``runs`` rounds of every command in turn."""
    for cmd in cmds:
        run(cmd)
    times: dict[str, list[float]] = {cmd.label: [] for cmd in cmds}
    for _ in range(runs):
        for cmd in cmds:
            times[cmd.label].append(run(cmd)[0] * 1000)
    return times


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def print_table(title: str, times: dict[str, list[float]], baselines: dict[str, str]) -> None:
    """Median and min of each command, then its difference and ratio against each baseline.

    ``baselines`` maps a short name for the column headings to a label in ``times``.
    """
    width = max(len(label) for label in times)
    head = f"{'command':<{width}}  {'median ms':>9}  {'min ms':>7}"
    for short in baselines:
        head += f"  {'diff ms vs ' + short:>{len(short) + 11}}  {'ratio':>5}"
    print(f"\n{title}\n{head}\n{'-' * len(head)}")
    for label, ts in times.items():
        line = f"{label:<{width}}  {median(ts):>9.1f}  {min(ts):>7.1f}"
        for short, base_label in baselines.items():
            base = median(times[base_label])
            diff, ratio = median(ts) - base, median(ts) / base
            line += f"  {diff:>+{len(short) + 11}.1f}  {ratio:>5.2f}"
        print(line)


def verdict(target: str, ok: bool) -> bool:
    print(f"target: {target} -> {'PASS' if ok else 'FAIL'}")
    return ok


def finish(args: argparse.Namespace, results: Sequence[bool]) -> None:
    """Exit 0, or 1 if ``--check`` was given and a target failed."""
    sys.exit(1 if args.check and not all(results) else 0)
