"""The PostgreSQL engine under the score store: a league's shared server.

psycopg 3 (the ``league`` extra) is imported only here, and only when a
``postgresql://`` URL is used. The store's queries, written once with ``?``
placeholders, run through :class:`PgConn` (store/dialect.py's POSTGRES).
A league's URL is read by libpq's own rules (:class:`LeagueUrl`).

The connection: TLS and everything else libpq knows come through the URL
(``?sslmode=verify-full&sslrootcert=...``); at most 5 s to connect (less if
the URL's ``connect_timeout`` says so) and a 15 s statement timeout unless the
URL's ``options`` set one; autocommit, with one explicit
transaction per write. Play never runs DDL: a league whose schema is missing or
behind says "run hitrun-quiz league init" (:func:`init_schema`, with DDL rights).

Messages name the server as ``host:port/dbname``, never the password.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, TypeVar

from hitrun_quiz.errors import ScoresError, UsageError
from hitrun_quiz.store import migrations
from hitrun_quiz.store.base import (
    Conn,
    Cursor,
    LeaguePermissionDenied,
    LeagueUnavailable,
    ScoresNotSaved,
)
from hitrun_quiz.store.dialect import (
    PG_MAX_VERSION,
    PG_MIGRATION_LOCK,
    PG_VERSION,
    POSTGRES,
    Dialect,
)

if TYPE_CHECKING:
    import psycopg

T = TypeVar("T")

CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 15_000
EXTRA_HINT = "a PostgreSQL league needs psycopg: pip install 'hitrun-quiz[league]'"


# --------------------------------------------------------------------------- the URL


def _url_problem(text: str) -> str:
    """What libpq found wrong with a URL, without the URL (it may hold the password)."""
    low = text.lower()
    if "ipv6" in low:
        return "an IPv6 host needs its closing ]"
    if "percent-encoded" in low:
        return "a bad %-escape"
    if "query parameter" in low:
        return "an unknown query parameter"
    return "libpq cannot read it"


class LeagueUrl:
    """A ``postgresql://`` URL, parsed by libpq's own rules (psycopg's ``conninfo_to_dict``).

    ``what`` names where the URL came from (``--db``, ``HITRUN_QUIZ_DB``) in the
    one-line UsageError a malformed URL gives; the message never holds the URL.
    """

    def __init__(self, url: str, what: str = "--db") -> None:
        psycopg = _import_psycopg()
        from psycopg.conninfo import conninfo_to_dict

        try:
            params = conninfo_to_dict(url)
        except psycopg.Error as e:
            raise UsageError(
                f"{what}: not a valid postgresql:// URL ({_url_problem(str(e))})"
            ) from None
        self.params: dict[str, Any] = {k: v for k, v in params.items() if v is not None}
        for port in str(self.params.get("port", "")).split(","):
            if port and not (port.isdigit() and 1 <= int(port) <= 65535):
                raise UsageError(f"{what}: the port must be a number from 1 to 65535")
        timeout = str(self.params.get("connect_timeout", CONNECT_TIMEOUT_S))
        try:
            seconds = float(timeout)
        except ValueError:
            raise UsageError(f"{what}: connect_timeout must be a number of seconds") from None
        # libpq: 0 (or less) waits for ever. Never more than CONNECT_TIMEOUT_S in all.
        self.timeout = CONNECT_TIMEOUT_S if seconds <= 0 else min(seconds, CONNECT_TIMEOUT_S)

    @property
    def password(self) -> str | None:
        pw = self.params.get("password")
        return str(pw) if pw else None

    def describe(self) -> str:
        """``host:port/dbname`` (every host of a multi-host URL): no user, no password."""
        hosts = str(self.params.get("host") or self.params.get("hostaddr") or "localhost")
        ports = str(self.params.get("port") or "5432").split(",")
        out = []
        for i, host in enumerate(hosts.split(",")):
            port = ports[i] if i < len(ports) else ports[-1]
            host = f"[{host}]" if ":" in host else host
            out.append(f"{host}:{port or '5432'}")
        where = ",".join(out)
        dbname = self.params.get("dbname")
        return f"{where}/{dbname}" if dbname else where

    def connect_params(self) -> dict[str, Any]:
        """The parameters to connect with: the URL's, and our defaults where it has none.

        Applied on the parsed parameters, so nothing in a password or a user name can
        switch them off: a statement timeout unless ``options`` sets one, at most
        ``CONNECT_TIMEOUT_S`` to connect (see :func:`connect`).
        """
        params = dict(self.params)
        params.setdefault("application_name", "hitrun-quiz")
        options = str(params.get("options", ""))
        if "statement_timeout" not in options:
            params["options"] = f"{options} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip()
        params["connect_timeout"] = max(2, int(self.timeout))  # libpq's minimum is 2
        return params


def describe_url(url: str) -> str:
    """``host:port/dbname`` of a ``postgresql://`` URL: no user, no password, no options."""
    return LeagueUrl(url).describe()


# --------------------------------------------------------------------------- connection


class PgConn:
    """The store's connection on a league: a psycopg connection with PostgreSQL's dialect.

    Statements are the store's, written with ``?`` placeholders; :meth:`execute`
    hands them to psycopg with ``%s`` (:meth:`Dialect.sql`), nothing else changed.
    """

    dialect: Dialect = POSTGRES

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement; return psycopg's cursor (fetchone, fetchall, iteration)."""
        return self.raw.execute(POSTGRES.sql(sql), _clean(params) if params else None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        cur = self.raw.cursor()
        cleaned = [_clean(p) for p in rows]
        if cleaned:
            cur.executemany(POSTGRES.sql(sql), cleaned)
        return cur

    def script(self, sql: str) -> None:
        """SQL as written, without parameters (DDL; several statements are fine)."""
        self.raw.execute(sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.raw.transaction():
            yield

    def close(self) -> None:
        self.raw.close()

    def reusable(self) -> bool:
        """Open, not broken, and outside any transaction: fit for the next store."""
        raw = self.raw
        return not raw.closed and not raw.broken and raw.info.transaction_status == 0  # IDLE


def _clean(params: Sequence[Any]) -> list[Any]:
    """PostgreSQL text cannot hold NUL: store U+FFFD instead (SQLite keeps it)."""
    return [
        p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p for p in params
    ]


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ScoresError(EXTRA_HINT) from None
    return psycopg


def _number_loader(psycopg: Any) -> type:
    """NUMERIC (what SUM and AVG give) as int or float, as SQLite gives them, not Decimal."""

    class NumberLoader(psycopg.adapt.Loader):  # type: ignore[misc]
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode("ascii")
            return int(text) if text.lstrip("-").isdigit() else float(text)

    return NumberLoader


def connect(url: str | LeagueUrl) -> PgConn:
    """Open a connection to the league (no schema check). Raises LeagueUnavailable.

    Every address the URL names (hosts, and each address a name resolves to) is
    tried in turn until one answers, all within ``CONNECT_TIMEOUT_S`` seconds (2
    more at most: libpq's least timeout), so a server that accepts the TCP
    connection and then never answers is given up in time, whatever the URL says.
    """

    psycopg = _import_psycopg()
    from psycopg.conninfo import conninfo_attempts, make_conninfo

    parsed = url if isinstance(url, LeagueUrl) else LeagueUrl(url)
    deadline = time.monotonic() + parsed.timeout
    params = parsed.connect_params()
    try:
        attempts = conninfo_attempts(params)
    except psycopg.Error as e:
        raise _connect_error(parsed, e) from None
    raw = None
    error: BaseException | None = None
    for attempt in attempts:
        left = deadline - time.monotonic()
        if left <= 0 and error is not None:
            break
        attempt["connect_timeout"] = max(2, min(int(parsed.timeout), int(left + 0.999)))
        try:
            raw = psycopg.connect(make_conninfo("", **attempt), autocommit=True)
            break
        except psycopg.Error as e:
            error = e
    if raw is None:
        raise _connect_error(parsed, error or psycopg.OperationalError("no address")) from None
    raw.adapters.register_loader("numeric", _number_loader(psycopg))
    return PgConn(raw)


def _one_line(url: LeagueUrl, e: BaseException) -> str:
    text = " ".join(str(e).split())
    pw = url.password
    if pw:
        text = text.replace(pw, "***")
    return text


def _connect_error(url: LeagueUrl, e: BaseException) -> LeagueUnavailable:
    where = url.describe()
    text = _one_line(url, e)
    low = text.lower()
    if "password authentication failed" in low or "authentication failed" in low:
        user = str(url.params.get("user") or "?")
        reason = f'password authentication failed for user "{user}"'
        return LeagueUnavailable(f"the league at {where} refused the login: {reason}")
    if "does not exist" in low and "database" in low:
        return LeagueUnavailable(f"the league at {where}: the database does not exist")
    if "timeout" in low:
        reason = "no answer (timed out)"
    elif "refused" in low:
        reason = "connection refused"
    elif "no such file" in low:
        reason = "no server is listening there"
    else:
        reason = text.removeprefix("connection failed: ")
    return LeagueUnavailable(f"cannot reach the league at {where}: {reason}")


# --------------------------------------------------------------------------- backend

#: One idle, schema-checked connection per URL, kept for this process's next store:
#: a round checks the league at start and records at the end over the same connection
#: (a new connection costs a TCP handshake, a password exchange and a server process).
_IDLE: dict[str, PgConn] = {}


class PostgresBackend:
    """A league: the scores on a PostgreSQL server (see the module docstring)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.parsed = LeagueUrl(url)
        self._conn: PgConn | None = None
        self._checked = False  # the schema of self._conn was checked
        self._reused = False  # self._conn was kept from an earlier store

    def describe(self) -> str:
        return self.parsed.describe()

    def exists(self) -> bool:
        return True

    def close(self, keep: bool = True) -> None:
        """Done with the connection: keep it for the next store if it is fit, else close it."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            if keep and self._checked and conn.reusable():
                old = _IDLE.pop(self.url, None)
                _IDLE[self.url] = conn
                conn = old  # type: ignore[assignment]
            if conn is not None:
                with suppress(Exception):  # a connection already broken: nothing to close
                    conn.close()

    def connection(self, check_schema: bool = True) -> PgConn:
        """The open connection, made on first use; the schema checked unless asked not to."""
        if self._conn is not None:
            return self._conn
        if check_schema:
            kept = _IDLE.pop(self.url, None)
            if kept is not None:
                self._conn, self._checked, self._reused = kept, True, True
                return kept
        self._reused = False
        conn = connect(self.parsed)
        if check_schema:
            try:
                self._check(conn)
            except BaseException as e:
                conn.close()
                if isinstance(e, ScoresError):
                    raise
                raise self._translate(e, writing=False) from e
        self._conn, self._checked = conn, check_schema
        return conn

    def _check(self, conn: PgConn) -> None:
        where = self.describe()
        try:
            version = postgres_version(conn)
        except migrations.SchemaTooNew as e:
            raise ScoresError(
                f"the league at {where} was set up by a newer hitrun-quiz (schema v{e.found},"
                f" this version knows up to v{e.known}): upgrade hitrun-quiz"
            ) from None
        if version == 0:
            raise ScoresError(
                f"the league at {where} has no hitrun-quiz tables yet:"
                " run `hitrun-quiz league init URL` with the owner's role"
            )
        if version < migrations.LATEST:
            raise ScoresError(
                f"the league at {where} has schema v{version}, this version needs"
                f" v{migrations.LATEST}: run `hitrun-quiz league init URL` with the owner's role"
            )

    def _translate(self, e: BaseException, writing: bool) -> BaseException:
        """The QuizError to raise for a psycopg error ``e`` (or ``e`` itself if it is a bug)."""
        psycopg = _import_psycopg()
        errors = psycopg.errors
        where = self.describe()
        text = _one_line(self.parsed, e)
        if isinstance(e, errors.InsufficientPrivilege) and "row-level security" in text:
            return LeaguePermissionDenied(
                f"the league at {where} refused a row not of this role's player: a member"
                " records rounds only under the name the owner gave it"
                " (league grant ROLE --player PLAYER)"
            )
        if isinstance(e, errors.InsufficientPrivilege):
            self.close(keep=False)
            return LeaguePermissionDenied(
                f"the league at {where} refused: {text}; this needs the league owner's role"
            )
        if isinstance(e, errors.NumericValueOutOfRange):
            return OverflowError(text)  # as sqlite3 does: a bug in the caller, not the store
        if isinstance(e, (errors.UndefinedTable, errors.UndefinedColumn)):
            self.close(keep=False)
            return ScoresError(
                f"the league at {where} is missing tables or columns ({text}):"
                " run `hitrun-quiz league init URL` with the owner's role"
            )
        if isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError)):
            self.close(keep=False)  # lost connection, server shut down, statement timeout
            return LeagueUnavailable(f"lost the league at {where}: {text}")
        bug: BaseException = e  # a constraint, a malformed statement: the caller's bug
        if isinstance(e, (psycopg.IntegrityError, psycopg.ProgrammingError, psycopg.DataError)):
            return bug
        if isinstance(e, psycopg.Error):
            self.close(keep=False)
            if writing:
                return ScoresNotSaved(f"scores not saved on the league at {where}: {text}")
            return ScoresError(f"cannot read the league at {where}: {text}")
        return e

    def _run(self, body: Callable[[PgConn], T], writing: bool) -> T:
        psycopg = _import_psycopg()
        while True:
            conn = self.connection()
            try:
                if not writing:
                    return body(conn)
                with conn.transaction():
                    return body(conn)
            except psycopg.Error as e:
                if self._reused and conn.raw.broken:
                    # A kept connection the server dropped meanwhile (a restart):
                    # once more on a new one. A write is safe to repeat: the
                    # transaction did not commit, or a round's UUID stores it once.
                    self.close(keep=False)
                    continue
                err = self._translate(e, writing)
                if err is e:
                    raise
                raise err from None

    def read(self, body: Callable[[Conn], T], empty: T) -> T:
        return self._run(body, writing=False)

    def write(self, body: Callable[[Conn], T], foreign_keys: bool = True) -> T:
        return self._run(body, writing=True)


# --------------------------------------------------------------------------- migrations


def postgres_version(conn: PgConn) -> int:
    """The schema version of a league; 0 if it has none yet.

    Raises :class:`SchemaTooNew` for a schema newer than this code.
    """
    if not conn.execute(PG_VERSION).fetchone()[0]:
        return 0
    version = int(conn.execute(PG_MAX_VERSION).fetchone()[0])
    if version > migrations.LATEST:
        raise migrations.SchemaTooNew(version, migrations.LATEST)
    return version


def migrate_postgres(
    conn: PgConn, now: Callable[[], float] = time.time
) -> list[migrations.Migration]:
    """Create or bring a league's schema up to ``migrations.LATEST`` (needs DDL rights).

    One transaction (PostgreSQL's DDL is transactional), under an advisory lock
    so two ``league init`` runs never interleave. Idempotent.
    """
    with conn.transaction():
        conn.execute(PG_MIGRATION_LOCK)
        current = postgres_version(conn)
        pending = [m for m in migrations.MIGRATIONS if m.version > current]
        migrations.apply(conn, pending, now)
    return pending
