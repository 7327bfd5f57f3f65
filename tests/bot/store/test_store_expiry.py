"""Events expire 180 days (elapsed) after collection, and no read path returns them."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.reads import conversation_events, count_export_conversations, iter_export_conversations
from bot.store.stats import store_stats
from bot.store.tracker_store import RetentionTrackerStore
from store_events import DOMAIN, turn

CPH = ZoneInfo("Europe/Copenhagen")
SECOND = timedelta(seconds=1)


def _store(db_url, clock, days=180):
    return RetentionTrackerStore(DOMAIN, url=db_url, retention_days=days, clock=clock)


async def _save_turn(store, sender_id: str, timestamp: float) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events(
        sender_id, turn("hvornår sletter I min chat?", "Senest efter 180 dage.", timestamp), DOMAIN.slots
    )
    await store.save(tracker)
    return tracker


async def _visible_everywhere(store, engine, sender_id: str, now: datetime) -> dict:
    """What each read path shows as of ``now``."""
    store.clock.now = now
    tracker = await store.retrieve(sender_id)
    full = await store.retrieve_full_tracker(sender_id)
    return {
        "retrieve": len(tracker.events) if tracker else 0,
        "retrieve_full_tracker": len(full.events) if full else 0,
        "exists": await store.exists(sender_id),
        "keys": sender_id in list(await store.keys()),
        "download": len(conversation_events(engine, sender_id, now)),
        "export": sum(len(c.events) for c in iter_export_conversations(engine, now)),
        "export_count": count_export_conversations(engine, now),
        "stats_events": store_stats(engine, now)["events"],
    }


def _physically_stored(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT COUNT(*) FROM events")).scalar()


@pytest.mark.parametrize(
    "collected_local",
    [
        # autumn → winter: +180 local calendar days would be 180 days and 1 hour
        datetime(2025, 9, 1, 12, 0, tzinfo=CPH),
        # winter → summer: +180 local calendar days would be 1 hour short
        datetime(2026, 3, 1, 12, 0, tzinfo=CPH),
    ],
    ids=["autumn-to-winter", "winter-to-summer"],
)
async def test_expiry_at_180_days_minus_and_plus_one_second_across_dst(
    db_url, engine, clock, collected_local
) -> None:
    clock.now = collected_local
    store = _store(db_url, clock)
    await _save_turn(store, "dst", collected_local.timestamp())
    expiry = collected_local.astimezone(timezone.utc) + timedelta(days=180)
    # sanity: this case really crosses a DST change (local offsets differ)
    assert collected_local.utcoffset() != expiry.astimezone(CPH).utcoffset()

    before = await _visible_everywhere(store, engine, "dst", (expiry - SECOND).astimezone(CPH))
    after = await _visible_everywhere(store, engine, "dst", (expiry + SECOND).astimezone(CPH))

    assert before == {
        "retrieve": 4, "retrieve_full_tracker": 4, "exists": True, "keys": True,
        "download": 4, "export": 4, "export_count": 1, "stats_events": 4,
    }
    assert after == {
        "retrieve": 0, "retrieve_full_tracker": 0, "exists": False, "keys": False,
        "download": 0, "export": 0, "export_count": 0, "stats_events": 0,
    }
    # no purge has run: the rows are still there, yet no read path returned them
    assert _physically_stored(engine) == 4
    assert store_stats(engine, expiry + SECOND)["expired_events_awaiting_purge"] == 4


async def test_expiry_is_elapsed_time_not_local_wall_clock(db_url, engine, clock) -> None:
    collected = datetime(2025, 9, 1, 12, 0, tzinfo=CPH)
    clock.now = collected
    store = _store(db_url, clock)
    await _save_turn(store, "wall", collected.timestamp())
    # 180 local days later at the same wall-clock time is one hour too late for the
    # policy's "at the latest after 180 days": the events must already be invisible.
    same_wall_clock = datetime(2026, 2, 28, 12, 0, tzinfo=CPH)
    # (aware datetimes sharing a tzinfo subtract as wall clocks; compare in UTC)
    utc = timezone.utc
    assert same_wall_clock.astimezone(utc) - collected.astimezone(utc) == timedelta(days=180, hours=1)
    assert conversation_events(engine, "wall", same_wall_clock - timedelta(minutes=30)) == []


async def test_retention_period_comes_from_configuration(db_url, engine, clock) -> None:
    store = _store(db_url, clock, days=30)
    await _save_turn(store, "short", clock.now.timestamp())
    assert len(conversation_events(engine, "short", clock.now + timedelta(days=30) - SECOND)) == 4
    assert conversation_events(engine, "short", clock.now + timedelta(days=30)) == []
    stored = conversation_events(engine, "short", clock.now)
    assert {e.expires_at - e.collected_at for e in stored} == {timedelta(days=30)}


async def test_default_retention_is_the_policy_180_days(db_url, clock, monkeypatch) -> None:
    monkeypatch.delenv("PRIVACYBOT_RETENTION_DAYS", raising=False)
    store = RetentionTrackerStore(DOMAIN, url=db_url, clock=clock)
    assert store.retention_days == 180


async def test_only_the_expired_part_of_a_conversation_disappears(db_url, engine, clock) -> None:
    start = clock.now
    store = _store(db_url, clock)
    tracker = await _save_turn(store, "partial", start.timestamp())
    clock.now = start + timedelta(days=10)
    for event in turn("og mine andre data?", "Dem sletter vi også.", clock.now.timestamp()):
        tracker.update(event)
    await store.save(tracker)

    now = start + timedelta(days=180, seconds=1)
    visible = conversation_events(engine, "partial", now)
    assert len(visible) == 4
    assert all(e.collected_at == start + timedelta(days=10) for e in visible)
    clock.now = now
    retrieved = await store.retrieve("partial")
    assert [e.as_dict()["timestamp"] for e in retrieved.events] == [e.timestamp for e in visible]


def test_naive_datetimes_are_refused(engine) -> None:
    with pytest.raises(ValueError, match="timezone"):
        conversation_events(engine, "x", datetime(2026, 1, 1, 12, 0))
