"""What "delete my conversation" costs on SQLite with no copy left on disk.

Deletes conversations one by one from a store of N conversations and prints the median and
p95 time of ``delete_conversation``: as shipped (``secure_delete`` + a TRUNCATE checkpoint of
the write-ahead log after each delete), and with both switched off (the text would linger).
Between deletes a few chat turns are written, so every checkpoint has a WAL to copy.

    .venv/bin/python bench/bench_delete_scrub.py [--conversations 2000] [--events 20] [--deletes 100]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List

import sqlalchemy as sa
from sqlalchemy import event

from bot.store import conversations
from bot.store.database import dispose_engine, get_engine
from bot.store.schema import conversations as conversations_table
from bot.store.schema import events

NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)


def fill(engine: sa.engine.Engine, count: int, per_conversation: int) -> List[str]:
    senders = [f"bench-delete-{i}" for i in range(count)]
    with engine.begin() as connection:
        connection.execute(conversations_table.insert(), [{"sender_id": s, "created_at": NOW} for s in senders])
        ids = dict(connection.execute(sa.select(conversations_table.c.sender_id, conversations_table.c.id)).all())
        rows = [
            {
                "conversation_id": ids[s],
                "type_name": "user",
                "timestamp": NOW.timestamp() + i,
                "collected_at": NOW,
                "expires_at": NOW + timedelta(days=180),
                "data": json.dumps({"event": "user", "text": f"Hvor længe gemmer I min chat? ({s}, {i})" * 3}),
            }
            for s in senders
            for i in range(per_conversation)
        ]
        for start in range(0, len(rows), 5000):
            connection.execute(events.insert(), rows[start : start + 5000])
    return senders


def chat_turns(engine: sa.engine.Engine, sender: str, turns: int) -> None:
    for i in range(turns):
        with engine.begin() as connection:
            cid = connection.execute(
                sa.select(conversations_table.c.id).where(conversations_table.c.sender_id == sender)
            ).scalar_one()
            connection.execute(
                events.insert(),
                {"conversation_id": cid, "type_name": "bot", "timestamp": time.time(), "collected_at": NOW,
                 "expires_at": NOW + timedelta(days=180), "data": json.dumps({"event": "bot", "text": "Tak." * 40})},
            )


def run(scrub: bool, args: argparse.Namespace) -> List[float]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'transcripts.db'}"
        engine = get_engine(url)
        if not scrub:
            @event.listens_for(engine, "connect")
            def _plain(dbapi_connection, _record):  # registered after the store's own listener
                dbapi_connection.execute("PRAGMA secure_delete=OFF")

            engine.dispose()  # reconnect so the listener applies
            original, conversations.scrub_deleted = conversations.scrub_deleted, lambda _engine: True
        try:
            senders = fill(engine, args.conversations, args.events)
            keep = senders[-1]
            timings = []
            for sender in senders[: args.deletes]:
                chat_turns(engine, keep, 3)
                began = time.perf_counter()
                conversations.delete_conversation(engine, sender)
                timings.append((time.perf_counter() - began) * 1000)
            return timings
        finally:
            if not scrub:
                conversations.scrub_deleted = original
            dispose_engine(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--deletes", type=int, default=100)
    args = parser.parse_args()
    print(f"store: {args.conversations} conversations x {args.events} events; {args.deletes} deletes")
    for label, scrub in (("secure_delete + WAL checkpoint (shipped)", True), ("neither (text lingers)", False)):
        timings = sorted(run(scrub, args))
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{label:42s} median {statistics.median(timings):6.2f} ms   p95 {p95:6.2f} ms")


if __name__ == "__main__":
    main()
