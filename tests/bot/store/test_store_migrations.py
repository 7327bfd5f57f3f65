"""Schema changes go through Alembic: the migrations build exactly the declared tables."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.store.database import get_engine
from bot.store.migrations import current_revision, head_revision
from bot.store.schema import metadata
from store_processes import start_together, wait_all, worker


def test_migrations_match_the_declared_schema(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []
    assert current_revision(engine) == head_revision()


@pytest.mark.postgres
def test_first_use_by_several_processes_at_once_migrates_once(pg_schema_factory) -> None:
    # several server replicas starting together against an empty PostgreSQL schema
    url = pg_schema_factory()
    processes = [worker("open", url, f"p{i}") for i in range(3)]
    start_together(processes)
    wait_all(processes)
    engine = get_engine(url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM alembic_version")).scalar() == 1
        assert connection.execute(sa.text("SELECT COUNT(*) FROM conversations")).scalar() == 3
