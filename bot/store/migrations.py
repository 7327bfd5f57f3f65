"""Alembic, configured in code: ``privacybot migrate`` and the first-use check.

Several server processes may start at once against one PostgreSQL database; an advisory
lock lets exactly one of them migrate while the others wait and then find the schema at
head. For an SQLite file, a lock file next to it does the same.
"""
from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Iterator, Optional

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from bot.store.files import file_lock, sqlite_path

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Arbitrary constant shared by every process of this product (pg_advisory_lock key).
MIGRATION_LOCK_KEY = 0x70726976  # "priv"


def alembic_config(connection: Optional[Connection] = None) -> AlembicConfig:
    """An Alembic config pointing at bot/migrations (no alembic.ini needed)."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> Optional[str]:
    """The revision the database is at (None: not migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextlib.contextmanager
def _migration_lock(engine: Engine, connection: Connection) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        # keyed by schema too: stores in different schemas of one database are independent
        key = {"k": MIGRATION_LOCK_KEY}
        connection.execute(sa.text("SELECT pg_advisory_lock(:k, hashtext(current_schema()))"), key)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(sa.text("SELECT pg_advisory_unlock(:k, hashtext(current_schema()))"), key)
            connection.commit()
        return
    path = sqlite_path(engine.url) if engine.dialect.name == "sqlite" else None
    if path is None:
        yield
        return
    with file_lock(path.with_name(path.name + ".migrate-lock"), blocking=True):
        yield


def upgrade(engine: Engine) -> str:
    """Migrate the database to head (under the migration lock); returns the revision."""
    with engine.connect() as connection, _migration_lock(engine, connection):
        command.upgrade(alembic_config(connection), "head")
        connection.commit()
        revision = MigrationContext.configure(connection).get_current_revision()
    logger.info("transcript store at revision %s", revision)
    return revision


def ensure_schema(engine: Engine) -> None:
    """Migrate to head unless the database is already there (cheap check first)."""
    if current_revision(engine) != head_revision():
        upgrade(engine)
