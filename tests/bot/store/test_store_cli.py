"""`privacybot purge`, `stats` and `migrate` as an operator runs them."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from bot.store.database import get_engine
from store_processes import privacybot
from store_seed import count, seed

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def test_purge_now_dry_run_and_stats(db_url) -> None:
    env = {"PRIVACYBOT_DATABASE_URL": db_url}
    engine = get_engine(db_url)
    seed(engine, ["old"], 6, NOW - timedelta(days=180, seconds=1))
    seed(engine, ["edge"], 2, NOW - timedelta(days=180) + timedelta(seconds=1))
    seed(engine, ["soon"], 3, NOW - timedelta(days=175))
    seed(engine, ["fresh"], 4, NOW - timedelta(days=1))

    stats = privacybot("stats", "--now", "2026-06-01T14:00:00+02:00", env_overrides=env)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert data["events"] == 9 and data["conversations"] == 3
    assert data["events_expiring_within_7_days"] == 5
    assert data["events_expiring_within_30_days"] == 5
    assert data["expired_events_awaiting_purge"] == 6
    assert round(data["oldest_event_age_seconds"]) == 180 * 86400 - 1
    assert data["retention_days"] == 180

    dry = privacybot("purge", "--dry-run", "--now", "2026-06-01T12:00:00Z", env_overrides=env)
    assert dry.returncode == 0, dry.stderr
    assert "Would delete 6 expired events and 1 empty conversations" in dry.stdout
    assert count(engine, "events") == 15

    real = privacybot("purge", "--now", "2026-06-01T12:00:00Z", env_overrides=env)
    assert "Deleted 6 expired events and 1 empty conversations" in real.stdout
    again = privacybot("purge", "--now", "2026-06-01T12:00:00Z", "--json", env_overrides=env)
    assert json.loads(again.stdout)["events_deleted"] == 0
    # two seconds later the edge case has expired too
    later = privacybot("purge", "--now", "2026-06-01T12:00:02Z", env_overrides=env)
    assert "Deleted 2 expired events" in later.stdout

    purges = json.loads(privacybot("stats", env_overrides=env).stdout)["last_purges"]
    assert [p["events_deleted"] for p in purges] == [2, 0, 6, 6]
    assert [p["dry_run"] for p in purges] == [False, False, False, True]


def test_now_without_a_time_zone_is_refused(db_url) -> None:
    result = privacybot("purge", "--now", "2026-06-01T12:00:00", env_overrides={"PRIVACYBOT_DATABASE_URL": db_url})
    assert result.returncode == 2
    assert "no time zone" in result.stderr


def test_migrate_creates_the_sqlite_file_on_first_use_and_is_rerunnable(tmp_path) -> None:
    path = tmp_path / "data" / "store" / "transcripts.db"
    env = {"PRIVACYBOT_DATABASE_URL": f"sqlite:///{path}"}
    first = privacybot("migrate", env_overrides=env)
    assert first.returncode == 0, first.stderr
    assert "migrated from empty to revision 0001" in first.stdout
    assert path.exists()
    second = privacybot("migrate", env_overrides=env)
    assert "already at revision 0001" in second.stdout
    check = privacybot("migrate", "--check", env_overrides=env)
    assert check.returncode == 0


def test_dead_database_gives_a_readable_error_not_a_traceback() -> None:
    env = {"PRIVACYBOT_DATABASE_URL": "postgresql://bot:pw@127.0.0.1:1/none"}
    for command in (("purge",), ("stats",), ("migrate",)):
        result = privacybot(*command, env_overrides=env)
        assert result.returncode == 1, command
        assert "Traceback" not in result.stderr
        assert "127.0.0.1:1" in result.stderr and "pw" not in result.stderr.replace("postgresql", "")
