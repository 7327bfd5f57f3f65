"""The dashboard's counts on SQLite and PostgreSQL (the store tests' databases)."""
from __future__ import annotations

import importlib.util
from datetime import datetime, timedelta, timezone
from pathlib import Path

from admin_support import fill
from bot.store.purge import purge
from bot.store.writes import append_events
from bot.store.admin_counts import dashboard

_spec = importlib.util.spec_from_file_location(
    "store_test_fixtures_for_admin", Path(__file__).resolve().parents[2] / "store" / "conftest.py"
)
_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store)
pg_admin_url, pg_schema_factory, pg_url = _store.pg_admin_url, _store.pg_schema_factory, _store.pg_url
db_url, engine = _store.db_url, _store.engine

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def test_dashboard_counts(engine) -> None:
    fill(engine, NOW)
    append_events(engine, "old", [{"event": "bot", "timestamp": 1.0, "text": "gammel"}], NOW - timedelta(days=180, minutes=30), 180)
    purge(engine, NOW - timedelta(hours=1), 100, retention_days=180)  # a real run, 30 min before the old one expired
    data = dashboard(engine, NOW, 180)

    assert data["totals"] == {"messages": 5, "conversations": 2, "expired_awaiting_purge": 1,
                              "conversations_opted_out": 1}
    assert [b["messages"] for b in data["messages_by_age"] if b["messages"]] == [4, 1]
    assert data["messages_by_age"][5] == {"age_days_from": 35, "age_days_to": 42, "messages": 1}
    weeks = {w["week_starting"][:10]: w["messages"] for w in data["deletions_by_week"] if w["messages"]}
    assert weeks == {"2026-07-12": 1, "2026-08-23": 4}  # 140 days ahead: the end of week 20
    days = data["redactions_by_day"]["days"]
    assert len(days) == 30 and days[-1] == "2026-03-01"
    assert data["redactions_by_day"]["types"] == {
        "DK_CPR": [1 if d == "2026-02-27" else 0 for d in days],
        "EMAIL_ADDRESS": [1 if d == "2026-02-27" else 0 for d in days],
    }
    assert len(data["purges"]) == 1 and data["purges"][0]["completed"] is True
    assert data["purges"][0]["events_deleted"] == 0
