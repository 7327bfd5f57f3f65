"""Fast seeding of already-redacted events straight into the tables (tests only)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import List

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.schema import conversations, events


def seed(
    engine: Engine,
    sender_ids: List[str],
    events_per_conversation: int,
    collected_at: datetime,
    retention_days: int = 180,
) -> int:
    """Insert conversations (if missing) and ``events_per_conversation`` bot events each."""
    expires = collected_at + timedelta(days=retention_days)
    with engine.begin() as connection:
        existing = dict(
            connection.execute(
                sa.select(conversations.c.sender_id, conversations.c.id).where(
                    conversations.c.sender_id.in_(sender_ids)
                )
            ).all()
        )
        missing = [s for s in sender_ids if s not in existing]
        if missing:
            connection.execute(
                conversations.insert(), [{"sender_id": s, "created_at": collected_at} for s in missing]
            )
            existing.update(
                connection.execute(
                    sa.select(conversations.c.sender_id, conversations.c.id).where(
                        conversations.c.sender_id.in_(missing)
                    )
                ).all()
            )
        base = collected_at.timestamp()
        rows = []
        for sender_id in sender_ids:
            for i in range(events_per_conversation):
                ts = base + i * 0.001
                rows.append(
                    {
                        "conversation_id": existing[sender_id],
                        "type_name": "bot",
                        "intent_name": None,
                        "action_name": None,
                        "timestamp": ts,
                        "collected_at": collected_at,
                        "expires_at": expires,
                        "data": json.dumps({"event": "bot", "timestamp": ts, "text": "Tak for din besked."}),
                        "redactions": None,
                    }
                )
            if len(rows) >= 5000:
                connection.execute(events.insert(), rows)
                rows = []
        if rows:
            connection.execute(events.insert(), rows)
    return len(sender_ids) * events_per_conversation


def count(engine: Engine, table: str, where: str = "1=1", **params) -> int:
    """Row count of ``table`` matching a SQL condition."""
    with engine.connect() as connection:
        return int(connection.execute(sa.text(f"SELECT COUNT(*) FROM {table} WHERE {where}"), params).scalar())
