"""Alembic environment: runs on the connection handed over by bot.store.migrations.

``privacybot migrate`` and the store's first-use check both pass a live connection in
``config.attributes["connection"]``; without one (plain ``alembic`` use) the URL comes
from PRIVACYBOT_DATABASE_URL through bot.settings.
"""
from __future__ import annotations

from alembic import context

from bot import settings
from bot.store.database import create_store_engine
from bot.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_store_engine(settings.load().database_url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; use `privacybot migrate`")
run_migrations_online()
