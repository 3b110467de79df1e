"""How long ``hitrun-quiz scores --json`` takes on 100,000 recorded rounds vs none.

Two temporary data dirs: one whose scores DB is empty (one round recorded, then
reset), one with 100,000 rounds of 10 results each, recorded through
``ScoreStore.record`` as the game does. Target: the full DB's median within
20 ms of the empty DB's.

Usage: .venv/bin/python bench/scores_query.py [--runs N] [--check]
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from _common import (
    HITRUN,
    PASS,
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

from hitrun_quiz.paths import scores_db
from hitrun_quiz.store.boards import board_key
from hitrun_quiz.store.records import QuestionResult, RoundRecord
from hitrun_quiz.store.scores import ScoreStore

ROUNDS = 100_000
PLAYERS = [f"player{n:02d}" for n in range(40)]
NO_FILTERS = {"category": [], "difficulty": [], "type": []}


def fake_round(rng: random.Random, i: int) -> RoundRecord:
    """A round like a played one: 10 results, mostly finished, sometimes two packs."""
    results = [
        QuestionResult(
            pack_id="hit-and-run",
            question_id=f"q{rng.randrange(181):03d}",
            correct=(correct := rng.random() < 0.6),
            answered=correct or rng.random() < 0.8,
            points=rng.choice((100, 200, 300)) if correct else 0,
            seconds=round(rng.uniform(1, 20), 3),
            given="Lior Raz" if correct else "Sanaa Lathan",
        )
        for _ in range(10)
    ]
    started = 1_628_000_000 + i * 600
    packs = ["hit-and-run", "bench-extra"] if i % 10 == 0 else ["hit-and-run"]
    mode = rng.choice(("interactive", "scripted"))
    return RoundRecord(
        player=rng.choice(PLAYERS),
        score=sum(r.points for r in results),
        correct=sum(r.correct for r in results),
        answered=sum(r.answered for r in results),
        total=10,
        packs=packs,
        filters=NO_FILTERS,
        seed=rng.randrange(1_000_000_000),
        mode=mode,
        started_at=started,
        finished_at=started + rng.uniform(30, 300),
        finished=rng.random() < 0.9,
        results=results,
        board=board_key(packs, 10, False, mode),  # half of them on the default board
    )


def fill(db: Path, rounds: int) -> None:
    rng = random.Random(2021)
    with ScoreStore(db) as store:
        for i in range(rounds):
            store.record(fake_round(rng, i))


def make_empty(db: Path) -> None:
    with ScoreStore(db) as store:
        store.record(fake_round(random.Random(0), 0))
        store.reset()


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    with temp_dir() as empty_home, temp_dir() as full_home:
        db_name = scores_db().name
        make_empty(empty_home / db_name)
        started = time.perf_counter()
        fill(full_home / db_name, ROUNDS)
        took, size = time.perf_counter() - started, (full_home / db_name).stat().st_size / 1e6
        print(f"recorded {ROUNDS:,} rounds in {took:.1f} s ({size:.0f} MB)")

        base = Cmd(PASS[0], PASS[1], env_for(empty_home))
        empty = Cmd("scores --json (empty DB)", [HITRUN, "scores", "--json"], env_for(empty_home))
        full = Cmd(f"scores --json ({ROUNDS:,})", [HITRUN, "scores", "--json"], env_for(full_home))
        rows = (len(json.loads(run(empty)[1])), len(json.loads(run(full)[1])))
        if rows != (0, 10):
            raise SystemExit(f"expected 0 and 10 rows, got {rows}")
        times = measure([base, empty, full], args.runs)
    print_table("high-score query", times, {"pass": base.label, "empty": empty.label})
    diff = median(times[full.label]) - median(times[empty.label])
    ok = verdict(f"{ROUNDS:,} rounds within 20 ms of the empty DB: {diff:+.1f} ms", diff < 20)
    finish(args, [ok])


if __name__ == "__main__":
    main()
