"""The lock store endpoints.yml names: Redis when configured, in-process otherwise."""
from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from rasa.core.lock_store import InMemoryLockStore

from bot.store.lock_store import AtomicRedisLockStore, ConfiguredLockStore
from store_processes import start_together, wait_all, worker

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def key_prefix():
    prefix = f"storetest{uuid.uuid4().hex[:10]}"
    yield prefix
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_without_a_redis_url_the_lock_is_in_process(monkeypatch) -> None:
    monkeypatch.delenv("PRIVACYBOT_REDIS_URL", raising=False)
    assert isinstance(ConfiguredLockStore().delegate, InMemoryLockStore)


@pytest.mark.redis
def test_the_redis_url_setting_selects_redis(monkeypatch) -> None:
    monkeypatch.setenv("PRIVACYBOT_REDIS_URL", REDIS_URL)
    assert isinstance(ConfiguredLockStore().delegate, AtomicRedisLockStore)


@pytest.mark.redis
def test_processes_taking_tickets_at_once_never_share_one(key_prefix) -> None:
    processes = [worker("tickets", REDIS_URL, key_prefix, "one-conversation", "150") for _ in range(3)]
    start_together(processes)
    tickets = [t for out in wait_all(processes) for t in json.loads(out)]
    assert len(tickets) == 450
    assert len(set(tickets)) == 450, "two processes were handed the same ticket"


@pytest.mark.redis
async def test_one_conversation_is_handled_by_one_holder_at_a_time(key_prefix) -> None:
    store = ConfiguredLockStore(redis_url=REDIS_URL, key_prefix=key_prefix)
    inside = 0
    most_inside = 0

    async def handle() -> None:
        nonlocal inside, most_inside
        async with store.lock("chat", lock_lifetime=30, wait_time_in_seconds=0.01):
            inside += 1
            most_inside = max(most_inside, inside)
            await asyncio.sleep(0.02)
            inside -= 1

    await asyncio.gather(*(handle() for _ in range(5)))
    assert most_inside == 1
    assert store.get_lock("chat") is None  # cleaned up after the last holder
