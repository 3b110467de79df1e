"""Fresh draws, ``stats`` and ``review`` on a store of 100,000 rounds (1,000,000 answers).

The data dir's scores DB is made by the program's own migrations, then filled
directly with SQLite (one transaction): 100,000 rounds of 10 answers by 40
players over the built-in pack, with the cards and review logs those answers
leave (every player has seen the whole pack, many times, and has cards due).

Targets (whole processes, medians, each against a baseline in the same run):

- a fresh 10-question round (``play``, history read) within +30 ms of a seeded one;
- ``stats`` under 150 ms (``scores --json`` on the same store is shown beside it: the
  start-up both share, for reading the figure on a loaded machine);
- ``review`` (10 due questions) within +30 ms of a plain 10-question round.

Rounds played by the benchmark rotate over the 40 players, so every review run
finds due cards. Usage: .venv/bin/python bench/memory.py [--runs N] [--check]
"""

from __future__ import annotations

import random
import resource
import sqlite3
import time
from pathlib import Path

from _common import (
    HITRUN,
    PASS,
    Cmd,
    env_for,
    finish,
    median,
    parse_args,
    print_table,
    run,
    temp_dir,
    verdict,
)

from hitrun_quiz.packs.loader import DEFAULT_PACK, find_pack
from hitrun_quiz.paths import scores_db
from hitrun_quiz.store.records import RoundRecord
from hitrun_quiz.store.scores import ScoreStore

ROUNDS = 100_000
PER_ROUND = 10
PLAYERS = [f"player{n:02d}" for n in range(40)]
DAY = 86400.0
ANSWERS = b"A\n" * PER_ROUND


def create(db: Path) -> None:
    """An empty, fully migrated scores DB."""
    with ScoreStore(db) as store:
        store.record(
            RoundRecord("x", 0, 0, 0, 0, [DEFAULT_PACK], {}, 0, "scripted", 0.0, 0.0, True)
        )
        store.reset()


def fill(db: Path) -> None:
    rng = random.Random(2021)
    questions = [q.id for q in find_pack(DEFAULT_PACK).questions]
    now = time.time()
    rounds, packs, results, logs = [], [], [], []
    cards: dict[tuple[str, str], list[float]] = {}
    for i in range(1, ROUNDS + 1):
        player = PLAYERS[i % len(PLAYERS)]
        finished_at = now - (ROUNDS - i) * 600.0
        picked = rng.sample(questions, PER_ROUND)
        right = [rng.random() < 0.6 for _ in picked]
        score = sum(200 for r in right if r)
        streak = best = 0
        for pos, (qid, ok) in enumerate(zip(picked, right, strict=True)):
            streak = streak + 1 if ok else 0
            best = max(best, streak)
            results.append(
                (
                    i,
                    pos,
                    DEFAULT_PACK,
                    qid,
                    int(ok),
                    1,
                    200 if ok else 0,
                    3.5,
                    "A",
                    "correct" if ok else "wrong",
                    None,
                )
            )
            logs.append((player, DEFAULT_PACK, qid, i, 3 if ok else 1, finished_at, 3.5))
            card = cards.setdefault((player, qid), [0, 0, 0, 0.0])
            card[0] += 1
            card[1] += int(ok)
            card[2], card[3] = i, finished_at
        rounds.append(
            (
                i,
                player,
                score,
                sum(right),
                PER_ROUND,
                PER_ROUND,
                '{"category": [], "difficulty": [], "type": []}',
                rng.randrange(10**9),
                "scripted",
                finished_at - 120,
                finished_at,
                1,
                player,
                "fresh",
                None,
                best,
                None,
            )
        )
        packs.append((i, DEFAULT_PACK, 0, 1, score, finished_at))
    card_rows = []
    for (player, qid), (asked, right, last, seen) in cards.items():
        stability = rng.uniform(0.5, 90)
        due = (
            now - rng.uniform(0, 10) * DAY if rng.random() < 0.6 else now + rng.uniform(1, 30) * DAY
        )
        card_rows.append(
            (
                player,
                DEFAULT_PACK,
                qid,
                asked,
                right,
                last,
                seen,
                2,
                None,
                stability,
                rng.uniform(1, 10),
                due,
                seen,
            )
        )
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO rounds (id, player, score, correct, answered, total, filters, seed, mode,"
        " started_at, finished_at, finished, player_key, draw, time_limit, best_streak, unplayed)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rounds,
    )
    conn.executemany("INSERT INTO round_packs VALUES (?,?,?,?,?,?)", packs)
    conn.executemany(
        "INSERT INTO results (round_id, position, pack_id, question_id, correct, answered,"
        " points, seconds, given, outcome, choices) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        results,
    )
    conn.executemany(
        "INSERT INTO review_logs (player_key, pack_id, question_id, round_id, rating,"
        " reviewed_at, seconds) VALUES (?,?,?,?,?,?,?)",
        logs,
    )
    conn.executemany(
        "INSERT INTO cards (player_key, pack_id, question_id, asked, correct, last_round_id,"
        " last_seen_at, state, step, stability, difficulty, due, last_review)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        card_rows,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def cpu_of_children() -> float:
    """CPU time (user + system, ms) used so far by the finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def measure_rotating(
    kinds: dict[str, list[str]], env: dict[str, str], runs: int, stdin: bytes
) -> dict[str, list[float]]:
    """Like _common.measure, but each run plays as the next player (A, B, C, A, B, C, ...)."""
    times: dict[str, list[float]] = {label: [] for label in kinds}
    for n in range(runs + 1):  # the first round of each is the warm-up
        player = PLAYERS[n % len(PLAYERS)]
        for label, argv in kinds.items():
            elapsed, out = run(Cmd(label, [*argv, "--player", player], env, stdin))
            if '"event": "summary"' not in out and "Round over" not in out:
                raise SystemExit(f"{label}: no round was played:\n{out[:500]}")
            if n:
                times[label].append(elapsed * 1000)
    return times


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    with temp_dir() as home:
        db = home / scores_db().name
        started = time.perf_counter()
        create(db)
        fill(db)
        took, size = time.perf_counter() - started, db.stat().st_size / 1e6
        print(
            f"generated {ROUNDS:,} rounds, {ROUNDS * PER_ROUND:,} answers in {took:.1f} s"
            f" ({size:.0f} MB)"
        )
        env = env_for(home)
        play = [HITRUN, "play", "--json", "-n", str(PER_ROUND)]
        rounds = measure_rotating(
            {
                "play, seeded": [*play, "--seed", "7"],
                "play, fresh": play,
                "review": [HITRUN, "review", "--json", "--limit", str(PER_ROUND)],
            },
            env,
            args.runs,
            ANSWERS,
        )
        stats_times: dict[str, list[float]] = {
            PASS[0]: [],
            "scores --json": [],
            "stats": [],
            "stats --json": [],
        }
        cmds = [
            Cmd(PASS[0], PASS[1], env),
            Cmd("scores --json", [HITRUN, "scores", "--json"], env),
            Cmd("stats", [HITRUN, "stats", "--player", PLAYERS[0]], env),
            Cmd("stats --json", [HITRUN, "stats", "--json", "--player", PLAYERS[0]], env),
        ]
        stats_cpu: dict[str, list[float]] = {label: [] for label in stats_times}
        for cmd in cmds:
            run(cmd)
        for _ in range(args.runs):
            for cmd in cmds:
                before = cpu_of_children()
                stats_times[cmd.label].append(run(cmd)[0] * 1000)
                stats_cpu[cmd.label].append(cpu_of_children() - before)
    print_table("10-question rounds", rounds, {"seeded": "play, seeded", "fresh": "play, fresh"})
    print_table("stats", stats_times, {"pass": PASS[0], "scores": "scores --json"})
    print_table(
        "stats, CPU time of the process (user + system; steadier than wall time on a busy machine)",
        stats_cpu,
        {"pass": PASS[0], "scores": "scores --json"},
    )
    fresh = median(rounds["play, fresh"]) - median(rounds["play, seeded"])
    review = median(rounds["review"]) - median(rounds["play, fresh"])
    stats = max(median(stats_times["stats"]), median(stats_times["stats --json"]))
    ok = [
        verdict(f"fresh draw within +30 ms of a seeded one: {fresh:+.1f} ms", fresh <= 30),
        verdict(f"stats under 150 ms: {stats:.1f} ms", stats < 150),
        verdict(f"review within +30 ms of a plain (fresh) round: {review:+.1f} ms", review <= 30),
    ]
    finish(args, ok)


if __name__ == "__main__":
    main()
