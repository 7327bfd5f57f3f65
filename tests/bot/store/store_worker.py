"""A separate OS process for the multi-process store tests.

Every mode imports what it needs, prints ``ready`` and waits for a line on stdin, so a
test can start several processes at the same instant (``store_processes.start_together``).

    python store_worker.py write URL PREFIX CONVERSATIONS TURNS
        Chats TURNS turns in each of CONVERSATIONS conversations PREFIX-0..n through
        RetentionTrackerStore (retrieve, append, save: what Rasa does per message).
    python store_worker.py purge URL BATCH_SIZE PAUSE_SECONDS NOW_ISO
        Runs a purge; prints one line per batch.
    python store_worker.py open URL SENDER_ID
        Opens the store (first use migrates) and creates one conversation.
    python store_worker.py tickets REDIS_URL KEY_PREFIX CONVERSATION_ID COUNT
        Issues COUNT lock tickets for one conversation; prints them as a JSON list.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time

from bot.store.retention import parse_instant


def _barrier() -> None:
    print("ready", flush=True)
    sys.stdin.readline()


async def _write(url: str, prefix: str, conversations: int, turns: int) -> None:
    from bot.store.tracker_store import RetentionTrackerStore
    from redaction import warm_up
    from store_events import DOMAIN, turn

    warm_up()
    _barrier()
    store = RetentionTrackerStore(DOMAIN, url=url, retention_days=180)  # connects, migrates if needed
    written = 0
    for t in range(turns):
        for c in range(conversations):
            sender_id = f"{prefix}-{c}"
            tracker = await store.get_or_create_tracker(sender_id)
            for event in turn(f"besked {t}", f"svar {t}", time.time()):
                tracker.update(event)
            await store.save(tracker)
            written += 1
    print(json.dumps({"turns_written": written}), flush=True)


def _purge(url: str, batch_size: int, pause: float, now_iso: str) -> None:
    from bot.store.database import get_engine
    from bot.store.purge import purge

    engine = get_engine(url)
    _barrier()

    def report(events_n: int, conversations_n: int) -> None:
        print(json.dumps({"events": events_n, "conversations": conversations_n}), flush=True)

    result = purge(engine, parse_instant(now_iso), batch_size, pause_seconds=pause,
                   wait_for_lock=True, on_batch=report, retention_days=180)
    print(json.dumps({"done": result.as_dict()}), flush=True)


def _open(url: str, sender_id: str) -> None:
    from bot.store.conversations import create_conversation
    from bot.store.database import get_engine

    _barrier()
    create_conversation(get_engine(url), sender_id)
    print(json.dumps({"opened": sender_id}), flush=True)


def _tickets(url: str, key_prefix: str, conversation_id: str, n: int) -> None:
    from bot.store.lock_store import ConfiguredLockStore

    store = ConfiguredLockStore(redis_url=url, key_prefix=key_prefix)
    store.delegate.red.ping()
    _barrier()
    print(json.dumps([store.issue_ticket(conversation_id, 600) for _ in range(n)]), flush=True)


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "write":
        asyncio.run(_write(url, sys.argv[3], int(sys.argv[4]), int(sys.argv[5])))
    elif mode == "purge":
        _purge(url, int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
    elif mode == "open":
        _open(url, sys.argv[3])
    elif mode == "tickets":
        _tickets(url, sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown mode {mode}")
