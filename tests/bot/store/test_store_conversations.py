"""The read/write API for the web server and the customer-rights features."""
from __future__ import annotations

from datetime import timedelta

from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.conversations import (
    create_conversation,
    delete_conversation,
    get_conversation,
    get_training_opt_out,
    hash_secret,
    set_secret_hash,
    set_training_opt_out,
    verify_secret,
)
from bot.store.database import run_sync
from bot.store.reads import aiter_export_conversations, conversation_events, iter_export_conversations
from bot.store.tracker_store import RetentionTrackerStore
from store_events import DOMAIN, turn
from store_seed import count, seed


async def _chat(db_url, clock, sender_id: str, turns: int = 1) -> RetentionTrackerStore:
    store = RetentionTrackerStore(DOMAIN, url=db_url, retention_days=180, clock=clock)
    tracker = await store.get_or_create_tracker(sender_id)
    for i in range(turns):
        for event in turn(f"spørgsmål {i}", f"svar {i}", clock.now.timestamp() + i):
            tracker.update(event)
    await store.save(tracker)
    return store


def test_only_the_holder_of_the_secret_is_recognised(engine) -> None:
    created = create_conversation(engine, "conv-a", secret="secret-a", company="ok", language="da")
    assert created.has_secret and created.company == "ok" and created.language == "da"
    create_conversation(engine, "conv-b", secret="secret-b")
    create_conversation(engine, "conv-nosecret")

    assert verify_secret(engine, "conv-a", "secret-a")
    assert not verify_secret(engine, "conv-a", "secret-b")       # another visitor's secret
    assert not verify_secret(engine, "conv-a", "")                # missing
    assert not verify_secret(engine, "conv-a", None)
    assert not verify_secret(engine, "conv-guess", "secret-a")    # guessed id
    assert not verify_secret(engine, "conv-nosecret", "")         # no secret stored


def test_the_secret_is_stored_hashed_and_never_replaced(engine) -> None:
    create_conversation(engine, "conv", secret="first")
    create_conversation(engine, "conv", secret="second")          # a take-over attempt
    assert not set_secret_hash(engine, "conv", hash_secret("third"))
    assert verify_secret(engine, "conv", "first")
    assert not verify_secret(engine, "conv", "second")
    assert count(engine, "conversations", "secret_hash = :h", h=hash_secret("first")) == 1
    assert count(engine, "conversations", "secret_hash = 'first'") == 0


def test_secret_hash_can_be_set_once_by_the_server(engine) -> None:
    assert set_secret_hash(engine, "fresh", hash_secret("s"))
    assert verify_secret(engine, "fresh", "s")
    assert not set_secret_hash(engine, "fresh", hash_secret("t"))


async def test_training_opt_out_is_stored_and_honoured_by_export(db_url, engine, clock) -> None:
    await _chat(db_url, clock, "keeps")
    await _chat(db_url, clock, "objects")
    assert get_training_opt_out(engine, "objects") is False
    assert set_training_opt_out(engine, "objects", True)
    assert get_training_opt_out(engine, "objects") is True
    assert not set_training_opt_out(engine, "nobody", True)
    assert get_training_opt_out(engine, "nobody") is None
    exported = [c.sender_id for c in iter_export_conversations(engine, clock.now)]
    assert exported == ["keeps"]


async def test_delete_now_removes_every_event_at_once(db_url, engine, clock) -> None:
    store = await _chat(db_url, clock, "gone", turns=3)
    await _chat(db_url, clock, "stays")
    create_conversation(engine, "gone", secret="s")

    assert delete_conversation(engine, "gone") == 1 + 3 * 4
    assert conversation_events(engine, "gone", clock.now) == []
    assert await store.retrieve("gone") is None
    assert get_conversation(engine, "gone") is None
    assert not verify_secret(engine, "gone", "s")
    assert len(conversation_events(engine, "stays", clock.now)) == 5
    assert delete_conversation(engine, "gone") == 0


async def test_download_has_redacted_events_with_their_deletion_date(db_url, engine, clock) -> None:
    await _chat(db_url, clock, "mine", turns=2)
    events = conversation_events(engine, "mine", clock.now)
    assert [e.type_name for e in events][:5] == ["action", "user", "action", "bot", "action"]
    assert all(e.expires_at == e.collected_at + timedelta(days=180) for e in events)
    assert events[1].data["text"] == "spørgsmål 0"


async def test_export_streams_in_batches_skipping_expired_and_empty(db_url, engine, clock) -> None:
    seed(engine, [f"old-{i}" for i in range(5)], 3, clock.now - timedelta(days=181))
    seed(engine, [f"new-{i}" for i in range(7)], 2, clock.now - timedelta(days=1))
    seed(engine, ["new-3"], 4, clock.now - timedelta(days=200))  # expired part of a live conversation
    exported = list(iter_export_conversations(engine, clock.now, batch_size=3))
    assert [c.sender_id for c in exported] == [f"new-{i}" for i in range(7)]
    assert all(len(c.events) == 2 for c in exported)
    since = list(iter_export_conversations(engine, clock.now, since=clock.now - timedelta(hours=1)))
    assert since == []
    streamed = [c.sender_id async for c in aiter_export_conversations(engine, clock.now, batch_size=2)]
    assert streamed == [f"new-{i}" for i in range(7)]


async def test_blocking_functions_run_off_the_event_loop(engine) -> None:
    created = await run_sync(create_conversation, engine, "async", secret="x")
    assert created.sender_id == "async"
    assert await run_sync(verify_secret, engine, "async", "x")
