"""Fixtures for the export tests: the store tests' SQLite and PostgreSQL stores, reused.

tests/bot/store/conftest.py is loaded under another module name (two files called
``conftest`` cannot share sys.modules) and its fixtures are re-exported here.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "store_test_fixtures", Path(__file__).resolve().parents[1] / "store" / "conftest.py"
)
_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store)

pg_admin_url = _store.pg_admin_url
pg_schema_factory = _store.pg_schema_factory
pg_url = _store.pg_url
db_url = _store.db_url
engine = _store.engine
clock = _store.clock
