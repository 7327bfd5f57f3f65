"""The PostgreSQL test server for the web tests (the proxy in front of it: tests/support/tcp_proxy.py)."""
from __future__ import annotations

import os

import sqlalchemy as sa

PG_HOST = os.environ.get("PRIVACYBOT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PRIVACYBOT_TEST_PG_PORT", "5432"))


def pg_user() -> str:
    """A user the test server accepts (trust auth: postgres or root)."""
    for user in ("postgres", "root"):
        engine = sa.create_engine(f"postgresql://{user}@{PG_HOST}:{PG_PORT}/test", future=True)
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return user
        except sa.exc.OperationalError:
            continue
        finally:
            engine.dispose()
    raise RuntimeError("PostgreSQL test server not reachable on 127.0.0.1:5432")
