"""The purge: deletes exactly what expired, in batches, idempotent, interruptible, audited."""
from __future__ import annotations

import asyncio
import json
import signal
from datetime import timedelta

import pytest
import sqlalchemy as sa

from bot import settings
from bot.store.errors import PurgeAlreadyRunning
from bot.store.purge import purge, purge_lock, run_periodically
from bot.store.stats import purge_history
from store_processes import privacybot, start_together, wait_all, worker
from store_seed import count, seed


def _fill(engine, now):
    """Expired events in old conversations, a mixed one, a live one, and empty ones."""
    old = now - timedelta(days=181)
    seed(engine, [f"old-{i}" for i in range(30)], 10, old)           # 300 expired, conversations go
    seed(engine, ["mixed"], 5, old)                                  # 5 expired ...
    seed(engine, ["mixed"], 7, now - timedelta(days=3))              # ... and 7 live: conversation stays
    seed(engine, ["live"], 4, now - timedelta(days=179, hours=23))   # 4 live, expiring in an hour
    seed(engine, ["old-empty"], 0, old)                              # never chatted, created long ago
    seed(engine, ["new-empty"], 0, now - timedelta(minutes=1))       # just created, no message yet


def test_purge_deletes_expired_events_and_emptied_conversations_only(engine, clock) -> None:
    now = clock.now
    _fill(engine, now)

    result = purge(engine, now, batch_size=64, pause_seconds=0, retention_days=180)

    assert (result.events_deleted, result.conversations_deleted) == (305, 31)
    assert result.completed and not result.dry_run
    assert result.batches > 305 // 64
    assert count(engine, "events", "expires_at <= :n", n=now) == 0
    assert count(engine, "events") == 11
    with engine.connect() as connection:
        left = set(connection.execute(sa.text("SELECT sender_id FROM conversations")).scalars())
    assert left == {"mixed", "live", "new-empty"}


def test_purge_is_idempotent_and_audited(engine, clock) -> None:
    _fill(engine, clock.now)
    first = purge(engine, clock.now, batch_size=1000, pause_seconds=0, retention_days=180)
    second = purge(engine, clock.now, batch_size=1000, pause_seconds=0, retention_days=180)
    assert (first.events_deleted, first.conversations_deleted) == (305, 31)
    assert (second.events_deleted, second.conversations_deleted) == (0, 0)
    history = purge_history(engine)
    assert [(h["events_deleted"], h["conversations_deleted"], h["completed"]) for h in history] == [
        (0, 0, True), (305, 31, True)
    ]
    assert all(h["cutoff"] == clock.now.isoformat() and h["duration_seconds"] is not None for h in history)
    # the audit holds counts and times, nothing else
    with engine.connect() as connection:
        columns = set(connection.execute(sa.text("SELECT * FROM purge_audit")).keys())
    assert columns == {"id", "ran_at", "cutoff", "events_deleted", "conversations_deleted", "dry_run",
                       "duration", "completed"}


def test_dry_run_counts_what_a_purge_deletes_and_deletes_nothing(engine, clock) -> None:
    _fill(engine, clock.now)
    dry = purge(engine, clock.now, dry_run=True, retention_days=180)
    assert count(engine, "events") == 316
    real = purge(engine, clock.now, pause_seconds=0, retention_days=180)
    assert (dry.events_deleted, dry.conversations_deleted) == (real.events_deleted, real.conversations_deleted)
    assert [h["dry_run"] for h in purge_history(engine)] == [False, True]


def test_one_purge_at_a_time(engine, clock) -> None:
    seed(engine, ["a"], 3, clock.now - timedelta(days=200))
    with purge_lock(engine) as held:
        assert held
        with pytest.raises(PurgeAlreadyRunning):
            purge(engine, clock.now, retention_days=180)
    assert count(engine, "events") == 3
    assert purge(engine, clock.now, retention_days=180).events_deleted == 3


async def test_scheduled_purge_runs_at_start_and_stops_on_request(db_url, engine, clock) -> None:
    seed(engine, ["old"], 20, clock.now - timedelta(days=400))
    seed(engine, ["today"], 2, clock.now - timedelta(hours=1))
    config = settings.load({"PRIVACYBOT_DATABASE_URL": db_url, "PRIVACYBOT_PURGE_INTERVAL_SECONDS": "3600"})
    stop = asyncio.Event()
    # two schedulers, as in two server processes: one purges, the other skips
    tasks = [asyncio.create_task(run_periodically(config, stop, clock=lambda: clock.now)) for _ in range(2)]
    for _ in range(200):
        if count(engine, "events") == 2:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=10)
    assert count(engine, "events") == 2
    history = purge_history(engine)
    assert len(history) == 1 and history[0]["events_deleted"] == 20


def test_purge_interrupted_mid_run_is_finished_by_a_rerun(db_url, engine, clock) -> None:
    now = clock.now
    seed(engine, [f"c{i}" for i in range(100)], 150, now - timedelta(days=190))  # 15,000 expired
    seed(engine, [f"c{i}" for i in range(0, 100, 10)], 3, now - timedelta(days=1))  # 30 live
    process = worker("purge", db_url, "300", "0.05", now.isoformat())
    start_together([process])
    deleted_so_far = 0
    for line in process.stdout:
        deleted_so_far = json.loads(line).get("events", 0)
        if deleted_so_far >= 3000:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    remaining = count(engine, "events", "expires_at <= :n", n=now)
    assert 0 < remaining < 15_000 - 2_000, "the purge should have been killed half-way"
    assert purge_history(engine)[0]["completed"] is False

    env = {"PRIVACYBOT_DATABASE_URL": db_url}
    rerun = privacybot("purge", "--now", now.isoformat(), "--wait", env_overrides=env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"Deleted {remaining} expired events and 90 empty conversations" in rerun.stdout
    assert count(engine, "events", "expires_at <= :n", n=now) == 0
    assert count(engine, "events") == 30
    assert count(engine, "conversations") == 10


def test_purge_in_one_process_while_another_writes(db_url, engine, clock) -> None:
    from bot.store.retention import utcnow

    now = utcnow()
    writers = [f"w-{i}" for i in range(150)]
    # The writer's conversations are old and every stored event has expired, so the purge
    # deletes their events and then the conversations as empty, while the writer
    # appends to those very conversations.
    seed(engine, writers, 20, now - timedelta(days=200))
    seed(engine, [f"idle-{i}" for i in range(100)], 40, now - timedelta(days=200))
    total_expired = 150 * 20 + 100 * 40

    writer = worker("write", db_url, "w", "150", "2")
    purger = worker("purge", db_url, "50", "0.005", now.isoformat())
    start_together([writer, purger])
    outputs = wait_all([writer, purger])

    assert json.loads(outputs[0].strip().splitlines()[-1]) == {"turns_written": 300}
    done = json.loads(outputs[1].strip().splitlines()[-1])["done"]
    assert done["events_deleted"] == total_expired
    assert count(engine, "conversations", "sender_id LIKE 'idle-%'") == 0
    # every message the writer saved is there exactly once, in its conversation
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT c.sender_id, COUNT(*), COUNT(DISTINCT e.timestamp) FROM events e "
            "JOIN conversations c ON c.id = e.conversation_id GROUP BY c.sender_id"
        )).all()
    per_conversation = {sender: (n, distinct) for sender, n, distinct in rows}
    # a created tracker starts with action_listen; then 2 turns of 4 events
    assert per_conversation == {w: (9, 9) for w in writers}
