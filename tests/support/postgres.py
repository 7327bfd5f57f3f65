"""The PostgreSQL test server (127.0.0.1:5432, database ``test``, trust auth): one place for
finding its user and for a schema of a test's own, dropped afterwards.

Every test folder that runs on PostgreSQL (store, web, deploy, export) uses this; the proxy
that cuts or pauses the connection is tests/support/tcp_proxy.py.
"""
from __future__ import annotations

import functools
import os
import uuid

import sqlalchemy as sa

PG_HOST = os.environ.get("PRIVACYBOT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PRIVACYBOT_TEST_PG_PORT", "5432"))
PG_DATABASE = "test"


@functools.lru_cache(maxsize=None)
def pg_user() -> str:
    """A user the test server accepts (trust auth: postgres or root)."""
    last_error = None
    for user in ("postgres", "root"):
        engine = sa.create_engine(f"postgresql://{user}@{PG_HOST}:{PG_PORT}/{PG_DATABASE}", future=True)
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return user
        except sa.exc.OperationalError as exc:
            last_error = exc
        finally:
            engine.dispose()
    raise RuntimeError(f"PostgreSQL test server not reachable on {PG_HOST}:{PG_PORT}: {last_error}")


def admin_url() -> str:
    """The test database's URL as the server's own user (creates and drops schemas)."""
    return f"postgresql://{pg_user()}@{PG_HOST}:{PG_PORT}/{PG_DATABASE}"


def store_url(user: str, schema: str, port: int = PG_PORT, host: str = PG_HOST) -> str:
    """The transcript store URL for ``schema`` of the test database (via ``host:port``)."""
    return f"postgresql://{user}@{host}:{port}/{PG_DATABASE}?options=-csearch_path%3D{schema}"


class PgSchema:
    """A schema of its own in the shared test database; :meth:`drop` removes it and its tables."""

    def __init__(self, prefix: str) -> None:
        self.user = pg_user()
        self.name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.admin = sa.create_engine(admin_url(), future=True, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{self.name}"'))
        self.url = store_url(self.user, self.name)

    def url_via(self, port: int) -> str:
        """The store URL through a proxy listening on ``port`` (loopback)."""
        return store_url(self.user, self.name, port=port, host="127.0.0.1")

    def drop(self) -> None:
        """Drop the schema (waiting at most 10 s for a lock a dying connection may hold)."""
        with self.admin.connect() as connection:
            connection.execute(sa.text("SET lock_timeout = '10s'"))
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE'))
        self.admin.dispose()
