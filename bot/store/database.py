"""Engines for the transcript store: one per URL per process, migrated on first use.

- SQLite (the embedded default): the file and its directory are created on first use;
  WAL journal so readers never wait for the writer; every write transaction starts with
  ``BEGIN IMMEDIATE`` so two writers queue instead of failing half-way.
- PostgreSQL (production): a pre-ping pool, so connections broken by a database restart
  are replaced at the next checkout and chatting resumes without restarting the server.

Database errors that mean "not reachable / not answering" become :class:`StoreUnavailable`
(the web server answers 503). Messages carry the URL without password, never parameters.
"""
from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
import os
import socket
import struct
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, Iterator, Optional, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import URL, make_url
from sqlalchemy.pool import QueuePool, StaticPool

from bot.store.errors import DatabaseUnavailable, StoreUnavailable
from bot.store.files import sqlite_path
from bot.store.migrations import ensure_schema

logger = logging.getLogger(__name__)

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_SECONDS = 30
POSTGRES_CONNECT_TIMEOUT_SECONDS = 3
# The pool waits this long for a free connection before the request gets a 503.
POOL_TIMEOUT_SECONDS = 3
# Server-side safety nets on every PostgreSQL session (milliseconds). Requests are bounded
# far sooner by the client-side deadline below; these stop a runaway statement or a
# transaction whose client vanished from holding locks (migrations must fit in them too).
POSTGRES_STATEMENT_TIMEOUT_MS = 60_000
POSTGRES_LOCK_TIMEOUT_MS = 10_000
POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000

# How long each store call made by the current task may take (seconds), None for no limit.
# The web server sets it per request (bot.serving.deadlines); the purge and the CLI run without.
# Per call, not per request: a turn computed slowly under load must still be saved.
STORE_DEADLINE: "contextvars.ContextVar[Optional[float]]" = contextvars.ContextVar(
    "store_deadline", default=None
)
# Whether a call that misses its deadline cuts the stalled connections (requests: yes).
# Health probes only report: they run in their own small pool and never cut connections
# that in-flight chat requests may be using.
STORE_CUTS_ON_DEADLINE: "contextvars.ContextVar[bool]" = contextvars.ContextVar(
    "store_cuts_on_deadline", default=True
)
_job = threading.local()  # the deadline (time.monotonic()) of the call a store thread runs
# Every PostgreSQL connection, so a stalled server's sockets can be cut (abort_connections).
_network_connections: "weakref.WeakSet[Any]" = weakref.WeakSet()
# The checkpoint after a delete: how long it waits for a writer, and how often it retries.
CHECKPOINT_BUSY_SECONDS = 2.0
CHECKPOINT_ATTEMPTS = 5

_engines: Dict[str, Engine] = {}
_migrated: set = set()
_lock = threading.Lock()
# Database calls from async code run here, off the event loop (SQLAlchemy 1.4 is sync).
_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="store")
_probe_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="store-probe")


def describe_url(url: Any) -> str:
    """The URL as it may be printed: password hidden."""
    try:
        return make_url(str(url)).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"


def backend_name(url: str) -> str:
    """``sqlite``, ``postgresql``, ... for a database URL (nothing connects)."""
    return make_url(url).get_backend_name()


def is_sqlite(engine: Engine) -> bool:
    """True for the embedded SQLite store."""
    return engine.dialect.name == "sqlite"


def _sqlite_engine(url: URL) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pool: Dict[str, Any] = {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10}
    else:
        pool = {"poolclass": StaticPool}
    engine = sa.create_engine(
        url,
        future=True,
        hide_parameters=True,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        **pool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if path is not None:
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a crashed process loses nothing; a power cut may lose the
            # last commits. FULL would add an fsync to every chat message.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, not merely unlinked: "delete my
        # conversation" must not leave the text in free pages of the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get("sqlite_immediate", False):
            _begin_immediate(connection.connection.dbapi_connection)
        else:
            connection.exec_driver_sql("BEGIN")

    _guard_commits(engine)
    return engine


def _guard_commits(engine: Engine) -> None:
    """Refuse to commit once the caller's deadline has passed (it was told 503: not stored)."""

    @event.listens_for(engine, "commit")
    def _before_commit(_connection: Connection) -> None:
        if deadline_passed():
            raise StoreUnavailable("transcript store too slow: the transaction was rolled back")


def _begin_immediate(dbapi_connection: Any) -> None:
    """Take SQLite's write lock, polling every few milliseconds while another writer has it.

    SQLite's own busy handler backs off to sleeps of 25-100 ms, so a chat message queued
    behind a 10 ms purge batch would wait far longer than the batch. Polling at most 4 ms
    apart gets it in at the next gap. Safe to retry: nothing has happened yet.
    """
    import sqlite3

    deadline = min(time.monotonic() + SQLITE_BUSY_TIMEOUT_SECONDS, job_deadline() or float("inf"))
    delay = 0.0002
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    # The store's own error, not sqlite3's: raised inside SQLAlchemy's "begin"
                    # event it would escape translate_errors and reach the caller raw.
                    raise StoreUnavailable("transcript store busy: another writer held the lock") from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.004)
    finally:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.close()


def scrub_deleted(engine: Engine) -> bool:
    """After deleting content: leave no old copy of it in SQLite's write-ahead log.

    With ``secure_delete`` the database file's pages are zeroed, but the WAL still holds
    the pages as they were before the delete until a checkpoint. A TRUNCATE checkpoint
    copies the (zeroed) pages into the file and empties the WAL. Returns False when other
    connections kept it from completing (the next checkpoint completes it; logged).
    Nothing to do for PostgreSQL (see README, "Running in production": VACUUM, backups).
    """
    if not is_sqlite(engine) or sqlite_path(engine.url) is None:
        return True
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        # Wait for a writer a little, not the 30 s a chat message may wait.
        cursor.execute(f"PRAGMA busy_timeout = {int(CHECKPOINT_BUSY_SECONDS * 1000)}")
        try:
            for attempt in range(CHECKPOINT_ATTEMPTS):
                busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if not busy:
                    return True
                time.sleep(0.02 * (attempt + 1))
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
            cursor.close()
    finally:
        raw.close()
    logger.warning("WAL checkpoint after a delete was blocked by readers; the next checkpoint completes it")
    return False


def create_store_engine(url: str) -> Engine:
    """A new engine for ``url`` (no migrations run; see :func:`get_engine`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    connect_args: Dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args = {
            "connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS,
            "application_name": "privacybot",
            # notice a vanished server within ~30 s instead of the kernel's hours
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
        }
        connect_args["options"] = " ".join(
            part
            for part in (
                parsed.query.get("options"),  # e.g. a search_path given in the URL
                f"-c statement_timeout={POSTGRES_STATEMENT_TIMEOUT_MS}",
                f"-c lock_timeout={POSTGRES_LOCK_TIMEOUT_MS}",
                f"-c idle_in_transaction_session_timeout={POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS}",
            )
            if part
        )
    engine = sa.create_engine(
        parsed,
        future=True,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_timeout=POOL_TIMEOUT_SECONDS,
        connect_args=connect_args,
    )

    @event.listens_for(engine, "connect")
    def _remember(dbapi_connection: Any, _record: Any) -> None:
        _network_connections.add(dbapi_connection)

    _guard_commits(engine)
    return engine


def get_engine(url: str, migrate: bool = True) -> Engine:
    """The process-wide engine for ``url``; on first use the schema is migrated to head.

    Raises :class:`StoreUnavailable` when the database cannot be reached.
    """
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            try:
                engine = create_store_engine(url)
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"cannot create the transcript store at {describe_url(url)}: {exc.strerror or exc}"
                ) from None
            _engines[url] = engine
        if migrate and url not in _migrated:
            with translate_errors("opening the transcript store"):
                ensure_schema(engine)
            _migrated.add(url)
    return engine


def engine_for(config: Any) -> Engine:
    """The engine of ``config.database_url`` (migrated)."""
    return get_engine(config.database_url)


def dispose_engine(url: str) -> None:
    """Close and forget the engine of one URL (its next use reconnects and re-checks)."""
    with _lock:
        engine = _engines.pop(url, None)
        _migrated.discard(url)
    if engine is not None:
        engine.dispose()


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (tests, shutdown)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _migrated.clear()


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


UNAVAILABLE_ERRORS = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.DisconnectionError,
    sa.exc.TimeoutError,
)


@contextlib.contextmanager
def translate_errors(doing: str) -> Iterator[None]:
    """Turn "database unreachable / not answering" errors into :class:`StoreUnavailable`."""
    try:
        yield
    except StoreUnavailable:
        raise
    except UNAVAILABLE_ERRORS as exc:
        raise StoreUnavailable(f"transcript store unavailable while {doing}: {_reason(exc)}") from exc
    except sa.exc.DBAPIError as exc:
        if exc.connection_invalidated:
            raise StoreUnavailable(
                f"transcript store connection lost while {doing}: {_reason(exc)}"
            ) from exc
        raise


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock up front."""
    with engine.connect() as connection:
        if is_sqlite(engine):
            connection = connection.execution_options(sqlite_immediate=True)
        with connection.begin():
            yield connection


def check_database(config: Any) -> None:
    """Start-up check: the store is reachable and migrated, or a readable error.

    Raises :class:`DatabaseUnavailable` whose message the server prints as is, e.g.
    ``cannot use the transcript store at postgresql://app@db:5432/bot: connection refused``.
    """
    url = config.database_url
    try:
        engine = get_engine(url)
        with translate_errors("checking the connection"), engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except DatabaseUnavailable:
        raise
    except StoreUnavailable as exc:
        reason = str(exc).split(": ", 1)[-1]
        hint = (
            "is the directory writable and PRIVACYBOT_DATABASE_URL right?"
            if make_url(url).get_backend_name() == "sqlite"
            else "is the database server running and PRIVACYBOT_DATABASE_URL right?"
        )
        raise DatabaseUnavailable(
            f"cannot use the transcript store at {describe_url(url)}: {reason} ({hint})"
        ) from exc


def job_deadline() -> Optional[float]:
    """The ``time.monotonic()`` deadline of the store call this thread runs, if any."""
    return getattr(_job, "deadline", None)


def deadline_passed() -> bool:
    """True when this thread runs a store call whose caller has stopped waiting."""
    deadline = job_deadline()
    return deadline is not None and time.monotonic() > deadline


def _run_until(deadline: float, started: threading.Event, call: Callable[[], T]) -> T:
    if time.monotonic() > deadline:  # waited in the queue behind stuck calls: don't start
        raise StoreUnavailable("transcript store busy: the call was not started")
    started.set()
    _job.deadline = deadline
    try:
        return call()
    finally:
        _job.deadline = None


def abort_connections() -> int:
    """Cut every PostgreSQL connection's socket; returns how many were cut.

    A stalled server (or network) leaves threads blocked in a read that no client-side
    timeout of libpq can end. Shutting the socket down ends that read with an error, the
    pool replaces the connection at its next checkout, and chatting resumes by itself
    when the server answers again.
    """
    cut = 0
    for connection in list(_network_connections):
        try:
            fd = connection.fileno()
            if connection.closed:
                continue
            duplicate = socket.socket(fileno=os.dup(fd))
        except Exception:  # already closed, or not a socket
            continue
        try:
            duplicate.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            duplicate.shutdown(socket.SHUT_RDWR)
            cut += 1
        except OSError:
            pass
        finally:
            duplicate.close()
    return cut


def _swallow(future: "asyncio.Future[Any]") -> None:
    # The abandoned call's outcome (usually the error from the cut socket) is not needed.
    if not future.cancelled():
        future.exception()


async def run_sync(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking store function in the store's thread pool, from async code.

    Under a deadline (:data:`STORE_DEADLINE`, set by the web server per request) the call
    raises :class:`StoreUnavailable` when it has not answered in time; the stalled
    connections are cut so the thread is freed, and it cannot commit any more.
    """
    loop = asyncio.get_running_loop()
    call = functools.partial(fn, *args, **kwargs)
    timeout = STORE_DEADLINE.get()
    if timeout is None:
        return await loop.run_in_executor(_executor, call)
    deadline = time.monotonic() + timeout
    cuts = STORE_CUTS_ON_DEADLINE.get()
    started = threading.Event()
    future = loop.run_in_executor(_executor if cuts else _probe_executor, _run_until, deadline, started, call)
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except asyncio.TimeoutError:
        future.add_done_callback(_swallow)
        # Only a call that is running can be stuck on the network; one still queued is not.
        cut = abort_connections() if cuts and started.is_set() else 0
        logger.warning("transcript store did not answer within %.1f s; %d connection(s) cut", timeout, cut)
        raise StoreUnavailable(f"transcript store did not answer within {timeout:g} s") from None
