"""A separate OS process for the multi-process store tests.

    python store_worker.py write URL PREFIX CONVERSATIONS TURNS START_AT
        Waits until the wall clock reaches START_AT (so processes start together), then
        chats TURNS turns in each of CONVERSATIONS conversations PREFIX-0..n through
        RetentionTrackerStore (retrieve, append, save: what Rasa does per message).
    python store_worker.py purge URL BATCH_SIZE PAUSE_SECONDS NOW_ISO [START_AT]
        Runs a purge (from START_AT if given); prints one line per batch.
    python store_worker.py tickets REDIS_URL KEY_PREFIX CONVERSATION_ID COUNT START_AT
        Issues COUNT lock tickets for one conversation; prints them as a JSON list.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time

from bot.store.retention import parse_instant


async def _write(url: str, prefix: str, conversations: int, turns: int, start_at: float) -> None:
    from bot.store.tracker_store import RetentionTrackerStore
    from store_events import DOMAIN, turn

    while time.time() < start_at:
        await asyncio.sleep(0.005)
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


def _purge(url: str, batch_size: int, pause: float, now_iso: str, start_at: float) -> None:
    from bot.store.database import get_engine
    from bot.store.purge import purge

    engine = get_engine(url)
    while time.time() < start_at:
        time.sleep(0.005)

    def report(events_n: int, conversations_n: int) -> None:
        print(json.dumps({"events": events_n, "conversations": conversations_n}), flush=True)

    result = purge(engine, parse_instant(now_iso), batch_size, pause_seconds=pause,
                   wait_for_lock=True, on_batch=report, retention_days=180)
    print(json.dumps({"done": result.as_dict()}), flush=True)


def _tickets(url: str, key_prefix: str, conversation_id: str, n: int, start_at: float) -> None:
    from bot.store.lock_store import ConfiguredLockStore

    store = ConfiguredLockStore(redis_url=url, key_prefix=key_prefix)
    while time.time() < start_at:
        time.sleep(0.002)
    print(json.dumps([store.issue_ticket(conversation_id, 600) for _ in range(n)]), flush=True)


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "write":
        asyncio.run(_write(url, sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])))
    elif mode == "purge":
        start = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
        _purge(url, int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], start)
    elif mode == "tickets":
        _tickets(url, sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]))
    else:
        raise SystemExit(f"unknown mode {mode}")
