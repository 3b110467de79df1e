"""A league's owner's tools: creating or migrating its schema, and its members' roles.

``league init`` (:func:`init_schema`) and ``league grant`` (:func:`grant`), with
the owner's role (DDL rights). A member's role gets SELECT on every table and
the rights play needs, and row-level security (migration 8) keeps every row it
writes to its own player name (``league_players``).
"""

from __future__ import annotations

from hitrun_quiz.errors import ScoresError, UsageError
from hitrun_quiz.store import migrations
from hitrun_quiz.store.postgres import (
    PgConn,
    PostgresBackend,
    _import_psycopg,
    _one_line,
    migrate_postgres,
    postgres_version,
)


def unnamed_players(url: str, roles: list[str]) -> list[str]:
    """The ``roles`` that have no player name on the league yet (they cannot record)."""
    if not roles:
        return []
    backend = PostgresBackend(url)
    try:
        rows = backend.connection().raw.execute("SELECT role FROM league_players").fetchall()
    finally:
        backend.close()
    named = {r[0] for r in rows}
    return [r for r in roles if r not in named]


def init_schema(url: str) -> tuple[int, list[migrations.Migration], list[str]]:
    """Create or migrate a league's schema (needs DDL rights).

    Returns (the version before, the migrations applied, the player roles whose
    rights were renewed for new tables).
    """
    backend = PostgresBackend(url)
    try:
        conn = backend.connection(check_schema=False)
        try:
            before = postgres_version(conn)
            applied = migrate_postgres(conn)
            renewed = _players(conn) if applied and before else []
            with conn.transaction():
                for role in renewed:
                    _grant(conn, role)
        except migrations.SchemaTooNew as e:
            raise ScoresError(
                f"the league at {backend.describe()} has schema v{e.found}, newer than this"
                f" hitrun-quiz (v{e.known}): upgrade hitrun-quiz"
            ) from None
        except _import_psycopg().Error as e:
            err = backend._translate(e, writing=True)
            if err is e:
                err = ScoresError(
                    f"league init at {backend.describe()} failed: {_one_line(backend.parsed, e)}"
                )
            raise err from None
        return before, applied, renewed
    finally:
        backend.close()


def grant(url: str, role: str, player: str) -> list[str]:
    """Let ``role`` play on the league as ``player`` (and only as ``player``).

    Maps the role to the player name (``league_players``) and gives it what play
    needs (:func:`_grant`); row-level security (migration 8) keeps every row it
    writes to that name. Returns the tables. A name already mapped to another
    role, or an unknown role, is a UsageError.
    """
    from hitrun_quiz.safetext import clean_player_name, fold_name

    name = clean_player_name(player)
    if not name:
        raise UsageError("league grant: --player needs a name")
    backend = PostgresBackend(url)
    psycopg = _import_psycopg()
    try:
        conn = backend.connection()
        try:
            with conn.transaction():
                taken = conn.raw.execute(
                    "SELECT role FROM league_players WHERE player_key = %s AND role <> %s",
                    (fold_name(name), role),
                ).fetchone()
                if taken is not None:
                    raise UsageError(
                        f'league grant: the player "{name}" already belongs to the role'
                        f' "{taken[0]}"'
                    )
                tables = _grant(conn, role)
                conn.raw.execute(
                    "INSERT INTO league_players (role, player, player_key) VALUES (%s, %s, %s)"
                    " ON CONFLICT (role) DO UPDATE SET player = excluded.player,"
                    " player_key = excluded.player_key",
                    (role, name, fold_name(name)),
                )
                return tables
        except psycopg.errors.UndefinedObject:
            raise UsageError(
                f'no role "{role}" on the league at {backend.describe()}:'
                f" create it first (CREATE ROLE ... LOGIN PASSWORD '...')"
            ) from None
        except psycopg.Error as e:
            raise backend._translate(e, writing=True) from None
    finally:
        backend.close()


def _tables(conn: PgConn) -> list[str]:
    rows = conn.raw.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    ).fetchall()
    return [r[0] for r in rows]


#: What a player's role may do besides SELECT: INSERT its own rows (row-level
#: security checks the player name), UPDATE only its own cards; no DELETE anywhere.
_PLAYER_RIGHTS = {
    "rounds": "INSERT",
    "round_packs": "INSERT",
    "results": "INSERT",
    "cards": "INSERT, UPDATE",
    "review_logs": "INSERT",
    "daily_attempts": "INSERT",
    "daily_claims": "INSERT, UPDATE, DELETE",  # its own claims only (row-level security)
}


def _grant(conn: PgConn, role: str) -> list[str]:
    """SELECT on every table, the play rights above, USAGE on sequences; nothing else."""
    from psycopg import sql

    who = sql.Identifier(role)
    row = conn.raw.execute("SELECT current_schema()").fetchone()
    assert row is not None
    schema = row[0]
    conn.raw.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), who))
    tables = _tables(conn)
    for table in tables:
        name = sql.Identifier(table)
        conn.raw.execute(sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(name, who))
        rights = ", ".join(["SELECT", *filter(None, [_PLAYER_RIGHTS.get(table)])])
        conn.raw.execute(sql.SQL(f"GRANT {rights} ON TABLE {{}} TO {{}}").format(name, who))
    conn.raw.execute(
        sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            sql.Identifier(schema), who
        )
    )
    return tables


def _players(conn: PgConn) -> list[str]:
    """Roles other than the owner that may INSERT into rounds: the league's players."""
    rows = conn.raw.execute(
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants"
        " WHERE table_schema = current_schema() AND table_name = 'rounds'"
        " AND privilege_type = 'INSERT' AND grantee <> current_user ORDER BY grantee"
    ).fetchall()
    return [r[0] for r in rows]
