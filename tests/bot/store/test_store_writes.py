"""Which events are new: decided by Rasa timestamp and type, robust to hidden expired events."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa
from rasa.shared.core.events import ActionExecuted, BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.tracker_store import RetentionTrackerStore
from bot.store.writes import append_events
from store_events import DOMAIN, turn
from store_seed import count
from support.threads import run_in_threads


def _store(db_url, clock):
    return RetentionTrackerStore(DOMAIN, url=db_url, retention_days=180, clock=clock)


def _stored_timestamps(engine, sender_id):
    with engine.connect() as connection:
        return [
            row[0]
            for row in connection.execute(
                sa.text(
                    "SELECT e.timestamp FROM events e JOIN conversations c ON c.id = e.conversation_id "
                    "WHERE c.sender_id = :s ORDER BY e.id"
                ),
                {"s": sender_id},
            )
        ]


async def test_saving_the_same_tracker_twice_stores_each_event_once(db_url, engine, clock) -> None:
    store = _store(db_url, clock)
    tracker = DialogueStateTracker.from_events("twice", turn("hej", "Hej!", 1_780_000_000.0), DOMAIN.slots)
    await store.save(tracker)
    await store.save(tracker)
    assert count(engine, "events") == 4


async def test_rasa_flow_get_or_create_then_save_appends_in_order(db_url, engine, clock) -> None:
    store = _store(db_url, clock)
    for i in range(3):
        tracker = await store.get_or_create_tracker("flow")
        for event in turn(f"spørgsmål {i}", f"svar {i}", 1_780_000_000.0 + 10 * i):
            tracker.update(event)
        await store.save(tracker)
    stamps = _stored_timestamps(engine, "flow")
    assert len(stamps) == 1 + 3 * 4  # the initial action_listen, then three turns
    assert stamps[1:] == sorted(stamps[1:])
    retrieved = await store.retrieve("flow")
    assert [e.as_dict()["text"] for e in retrieved.events if e.type_name == "user"] == [
        "spørgsmål 0", "spørgsmål 1", "spørgsmål 2"
    ]


async def test_new_events_are_found_when_expired_ones_are_hidden(db_url, engine, clock) -> None:
    # Counting stored events (Rasa's SQLTrackerStore) would skip the new turn here:
    # the table holds 8 events, the retrieved tracker only the 4 unexpired ones.
    start = clock.now
    store = _store(db_url, clock)
    tracker = DialogueStateTracker.from_events("hidden", turn("a", "b", start.timestamp()), DOMAIN.slots)
    await store.save(tracker)
    clock.now = start + timedelta(days=100)
    tracker.update_with_events(turn("c", "d", clock.now.timestamp()), None, override_timestamp=False)
    await store.save(tracker)

    clock.now = start + timedelta(days=181)
    retrieved = await store.retrieve("hidden")
    assert len(retrieved.events) == 4
    retrieved.update_with_events(turn("e", "f", clock.now.timestamp()), None, override_timestamp=False)
    await store.save(retrieved)

    assert count(engine, "events") == 12
    stamps = _stored_timestamps(engine, "hidden")
    assert len(stamps) == len(set(stamps)) == 12


async def test_events_with_identical_timestamps_are_all_kept(db_url, engine, clock) -> None:
    store = _store(db_url, clock)
    t = 1_780_000_000.123456
    events = [ActionExecuted("action_listen", timestamp=t), BotUttered("en", timestamp=t),
              BotUttered("to", timestamp=t)]
    tracker = DialogueStateTracker.from_events("ties", events, DOMAIN.slots)
    await store.save(tracker)
    tracker.update(BotUttered("tre", timestamp=t))
    await store.save(tracker)
    await store.save(tracker)
    retrieved = await store.retrieve("ties")
    assert [e.as_dict().get("text") for e in retrieved.events] == [None, "en", "to", "tre"]


def test_two_threads_saving_one_conversation_at_once_write_each_event_once(db_url, engine, clock) -> None:
    # Normally the lock store serialises a conversation; the row lock makes the store
    # correct even without it.
    serialised = [e.as_dict() for e in turn("samtidig", "ja", 1_780_000_000.0)]
    run_in_threads(lambda: append_events(engine, "race", serialised, clock.now, 180), 4)
    assert count(engine, "events") == 4
    assert count(engine, "conversations") == 1
