"""Fixtures for the transcript store tests: the same tests on SQLite and on PostgreSQL.

PostgreSQL runs for real on 127.0.0.1:5432 (database ``test``): each test session gets
its own schema, dropped afterwards, and tables are emptied between tests.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Callable, Iterator, List

import pytest
import sqlalchemy as sa

from bot.store.database import dispose_engine, get_engine
from support.postgres import PgSchema, admin_url


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    return admin_url()


@pytest.fixture(scope="session")
def pg_schema_factory(pg_admin_url: str) -> Iterator[Callable[[], str]]:
    """Creates fresh schemas on demand; drops them all at the end of the session."""
    created: List[PgSchema] = []

    def make() -> str:
        schema = PgSchema("store_test")
        created.append(schema)
        return schema.url

    yield make
    for schema in created:
        schema.drop()


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
