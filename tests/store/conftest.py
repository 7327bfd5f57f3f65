"""Fixtures for the transcript store tests: the same tests on SQLite and on PostgreSQL.

PostgreSQL runs for real on 127.0.0.1:5432 (database ``test``): each test session gets
its own schema, dropped afterwards, and tables are emptied between tests.
"""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from datetime import datetime, timezone
from typing import Callable, Iterator, List

import pytest
import sqlalchemy as sa

from bot.store.database import dispose_engine, get_engine

# tests/ itself, for the helpers several test folders share (tests/support/).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG_HOST = os.environ.get("PRIVACYBOT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PRIVACYBOT_TEST_PG_PORT", "5432"))
PG_DATABASE = "test"


def _pg_admin_url() -> str:
    last_error = None
    for user in ("postgres", "root"):
        url = f"postgresql://{user}@{PG_HOST}:{PG_PORT}/{PG_DATABASE}"
        engine = sa.create_engine(url, future=True)
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return url
        except sa.exc.OperationalError as exc:
            last_error = exc
        finally:
            engine.dispose()
    raise RuntimeError(f"PostgreSQL test server not reachable: {last_error}")


def schema_url(admin_url: str, schema: str) -> str:
    """A URL whose connections use ``schema`` (search_path) in the test database."""
    return f"{admin_url}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    return _pg_admin_url()


@pytest.fixture(scope="session")
def pg_schema_factory(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    """Creates fresh schemas on demand; drops them all at the end of the session."""
    created: List[str] = []
    admin = sa.create_engine(pg_admin_url, future=True, isolation_level="AUTOCOMMIT")

    def make() -> str:
        name = f"store_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{name}"'))
        created.append(name)
        return schema_url(pg_admin_url, name)

    yield make
    for name in created:
        with admin.connect() as connection:
            connection.execute(sa.text("SET lock_timeout = '10s'"))
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_url(pg_schema_factory: Callable[[], str]) -> Iterator[str]:
    """The session's PostgreSQL store URL (one schema, migrated on first use)."""
    url = pg_schema_factory()
    yield url
    dispose_engine(url)


def _empty_tables(url: str) -> None:
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("TRUNCATE events, conversations, purge_audit RESTART IDENTITY"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A store URL, empty, on SQLite (a file under tmp_path) and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
        yield url
        dispose_engine(url)
    else:
        url = request.getfixturevalue("pg_url")
        _empty_tables(url)
        yield url


@pytest.fixture
def engine(db_url: str) -> sa.engine.Engine:
    return get_engine(db_url)


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc))
