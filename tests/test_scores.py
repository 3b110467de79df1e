"""The high-score store: on both engines (a real SQLite file, a real PostgreSQL server).

Tests that take the ``store``/``engine`` fixtures run twice, once per engine
(tests/conftest.py); the ones about files (corrupt, read-only, missing) are
SQLite's own.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hitrun_quiz.errors import QuizError, ScoresError
from hitrun_quiz.safetext import clean_player_name
from hitrun_quiz.store import migrations
from hitrun_quiz.store.records import QuestionResult, RoundRecord, ScoreRow
from hitrun_quiz.store.scores import MAX_PLAYER_LEN, ScoresNotSaved, ScoreStore
from hitrun_quiz.store.sqlite import SqliteConn, migrate

from .conftest import Engine

REPO = Path(__file__).resolve().parents[1]
T0 = 1_750_000_000.0


def make_round(
    player: str = "Ada",
    score: int = 100,
    *,
    finished: bool = True,
    finished_at: float = T0,
    packs: list[str] | None = None,
    results: list[QuestionResult] | None = None,
    seed: int = 7,
    board: str = "",
    draw: str = "seeded",
) -> RoundRecord:
    return RoundRecord(
        player=player,
        score=score,
        correct=2,
        answered=3,
        total=4,
        packs=["core"] if packs is None else packs,
        filters={"difficulty": "hard", "tags": ["cast"]},
        seed=seed,
        mode="scripted",
        started_at=finished_at - 60,
        finished_at=finished_at,
        finished=finished,
        results=[] if results is None else results,
        board=board,
        draw=draw,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "scores.db"


@pytest.fixture
def store(engine: Engine):
    with ScoreStore(engine.target) as s:
        yield s


def query(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def real_db_bytes(tmp_path: Path) -> bytes:
    """The bytes of a real scores database with a few rounds, checkpointed."""
    path = tmp_path / "real" / "scores.db"
    with ScoreStore(path) as s:
        for i in range(30):
            s.record(make_round(f"p{i}", i, finished_at=T0 + i, results=make_results(5)))
    return path.read_bytes()  # last connection closed: the WAL is checkpointed


def make_results(n: int) -> list[QuestionResult]:
    return [
        QuestionResult("core", f"q{i}", i % 2 == 0, i != 3, 10 * i, 1.25 * i or None, f"ans {i}")
        for i in range(n)
    ]


# --------------------------------------------------------------------- record / read


def test_record_and_read_back(store: ScoreStore, engine: Engine) -> None:
    results = [
        QuestionResult("core", "q1", True, True, 150, 2.5, "B"),
        QuestionResult("extra", "q9", False, False, 0, None, None),
        QuestionResult("core", "q2", False, True, 0, 11.0, "Ω; DROP TABLE rounds"),
    ]
    rec = make_round("  Ada\tLovelace ", 150, packs=["extra", "core", "extra"], results=results)
    round_id = store.record(rec)
    assert isinstance(round_id, int)

    [row] = store.top()
    assert row == ScoreRow(
        rank=1,
        round_id=round_id,
        player="Ada Lovelace",
        score=150,
        correct=2,
        answered=3,
        total=4,
        packs=["extra", "core"],  # given order, duplicates dropped
        mode="scripted",
        finished_at=T0,
        seed=7,
    )
    assert row.to_json() == {
        "rank": 1,
        "round_id": round_id,
        "player": "Ada Lovelace",
        "score": 150,
        "correct": 2,
        "answered": 3,
        "total": 4,
        "packs": ["extra", "core"],
        "mode": "scripted",
        "finished_at": "2025-06-15T15:06:40Z",
        "seed": 7,
        "board": "",
    }
    json.dumps(row.to_json())

    stored = engine.query(
        "SELECT position, pack_id, question_id, correct, answered, points, seconds, given"
        " FROM results WHERE round_id = ? ORDER BY position",
        (round_id,),
    )
    assert stored == [
        (0, "core", "q1", 1, 1, 150, 2.5, "B"),
        (1, "extra", "q9", 0, 0, 0, None, None),
        (2, "core", "q2", 0, 1, 0, 11.0, "Ω; DROP TABLE rounds"),
    ]
    [(filters, started, finished, mode)] = engine.query(
        "SELECT filters, started_at, finished, mode FROM rounds WHERE id = ?", (round_id,)
    )
    assert json.loads(filters) == {"difficulty": "hard", "tags": ["cast"]}
    assert (started, finished, mode) == (T0 - 60, 1, "scripted")


def test_record_is_all_or_nothing(store: ScoreStore, engine: Engine) -> None:
    store.record(make_round("before"))
    bad = [*make_results(3), QuestionResult("core", "q", True, True, 2**70, None, None)]
    with pytest.raises(OverflowError):  # the last result cannot be stored
        store.record(make_round("Bob", results=bad))
    assert store.count() == 1
    assert engine.query("SELECT COUNT(*) FROM results") == [(0,)]
    assert engine.query("SELECT COUNT(*) FROM round_packs") == [(1,)]
    store.record(make_round("after"))  # the store is still usable
    assert [r.player for r in store.top()] == ["before", "after"]


def test_record_rejects_empty_name_and_unknown_mode(store: ScoreStore) -> None:
    with pytest.raises(ValueError, match="empty"):
        store.record(make_round("\x1b[2J \n"))
    rec = make_round()
    rec.mode = "turbo"
    with pytest.raises(ValueError, match="mode"):
        store.record(rec)
    with pytest.raises(ValueError, match="64 bits"):
        store.record(make_round(seed=2**64 - 1))
    assert store.count() == 0
    store.record(make_round(seed=2**63 - 1))
    assert store.top()[0].seed == 2**63 - 1


def test_lone_surrogates_are_stored(store: ScoreStore) -> None:
    bad = "x\udcff"  # what undecodable argv bytes look like
    store.record(
        make_round(bad, packs=[bad], results=[QuestionResult(bad, bad, True, True, 1, None, bad)])
    )
    [row] = store.top()
    assert row.player == "x"
    assert row.packs == ["x?"]


# --------------------------------------------------------------------- ordering / filters


def test_order_score_then_earlier_finish_then_id(store: ScoreStore) -> None:
    ids = {
        "late": store.record(make_round("late", 50, finished_at=T0 + 10)),
        "best": store.record(make_round("best", 90, finished_at=T0 + 20)),
        "early": store.record(make_round("early", 50, finished_at=T0 + 5)),
        "same1": store.record(make_round("same1", 50, finished_at=T0 + 10)),
        "low": store.record(make_round("low", -5, finished_at=T0)),
    }
    rows = store.top()
    assert [r.player for r in rows] == ["best", "early", "late", "same1", "low"]
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5]
    for r in rows:
        assert store.rank(r.round_id) == r.rank
    assert store.rank(ids["same1"]) == 4


def test_unfinished_rounds_are_recorded_but_never_ranked(store: ScoreStore) -> None:
    store.record(make_round("done", 10))
    quit_id = store.record(make_round("quitter", 999, finished=False))
    assert [r.player for r in store.top()] == ["done"]
    assert store.rank(quit_id) is None
    assert store.rank(123456) is None
    assert store.count() == 2
    assert store.count(finished_only=True) == 1
    assert store.top(player="quitter") == []


def test_pack_and_player_filters_and_limit(store: ScoreStore) -> None:
    store.record(make_round("Ada", 30, packs=["core"], finished_at=T0 + 1))
    store.record(make_round("ada", 20, packs=["core", "cast"], finished_at=T0 + 2))
    store.record(make_round("Bob", 50, packs=["cast"], finished_at=T0 + 3))
    store.record(make_round("Bob", 99, packs=["cast"], finished=False))
    store.record(make_round("Ada Lovelace", 10, packs=["trivia"], finished_at=T0 + 4))

    assert [(r.player, r.score) for r in store.top(pack="cast")] == [("Bob", 50), ("ada", 20)]
    assert [r.rank for r in store.top(pack="cast")] == [1, 2]  # places in the filtered table
    assert [r.score for r in store.top(player="ADA")] == [30, 20]  # case-insensitive, exact
    assert [r.score for r in store.top(player=" ada\n lovelace ")] == [10]  # cleaned first
    assert [r.score for r in store.top(pack="cast", player="ada")] == [20]
    assert store.top(pack="nope") == []
    assert store.top(player="nobody") == []
    assert [r.score for r in store.top(limit=2)] == [50, 30]
    assert store.top(limit=0) == []
    assert len(store.top(limit=None)) == 4


def test_top_10_of_2000_rounds(store: ScoreStore, engine: Engine) -> None:
    rng = random.Random(42)
    started = time.perf_counter()
    expected = []
    for i in range(2000):
        score = rng.randrange(300)  # many ties
        finished_at = T0 + rng.randrange(500)
        finished = rng.random() > 0.2
        packs = ["core"] if i % 3 else ["core", "cast"]
        round_id = store.record(
            make_round(f"p{i % 40}", score, finished=finished, finished_at=finished_at, packs=packs)
        )
        if finished:
            expected.append((-score, finished_at, round_id, packs))
    expected.sort()
    if engine.name == "sqlite":
        assert time.perf_counter() - started < 4

    assert [r.round_id for r in store.top(10)] == [e[2] for e in expected[:10]]
    cast = [e[2] for e in expected if "cast" in e[3]]
    assert [r.round_id for r in store.top(10, pack="cast")] == cast[:10]
    everything = store.top(None)
    assert [r.round_id for r in everything] == [e[2] for e in expected]
    for row in everything[::97]:
        assert store.rank(row.round_id) == row.rank
    if engine.name != "sqlite":
        return
    plan = " ".join(
        str(r)
        for r in engine.query(
            "EXPLAIN QUERY PLAN SELECT id FROM rounds WHERE finished = 1"
            " ORDER BY score DESC, finished_at ASC, id ASC LIMIT 10",
        )
    )
    assert "rounds_rank" in plan and "TEMP B-TREE" not in plan


# --------------------------------------------------------------------- reset


def test_reset_deletes_everything(store: ScoreStore, engine: Engine) -> None:
    for i in range(5):
        store.record(make_round(f"p{i}", i, finished=i != 2, results=make_results(3)))
    assert store.reset() == 5
    assert store.count() == 0
    assert store.top() == []
    for table in ("rounds", "round_packs", "results"):
        assert engine.query(f"SELECT COUNT(*) FROM {table}") == [(0,)]
    assert store.reset() == 0
    store.record(make_round("again"))
    assert store.count() == 1


def test_reset_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none" / "scores.db"
    with ScoreStore(path) as s:
        assert s.reset() == 0
    assert not path.parent.exists()


# --------------------------------------------------------------------- migrations


def test_migrations_are_recorded_and_idempotent(db: Path) -> None:
    with ScoreStore(db) as s:
        s.record(make_round())
    assert query(db, "PRAGMA user_version") == [(migrations.LATEST,)]
    assert query(db, "PRAGMA application_id") == [(migrations.APPLICATION_ID,)]
    assert query(db, "PRAGMA journal_mode") == [("wal",)]
    applied = query(db, "SELECT version, name FROM _migrations ORDER BY version")
    assert applied == [(m.version, m.name) for m in migrations.MIGRATIONS]

    for _ in range(2):  # re-open: nothing applied again, data kept
        with ScoreStore(db) as s:
            s.record(make_round("again"))
            assert s.count() >= 2
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrate(SqliteConn(conn)) == []
    conn.close()
    assert len(query(db, "SELECT * FROM _migrations")) == len(migrations.MIGRATIONS)
    assert query(db, "SELECT COUNT(*) FROM rounds") == [(3,)]


def test_migration_list_is_ordered_without_gaps() -> None:
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    assert versions[-1] == migrations.LATEST
    assert len({m.name for m in migrations.MIGRATIONS}) == len(versions)


def test_statements_split_keeps_semicolons_in_strings_and_comments() -> None:
    script = "CREATE TABLE t (x TEXT); -- a; comment\nINSERT INTO t VALUES ('a;b');\n"
    assert migrations.statements(script) == [
        "CREATE TABLE t (x TEXT);",
        "-- a; comment\nINSERT INTO t VALUES ('a;b');",
    ]


def test_an_empty_file_is_a_new_database(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    with ScoreStore(db) as s:
        assert s.top() == [] and s.count() == 0 and s.rank(1) is None
        assert db.read_bytes() == b""
        s.record(make_round())
        assert s.count() == 1


# --------------------------------------------------------------------- reading creates nothing


def test_reading_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "absent" / "scores.db"
    with ScoreStore(path) as s:
        assert s.top() == []
        assert s.top(pack="core", player="Ada") == []
        assert s.rank(1) is None
        assert s.count() == 0
        assert s.count(finished_only=True) == 0
    assert list(tmp_path.iterdir()) == []


def test_a_reader_sees_rounds_another_store_writes(engine: Engine) -> None:
    with ScoreStore(engine.target) as reader, ScoreStore(engine.target) as writer:
        assert reader.count() == 0  # no file yet
        writer.record(make_round("first"))
        assert reader.count() == 1
        writer.record(make_round("second", 5))
        assert [r.player for r in reader.top()] == ["first", "second"]


# --------------------------------------------------------------------- refused files


def test_newer_schema_is_refused_and_left_alone(db: Path) -> None:
    with ScoreStore(db) as s:
        s.record(make_round())
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 41}")
    conn.close()
    before = db.read_bytes()

    with ScoreStore(db) as s:
        for call in (s.top, s.count, lambda: s.rank(1), lambda: s.record(make_round())):
            with pytest.raises(
                ScoresError, match=rf"newer hitrun-quiz \(schema v{migrations.LATEST + 41}"
            ):
                call()
        with pytest.raises(ScoresError) as info:
            s.reset()
    assert str(db) in str(info.value)
    assert "\n" not in str(info.value)
    assert db.read_bytes() == before


def _garbage(tmp_path: Path, kind: str) -> bytes:
    if kind == "text":
        return b"player,score\nAda,100\n"
    if kind == "random":
        return random.Random(3).randbytes(8192)
    real = real_db_bytes(tmp_path)
    if kind == "header-50":
        return real[:50]
    if kind == "header-100":
        return real[:100]
    if kind == "first-page-only":
        return real[:4096]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["text", "random", "header-50", "header-100", "first-page-only"])
@pytest.mark.parametrize("op", ["top", "count", "rank", "record", "reset"])
def test_corrupt_file_raises_and_is_never_touched(tmp_path: Path, kind: str, op: str) -> None:
    db = tmp_path / "scores.db"
    data = _garbage(tmp_path, kind)
    db.write_bytes(data)
    with ScoreStore(db) as s, pytest.raises(ScoresError) as info:
        if op == "top":
            s.top()
        elif op == "count":
            s.count()
        elif op == "rank":
            s.rank(1)
        elif op == "record":
            s.record(make_round())
        else:
            s.reset()
    message = str(info.value)
    assert message.startswith(str(db))
    assert "mv " in message and "\n" not in message
    assert not isinstance(info.value, ScoresNotSaved)
    assert db.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "real") in (
        ["scores.db"],
        ["scores.db", "scores.db-shm", "scores.db-wal"],
    )


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "scores.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with ScoreStore(db) as s:
        with pytest.raises(ScoresError, match="not a hitrun-quiz scores database"):
            s.record(make_round())
        with pytest.raises(ScoresError, match="not a hitrun-quiz scores database"):
            s.top()
    assert db.read_bytes() == before


def test_a_directory_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "scores.db").mkdir()
    with ScoreStore(tmp_path / "scores.db") as s, pytest.raises(ScoresError, match="directory"):
        s.record(make_round())


def test_a_fifo_or_a_device_as_the_database_is_refused_at_once(tmp_path: Path, cli) -> None:
    fifo = tmp_path / "scores.fifo"
    os.mkfifo(fifo)
    for target, what in ((fifo, "a FIFO"), (Path("/dev/zero"), "a character device")):
        for op in ("top", "record", "reset", "count"):
            with ScoreStore(target) as s, pytest.raises(ScoresError) as caught:
                getattr(s, op)(*([make_round()] if op == "record" else []))
            assert what in str(caught.value) and "not a regular file" in str(caught.value)
            assert "mv " not in str(caught.value)
        for args in (("scores",), ("scores", "reset", "--yes"), ("stats",)):
            started = time.monotonic()
            result = cli(*args, "--db", str(target))
            assert time.monotonic() - started < 30  # never a hang
            assert result.returncode == int(ScoresError.exit_status), result.stderr
            [line] = result.stderr.splitlines()
            assert what in line and "mv " not in line and "move" not in line
        played = cli("play", "--count", "2", "--json", "--db", str(target), input="A\nA\n")
        assert played.returncode == int(ScoresError.exit_status) and played.stdout == ""
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# --------------------------------------------------------------------- not writable


@pytest.mark.file_modes
def test_unwritable_data_dir_raises_scores_not_saved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    try:
        with ScoreStore(data / "scores.db") as s:
            with pytest.raises(ScoresNotSaved) as info:
                s.record(make_round())
            assert s.top() == [] and s.count() == 0
        assert "not writable" in str(info.value)
        with ScoreStore(data / "sub" / "scores.db") as s, pytest.raises(ScoresNotSaved):
            s.record(make_round())
    finally:
        data.chmod(0o700)


@pytest.mark.file_modes
def test_existing_database_in_a_read_only_dir_is_still_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with ScoreStore(data / "scores.db") as s:
        s.record(make_round("kept", 42))
    before = (data / "scores.db").read_bytes()
    data.chmod(0o500)
    try:
        with ScoreStore(data / "scores.db") as s:
            assert [(r.player, r.score) for r in s.top()] == [("kept", 42)]
            assert s.count() == 1
            with pytest.raises(ScoresNotSaved, match="not writable"):
                s.record(make_round())
            assert s.count() == 1
    finally:
        data.chmod(0o700)
    assert (data / "scores.db").read_bytes() == before


def test_data_dir_that_cannot_be_created_raises_scores_not_saved(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data dir should be\n")
    with ScoreStore(blocker / "deeper" / "scores.db") as s:
        with pytest.raises(ScoresNotSaved) as info:
            s.record(make_round())
        assert s.top() == []
    assert isinstance(info.value, QuizError) and not isinstance(info.value, ScoresError)
    assert str(blocker) in str(info.value) and "\n" not in str(info.value)
    assert blocker.read_text() == "a file where the data dir should be\n"
    assert ScoresNotSaved.__doc__


# --------------------------------------------------------------------- concurrency

_WORKER = """
import os, sys, time
from pathlib import Path
from hitrun_quiz.store.records import RoundRecord, QuestionResult
from hitrun_quiz.store.scores import ScoreStore
db, ready, go, n = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
ready.touch()
while not go.exists():
    time.sleep(0.001)
for i in range(n):
    with ScoreStore(db) as store:  # a fresh open each time: races creation and WAL setup
        store.record(RoundRecord(
            player=f"w{os.getpid()}", score=i, correct=1, answered=1, total=1, packs=["core"],
            filters={}, seed=i, mode="scripted", started_at=time.time(),
            finished_at=time.time(), finished=True,
            results=[QuestionResult("core", f"q{j}", True, True, 1, 0.5, "A") for j in range(3)],
        ))
"""


def test_many_processes_record_at_once(tmp_path: Path) -> None:
    db = tmp_path / "data" / "scores.db"  # does not exist yet: they all create it
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = []
    for w in range(8):
        ready = tmp_path / f"ready{w}"
        cmd = [sys.executable, "-c", _WORKER, str(db), str(ready), str(go), "25"]
        procs.append(
            (ready, subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        )
    deadline = time.monotonic() + 30
    while not all(ready.exists() for ready, _ in procs):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(p.poll() is None for _, p in procs), "a worker died early"
        time.sleep(0.005)
    go.touch()
    for _, p in procs:
        _out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
        assert err == b""
    with ScoreStore(db) as s:
        assert s.count() == 200
        assert len(s.top(None)) == 200
    assert query(db, "SELECT COUNT(*) FROM results") == [(600,)]
    assert query(db, "SELECT COUNT(DISTINCT player) FROM rounds") == [(8,)]
    assert len(query(db, "SELECT * FROM _migrations")) == len(migrations.MIGRATIONS)


# --------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ada", "Ada"),
        ("\x1b[2J", ""),
        ("Ada\x1b[2J\x1b[31mRed", "AdaRed"),
        ("\x9b", ""),
        ("x\x9b31mY", "xY"),
        ("Eve\x1b]0;owned\x07!", "Eve!"),
        ("Bob\nSmith", "Bob Smith"),
        ("Bob\r\n\tSmith  Jr ", "Bob Smith Jr"),
        ("a\x00b\x07c\x7fd\x85e", "abcd e"),
        ("a" * 40, "a" * 32),
        ("a" * 31 + " bcd", "a" * 31),
        ("[blink]z", "[blink]z"),
        ("[bold red]x[/]", "[bold red]x[/]"),
        ("  ", ""),
        ("", ""),
        ("Zoë 🎉", "Zoë 🎉"),
        ("left\u202eright", "leftright"),
    ],
)
def test_clean_player_name(raw: str, clean: str) -> None:
    assert clean_player_name(raw) == clean


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=0x2100), st.sampled_from("\x1b\x9b\x07\ud800\udcff[]\\")
        ),
        max_size=80,
    )
)
def test_clean_player_name_properties(raw: str) -> None:
    name = clean_player_name(raw)
    assert len(name) <= MAX_PLAYER_LEN
    assert name == name.strip()
    assert "  " not in name
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in name)
    assert clean_player_name(name) == name
    name.encode("utf-8")  # no lone surrogates


def test_importing_scores_stays_light() -> None:
    code = (
        "import sys, hitrun_quiz.store.sqlite\n"
        "heavy = {'typer', 'rich', 'questionary', 'yaml', 'platformdirs', 'psycopg'}"
        " & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=30)


# --------------------------------------------------------------------- the scores command


def test_table_options_before_a_subcommand_are_refused_not_dropped(cli, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with ScoreStore(db) as s:
        s.record(make_round("Ann", 10))
        s.record(make_round("Bob", 20))
    for args, says in (
        (("--player", "Bob", "reset", "--yes"), "hitrun-quiz scores forget Bob"),
        (("--daily", "reset", "--yes"), "--daily chooses the table"),
        (("--json", "--limit", "3", "reset", "--yes"), "--json, --limit choose the table"),
        (("--board", "all", "forget", "Ann", "--yes"), "not apply to `scores forget`"),
    ):
        result = cli("scores", *args, "--db", str(db))
        assert result.returncode == 2, (args, result.stderr)
        line = result.stderr.splitlines()[0]
        assert says in line and len(result.stderr.splitlines()) <= 2
    assert ScoreStore(db).count() == 2  # nothing deleted
    # --db names the store, so it applies before a subcommand too.
    done = cli("scores", "--db", str(db), "reset", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Deleted 2 rounds" in done.stdout


def test_a_date_after_daily_is_a_usage_error_naming_date(cli) -> None:
    result = cli("scores", "--daily", "2026-05-09")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "hitrun-quiz: --daily takes no value; for the board of another day:"
        " hitrun-quiz scores --daily --date 2026-05-09"
    )


def test_review_rounds_stay_off_the_normal_boards(store: ScoreStore) -> None:
    board = "core/10/untimed/scripted"
    normal = store.record(make_round("Ann", 50, board=board))
    review_id = store.record(make_round("Ann", 90, board=board, draw="review"))
    assert [r.round_id for r in store.top(board=board)] == [normal]
    assert [r.round_id for r in store.top(None)] == [normal]
    assert [r.round_id for r in store.top(pack="core")] == [normal]
    assert store.rank(review_id) is None and store.rank(normal) == 1
    assert store.count() == 2  # recorded all the same


def test_a_board_that_cannot_exist_is_a_usage_error(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    for bad in ("foo", "mini/0/untimed/scripted", "mini/4/slow/scripted", "mini/4/timed/daily",
                "/4/timed/scripted", "a/b/c/d/e", "mini/four/timed/scripted"):  # fmt: skip
        result = cli("scores", "--board", bad, "--db", db)
        assert result.returncode == 2, (bad, result.stderr)
        line = result.stderr.splitlines()[0]
        assert "PACKS/COUNT/timed|untimed/interactive|scripted" in line
        assert "hit-and-run/10/untimed/interactive" in line
    for good in ("mini/4/timed/scripted", "mini/survival/untimed/scripted",
                 "a+b/blitz/60s/interactive", "mini/ladder/timed/interactive"):  # fmt: skip
        empty = cli("scores", "--board", good, "--db", db)
        assert empty.returncode == 0 and "No finished rounds" in empty.stdout, good
    bad = cli("scores", "--board", "mini/blitz/soon/scripted", "--db", db)
    assert bad.returncode == 2


def test_every_board_shows_a_board_column(cli, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with ScoreStore(db) as s:
        s.record(make_round("Ann", 10, board="core/10/untimed/scripted"))
        s.record(make_round("Bob", 20, board="core+cast/5/timed/interactive"))
    out = cli("scores", "--board", "all", "--db", str(db), COLUMNS="100").stdout
    header = out.splitlines()[1]
    assert "Board" in header.split() and "Packs" not in header.split()
    assert "core/10/untimed/scripted" in out and "core+cast/5/timed/interactive" in out


def test_db_is_passed_down_to_each_recorder_not_kept_in_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hitrun_quiz.app.league import db_target
    from hitrun_quiz.app.session import Recorder
    from hitrun_quiz.errors import UsageError
    from hitrun_quiz.paths import scores_db

    monkeypatch.delenv("HITRUN_QUIZ_DB", raising=False)
    mine = Recorder.at(str(tmp_path / "a.db"))
    assert mine.path == tmp_path / "a.db"
    assert Recorder.at(None).path == scores_db() == Recorder().path  # nothing was kept
    monkeypatch.setenv("HITRUN_QUIZ_DB", str(tmp_path / "env.db"))
    assert db_target(None) == tmp_path / "env.db"
    assert db_target(str(tmp_path / "b.db")) == tmp_path / "b.db"  # --db wins
    with pytest.raises(UsageError, match="--db"):
        db_target("  ")


@pytest.mark.parametrize(
    "args",
    [
        ("play", "--count", "1", "--json"),
        ("daily", "--json"),
        ("review", "--json"),
        ("stats",),
        ("history", "--json"),
        ("scores",),
        ("scores", "reset", "--yes"),
        ("scores", "forget", "Ann", "--yes"),
        ("league", "sync"),
        ("league", "init"),
        ("league", "grant", "r", "--player", "P"),
    ],
)
def test_every_command_reads_its_db_option(cli, args: tuple[str, ...]) -> None:
    """--db reaches the store of every command that has it: a bad one is refused."""
    result = cli(*args, "--db", "mysql://u:pw-77@h/db", input="")
    assert result.returncode == 2, (args, result.stderr)
    assert "unknown scheme mysql://" in result.stderr.splitlines()[0]
    assert "pw-77" not in result.stderr and result.stdout == ""


def test_a_round_on_a_file_loads_no_league_engine(tmp_path: Path) -> None:
    # The PostgreSQL engine and the outbox are imported where the league branch is
    # taken; a scripted round recorded to an SQLite file never takes it.
    code = (
        "import sys\n"
        "from hitrun_quiz.cli import run\n"
        "code = run(['play', '--json', '--seed', '1', '--count', '3'])\n"
        "assert code == 0, code\n"
        "league = {'hitrun_quiz.store.postgres', 'hitrun_quiz.store.league',"
        " 'hitrun_quiz.store.outbox', 'psycopg'} & set(sys.modules)\n"
        "assert not league, league\n"
        "assert 'hitrun_quiz.store.sqlite' in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "HITRUN_QUIZ_HOME": str(tmp_path)}
    env.pop("HITRUN_QUIZ_DB", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        input="A\n\nB\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "scores.db").exists() or any(tmp_path.rglob("*.db"))
