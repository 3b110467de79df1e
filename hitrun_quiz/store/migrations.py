"""Ordered, named schema migrations of the score store, ONE list for both engines.

To change the schema, append a :class:`Migration` with the next version; never
edit or reorder one that has shipped. A migration is an SQL script, with the
few types that differ as ``{INT}``, ``{REAL}``, ``{ID}``, ``{WITHOUT_ROWID}``
fields that the engine's :class:`~hitrun_quiz.store.dialect.Dialect` fills in,
or a function of a :class:`~hitrun_quiz.store.base.Conn` (statements with ``?``
placeholders); a league's access rules (row-level security) are PostgreSQL's
own SQL in ``postgres``. Every applied migration is listed in ``_migrations``
(version, name, unix time).

SQLite: the version lives in the database header (``PRAGMA user_version``) and
the file is marked as ours with ``PRAGMA application_id``, so another program's
SQLite file is never taken for (and migrated into) a scores database.
``migrate`` applies every pending migration in ONE ``BEGIN IMMEDIATE``
transaction and re-reads the version once it holds the write lock, so two
processes creating the database at the same moment both succeed and the
migrations run exactly once (store/sqlite.py: ``migrate``).

PostgreSQL: the version is ``MAX(version)`` of ``_migrations``; migrations run
only from ``hitrun-quiz league init`` (DDL rights), never during play
(store/postgres.py: ``migrate_postgres``), in one transaction under an advisory lock.
Both go through :func:`apply`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from hitrun_quiz.store import dialect

if TYPE_CHECKING:
    from hitrun_quiz.store.base import Conn

#: ``PRAGMA application_id`` of a hitrun-quiz scores database ("HQZ1").
APPLICATION_ID = 0x48515A31


class Migration(NamedTuple):
    """One schema step: run ``apply`` (an SQL script or a callable) to reach ``version``."""

    version: int
    name: str
    apply: str | Callable[[Conn], None]  # a script (Dialect.ddl fills it in), or a function
    #: PostgreSQL only (a league's access rules), run after ``apply``; nothing on SQLite.
    postgres: str = ""


class SchemaTooNew(Exception):
    """The database was written by a newer hitrun-quiz than this one."""

    def __init__(self, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(f"schema v{found}, this version knows up to v{known}")


class NotOurDatabase(Exception):
    """The file is an SQLite database, but not a hitrun-quiz scores database."""


_V1 = """
CREATE TABLE rounds (
    id          {ID},
    player      TEXT    NOT NULL,
    score       {INT} NOT NULL,
    correct     {INT} NOT NULL,
    answered    {INT} NOT NULL,
    total       {INT} NOT NULL,
    filters     TEXT    NOT NULL,           -- JSON object
    seed        {INT} NOT NULL,
    mode        TEXT    NOT NULL,           -- 'interactive' | 'scripted'
    started_at  {REAL}    NOT NULL,           -- unix time
    finished_at {REAL}    NOT NULL,           -- unix time
    finished    {INT} NOT NULL            -- 0 | 1; only 1 enters the table
);

-- top(): finished rounds in table order, read straight off the index;
-- rank(): a COUNT over the index entries ordered before a round.
CREATE INDEX rounds_rank ON rounds (finished, score DESC, finished_at, id);

-- top(player=...): same order, one player (case-insensitive).
CREATE INDEX rounds_player
    ON rounds ({PLAYER_NOCASE}, finished, score DESC, finished_at, id);

-- finished/score/finished_at are copied from the round (rounds never change once
-- recorded) so that top(pack=...) also reads its rows straight off an index.
CREATE TABLE round_packs (
    round_id    {INT} NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    pack_id     TEXT    NOT NULL,
    position    {INT} NOT NULL,           -- order the packs were given in
    finished    {INT} NOT NULL,
    score       {INT} NOT NULL,
    finished_at {REAL}    NOT NULL,
    PRIMARY KEY (round_id, pack_id)
) {WITHOUT_ROWID};

CREATE INDEX round_packs_rank
    ON round_packs (pack_id, finished, score DESC, finished_at, round_id);

CREATE TABLE results (
    round_id    {INT} NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position    {INT} NOT NULL,           -- 0-based place in the round
    pack_id     TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    correct     {INT} NOT NULL,
    answered    {INT} NOT NULL,
    points      {INT} NOT NULL,
    seconds     {REAL},                       -- NULL: not timed
    given       TEXT,                       -- NULL: no answer given
    PRIMARY KEY (round_id, position)
) {WITHOUT_ROWID};

"""

# Daily rounds (app/daily.py): each FINISHED daily round is one row, official or
# practice. The round itself is in `rounds` (mode 'daily', never on the normal
# boards). At most one official attempt per player, day and pack: the partial
# unique index makes a race between two processes end with one official row.
_V2 = """
CREATE TABLE daily_attempts (
    round_id    {INT} NOT NULL PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    player_key  TEXT    NOT NULL,           -- the cleaned player name, casefolded
    day         TEXT    NOT NULL,           -- local date, YYYY-MM-DD
    day_number  {INT} NOT NULL,           -- #1 = 2021-08-06
    pack_id     TEXT    NOT NULL,
    pack_key    TEXT    NOT NULL,           -- pack id and content digest: the round's source
    official    {INT} NOT NULL            -- 1: on the day's board; 0: practice
);

CREATE UNIQUE INDEX daily_one_official
    ON daily_attempts (player_key, day, pack_id) WHERE official = 1;

-- streak(): a player's official days; board(): a day's official rounds.
CREATE INDEX daily_player ON daily_attempts (player_key, official, day);
CREATE INDEX daily_board ON daily_attempts (day, official, pack_id);
"""


def _v3_boards(conn: Conn) -> None:
    """Give every round its board (packs, count, timed or not, mode), backfilled.

    Portable SQL only, run one statement at a time.  Rounds recorded before
    this migration did not keep their time limit: they go on the untimed board.
    """
    from hitrun_quiz.store.boards import board_key

    conn.execute("ALTER TABLE rounds ADD COLUMN board TEXT NOT NULL DEFAULT ''")
    packs: dict[int, list[str]] = {}
    rounds: dict[int, tuple[int, str]] = {}
    for round_id, total, mode, pack_id in conn.execute(
        "SELECT r.id, r.total, r.mode, p.pack_id FROM rounds r"
        " LEFT JOIN round_packs p ON p.round_id = r.id ORDER BY r.id"
    ).fetchall():
        rounds[round_id] = (total, mode)
        if pack_id is not None:
            packs.setdefault(round_id, []).append(pack_id)
    conn.executemany(
        "UPDATE rounds SET board = ? WHERE id = ?",
        [
            (board_key(packs.get(rid, []), total, False, mode), rid)
            for rid, (total, mode) in rounds.items()
        ],
    )
    conn.execute(
        "CREATE INDEX rounds_board ON rounds (board, finished, score DESC, finished_at, id)"
    )


# Memory: fresh draws, replay, spaced review (FSRS cards) and statistics.
# Portable SQL (SQLite and PostgreSQL). The player is keyed on a folded name
# (``player_key``: Python's casefold for new rows; lower() for rounds recorded
# before this migration (v5)). ``cards`` holds one row per player and question (pack
# id + question id, never the text): how often it was asked and answered right,
# the last round it was in (fresh draws read this, not the whole results table),
# and its FSRS state (NULL until the first answer scheduled by the game).
_V5_MEMORY = """
ALTER TABLE rounds ADD COLUMN player_key TEXT;
ALTER TABLE rounds ADD COLUMN draw TEXT;            -- seeded|fresh|replay|review|misses
ALTER TABLE rounds ADD COLUMN time_limit {REAL};      -- NULL: not timed
ALTER TABLE rounds ADD COLUMN best_streak {INT};  -- NULL for rounds recorded before v5
ALTER TABLE rounds ADD COLUMN unplayed TEXT;        -- JSON: questions drawn but never reached
UPDATE rounds SET player_key = lower(player), draw = 'seeded';

ALTER TABLE results ADD COLUMN outcome TEXT;        -- 'correct' | 'wrong' | 'skipped' | 'timeout'
ALTER TABLE results ADD COLUMN choices TEXT;        -- choice order shown, e.g. '2013'; else NULL
UPDATE results SET outcome = CASE WHEN correct = 1 THEN 'correct'
                                  WHEN answered = 1 THEN 'wrong' ELSE 'skipped' END;

-- A player's rounds: the last one (--misses), history, stats by week, forget; it
-- covers what stats reads of every round (counts, best round per board, streak).
CREATE INDEX rounds_player_key
    ON rounds (player_key, finished_at, finished, score, total, mode, time_limit, best_streak);

CREATE TABLE cards (
    player_key    TEXT    NOT NULL,
    pack_id       TEXT    NOT NULL,
    question_id   TEXT    NOT NULL,
    asked         {INT} NOT NULL,     -- answers recorded (right, wrong, skipped, timed out)
    correct       {INT} NOT NULL,     -- of which right
    last_round_id {INT} NOT NULL,
    last_seen_at  {REAL}    NOT NULL,     -- unix time
    state         {INT},              -- FSRS: 1 learning, 2 review, 3 relearning
    step          {INT},
    stability     {REAL},                 -- days
    difficulty    {REAL},
    due           {REAL},                 -- unix time
    last_review   {REAL},                 -- unix time
    PRIMARY KEY (player_key, pack_id, question_id)
);

-- review: a player's due cards, soonest first.
CREATE INDEX cards_due ON cards (player_key, due);

CREATE TABLE review_logs (
    id          {ID},
    player_key  TEXT    NOT NULL,
    pack_id     TEXT    NOT NULL,
    question_id TEXT    NOT NULL,
    round_id    {INT} NOT NULL,
    rating      {INT} NOT NULL,       -- FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at {REAL}    NOT NULL,       -- unix time
    seconds     {REAL}
);

CREATE INDEX review_logs_player ON review_logs (player_key, reviewed_at);

INSERT INTO cards (player_key, pack_id, question_id, asked, correct, last_round_id, last_seen_at)
SELECT r.player_key, s.pack_id, s.question_id, COUNT(*), SUM(s.correct), MAX(r.id),
       MAX(r.finished_at)
FROM results s JOIN rounds r ON r.id = s.round_id
GROUP BY r.player_key, s.pack_id, s.question_id;
"""


def _v6_fold_player_keys(conn: Conn) -> None:
    """A folded player name (NFKC, then casefold) to query by: "élodie" finds "Élodie".

    SQLite's NOCASE folds ASCII only.  Portable SQL; the fold itself is done in
    Python (:func:`~hitrun_quiz.safetext.fold_name`) for the rounds already stored.
    """
    from hitrun_quiz.safetext import fold_name

    # v5 added player_key (lower() for the rounds then stored); fold them properly.
    rows = conn.execute("SELECT id, player FROM rounds").fetchall()
    conn.executemany(
        "UPDATE rounds SET player_key = ? WHERE id = ?", [(fold_name(p), i) for i, p in rows]
    )
    conn.execute("DROP INDEX IF EXISTS rounds_player")
    conn.execute(
        "CREATE INDEX rounds_player_fold"
        " ON rounds (player_key, finished, score DESC, finished_at, id)"
    )


#: Every migration, oldest first; versions are 1, 2, 3, ... without gaps.
_V4_ROUND_UUID = """
-- Every round carries a UUID made where it was played, so a round sent twice
-- (a league's outbox resending after a lost answer) is stored once:
-- INSERT ... ON CONFLICT (uuid) DO NOTHING. Older rounds keep NULL.
ALTER TABLE rounds ADD COLUMN uuid TEXT;
CREATE UNIQUE INDEX rounds_uuid ON rounds (uuid);
"""

# Modes and lifelines (game/modes.py, game/lifelines.py): the rules a round was played
# by, and the lifelines used on each answer. Rounds recorded before are classic.
_V7_MODES = """
ALTER TABLE rounds ADD COLUMN game_mode TEXT;       -- classic|survival|ladder|blitz; NULL: classic
ALTER TABLE results ADD COLUMN lifelines TEXT;      -- e.g. '50,hint'; NULL: none
"""

# A league (PostgreSQL only): each player's role writes only its own rows.
# ``league_players`` maps a role to the one player name it plays as (``league
# grant ROLE --player PLAYER``); row-level security checks every row a role
# inserts or updates against it. The owner owns the tables, so RLS does not
# apply to it (no FORCE): it keeps reset and forget. A role without a mapping
# can read but not write. Players get no UPDATE on anything but their cards and
# no DELETE at all (store/postgres.py: _grant).
# The checks are written into the policies (not into SQL functions): a policy
# keeps the tables it names, so no temporary table of a player's session can
# stand in for league_players.
_MINE = "(SELECT lp.player_key FROM league_players lp WHERE lp.role = current_user::text)"
_MY_NAME = "(SELECT lp.player FROM league_players lp WHERE lp.role = current_user::text)"


def _owns(column: str) -> str:
    return f"EXISTS (SELECT 1 FROM rounds r WHERE r.id = {column} AND r.player_key = {_MINE})"


_V8_LEAGUE_RLS = f"""
CREATE TABLE league_players (
    role       TEXT PRIMARY KEY,            -- a PostgreSQL role (current_user)
    player     TEXT NOT NULL,               -- the cleaned player name it plays as
    player_key TEXT NOT NULL UNIQUE         -- its folded form: one role per player
);

ALTER TABLE rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE round_packs ENABLE ROW LEVEL SECURITY;
ALTER TABLE results ENABLE ROW LEVEL SECURITY;
ALTER TABLE cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE review_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_attempts ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON rounds FOR SELECT USING (true);
CREATE POLICY read_all ON round_packs FOR SELECT USING (true);
CREATE POLICY read_all ON results FOR SELECT USING (true);
CREATE POLICY read_all ON cards FOR SELECT USING (true);
CREATE POLICY read_all ON review_logs FOR SELECT USING (true);
CREATE POLICY read_all ON daily_attempts FOR SELECT USING (true);

CREATE POLICY insert_own ON rounds FOR INSERT
    WITH CHECK (player_key = {_MINE} AND lower(player) = lower({_MY_NAME}));
CREATE POLICY insert_own ON round_packs FOR INSERT WITH CHECK ({_owns("round_id")});
CREATE POLICY insert_own ON results FOR INSERT WITH CHECK ({_owns("round_id")});
CREATE POLICY insert_own ON cards FOR INSERT
    WITH CHECK (player_key = {_MINE} AND {_owns("last_round_id")});
CREATE POLICY update_own ON cards FOR UPDATE USING (player_key = {_MINE})
    WITH CHECK (player_key = {_MINE} AND {_owns("last_round_id")});
CREATE POLICY insert_own ON review_logs FOR INSERT
    WITH CHECK (player_key = {_MINE} AND {_owns("round_id")});
CREATE POLICY insert_own ON daily_attempts FOR INSERT
    WITH CHECK (player_key = {_MINE} AND {_owns("round_id")});
"""

# Daily rounds started at once: the run that will be official claims the day at
# its start (one row per player, day and pack, held by a random token until
# the round is recorded or abandoned), so only that run says "official
# attempt". A claim older than store/daily.py's CLAIM_LEASE_S (a crashed run)
# is taken over.
_V9_DAILY_CLAIMS = """
CREATE TABLE daily_claims (
    player_key  TEXT    NOT NULL,
    day         TEXT    NOT NULL,           -- local date, YYYY-MM-DD
    pack_id     TEXT    NOT NULL,
    token       TEXT    NOT NULL,           -- the claiming run's
    claimed_at  {REAL}    NOT NULL,           -- unix time
    PRIMARY KEY (player_key, day, pack_id)
);
"""

_V9_LEAGUE = f"""
ALTER TABLE daily_claims ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON daily_claims FOR SELECT USING (true);
CREATE POLICY own ON daily_claims FOR ALL USING (player_key = {_MINE})
    WITH CHECK (player_key = {_MINE});
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create rounds, round_packs, results", _V1),
    Migration(2, "create daily_attempts", _V2),
    Migration(3, "rounds.board: a leaderboard per board", _v3_boards),
    Migration(4, "rounds.uuid: a round sent twice is stored once", _V4_ROUND_UUID),
    Migration(5, "memory: player keys, draw kinds, cards and review logs", _V5_MEMORY),
    Migration(6, "rounds.player_key: Unicode case folding", _v6_fold_player_keys),
    Migration(7, "rounds.game_mode, results.lifelines: modes and lifelines", _V7_MODES),
    Migration(8, "league: each player writes only their own rows", "", _V8_LEAGUE_RLS),
    Migration(
        9, "daily_claims: one official daily attempt at a time", _V9_DAILY_CLAIMS, _V9_LEAGUE
    ),
)

#: The schema version this code writes and reads.
LATEST: int = MIGRATIONS[-1].version


_HEADER_SQL = """
SELECT (SELECT application_id FROM pragma_application_id()),
       (SELECT user_version FROM pragma_user_version()),
       EXISTS (SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\')
"""


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (``;`` inside strings is safe).

    ``executescript`` would COMMIT the surrounding transaction, so scripts are run
    one statement at a time instead.
    """
    out: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            stmt = buf.strip()
            if stmt.rstrip(";").strip():
                out.append(stmt)
            buf = ""
    if buf.rstrip(";").strip():
        out.append(buf.rstrip(";").strip())
    return out


def schema_version(conn: sqlite3.Connection) -> int:
    """Check that ``conn`` is a scores database this code can use; return its version.

    0 means an empty database (nothing applied yet). Raises :class:`NotOurDatabase`
    for another program's SQLite file and :class:`SchemaTooNew` for a newer schema.
    Reads only the header and the schema table, never writes.
    """
    # ONE statement, so one snapshot: another process may be committing the first
    # migration right now, and mixing its before and after would look like garbage.
    app_id, version, has_tables = conn.execute(_HEADER_SQL).fetchone()
    if app_id == APPLICATION_ID:
        if version > LATEST:
            raise SchemaTooNew(version, LATEST)
        return int(version)
    if app_id == 0 and version == 0 and not has_tables:
        return 0
    raise NotOurDatabase("it holds another program's data")


def apply(conn: Conn, pending: list[Migration], now: Callable[[], float]) -> None:
    """Run ``pending`` in the caller's transaction, with the bookkeeping (both engines)."""
    d = conn.dialect
    if pending:
        conn.script(d.ddl(dialect.MIGRATIONS_TABLE))
    for m in pending:
        if callable(m.apply):
            m.apply(conn)
        else:
            for stmt in statements(d.ddl(m.apply)):
                conn.script(stmt)
        if m.postgres and not d.version_in_header:
            conn.script(m.postgres)  # PostgreSQL's own SQL, one script
        conn.execute(dialect.MARK_APPLIED, (m.version, m.name, now()))
        if d.version_in_header:
            conn.script(f"PRAGMA user_version = {int(m.version)}")
