"""What the tests ask the store directly (SQL on the test schema, never through a replica)."""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime, timedelta
from typing import Dict, Iterable, List, Set, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

REF = re.compile(r"\(ref ([a-z]{10})\)")


def user_messages(engine: Engine) -> List[Tuple[str, int, str]]:
    """Every stored user message: (conversation sender id, event id, text), in event order."""
    query = sa.text(
        "SELECT c.sender_id, e.id, e.data FROM events e JOIN conversations c ON c.id = e.conversation_id "
        "WHERE e.type_name = 'user' ORDER BY e.id"
    )
    with engine.connect() as connection:
        return [(sender, event_id, json.loads(data).get("text") or "") for sender, event_id, data in connection.execute(query)]


def stored_refs(engine: Engine) -> Counter:
    """How many times each ``(ref token)`` occurs among stored user messages."""
    counts: Counter = Counter()
    for _, _, text in user_messages(engine):
        counts.update(REF.findall(text))
    return counts


def conversation_events(engine: Engine, sender_id: str) -> List[Dict]:
    """One conversation's stored events (type and serialised data), in stored order."""
    query = sa.text(
        "SELECT e.type_name, e.data FROM events e JOIN conversations c ON c.id = e.conversation_id "
        "WHERE c.sender_id = :s ORDER BY e.id"
    )
    with engine.connect() as connection:
        return [json.loads(data) for _, data in connection.execute(query, {"s": sender_id})]


def count(engine: Engine, sql: str, **params: object) -> int:
    """A scalar count."""
    with engine.connect() as connection:
        return int(connection.execute(sa.text(sql), params).scalar() or 0)


def seed_events(
    engine: Engine,
    prefix: str,
    conversations_n: int,
    events_per_conversation: int,
    collected_at: datetime,
    retention_days: int = 180,
) -> int:
    """Insert conversations ``<prefix>-<i>`` with bot events collected at ``collected_at``.

    Written straight into the tables (already "redacted": fixed text) so a test can have
    tens of thousands of expired events in seconds. Returns the number of events.
    """
    expires = collected_at + timedelta(days=retention_days)
    senders = [f"{prefix}-{i}" for i in range(conversations_n)]
    with engine.begin() as connection:
        ids = {}
        for sender in senders:
            ids[sender] = connection.execute(
                sa.text("INSERT INTO conversations (sender_id, created_at) VALUES (:s, :t) RETURNING id"),
                {"s": sender, "t": collected_at},
            ).scalar()
        base = collected_at.timestamp()
        rows = [
            {
                "c": ids[sender],
                "ts": base + i * 0.001,
                "col": collected_at,
                "exp": expires,
                "data": json.dumps({"event": "bot", "timestamp": base + i * 0.001, "text": "Tak for din besked."}),
            }
            for sender in senders
            for i in range(events_per_conversation)
        ]
        connection.execute(
            sa.text(
                "INSERT INTO events (conversation_id, type_name, timestamp, collected_at, expires_at, data) "
                "VALUES (:c, 'bot', :ts, :col, :exp, :data)"
            ),
            rows,
        )
    return len(rows)


def events_of_prefix(engine: Engine, prefix: str) -> int:
    """Events still stored in the seeded conversations ``<prefix>-*``."""
    return count(
        engine,
        "SELECT count(*) FROM events e JOIN conversations c ON c.id = e.conversation_id WHERE c.sender_id LIKE :p",
        p=f"{prefix}-%",
    )


def conversations_of_prefix(engine: Engine, prefix: str) -> int:
    return count(engine, "SELECT count(*) FROM conversations WHERE sender_id LIKE :p", p=f"{prefix}-%")


def purge_audit(engine: Engine, since: datetime) -> List[Dict]:
    """Purge audit rows recorded at or after ``since``, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT id, ran_at, cutoff, events_deleted, conversations_deleted, duration, completed, dry_run "
                "FROM purge_audit WHERE ran_at >= :since ORDER BY ran_at"
            ),
            {"since": since},
        ).mappings()
        return [dict(r) for r in rows]


def event_ids(engine: Engine, exclude_prefixes: Iterable[str] = ()) -> Set[int]:
    """Ids of stored events outside the seeded conversations ``<prefix>-*``."""
    clauses = " AND ".join(f"c.sender_id NOT LIKE '{p}-%'" for p in exclude_prefixes) or "TRUE"
    with engine.connect() as connection:
        return set(
            connection.execute(
                sa.text(f"SELECT e.id FROM events e JOIN conversations c ON c.id = e.conversation_id WHERE {clauses}")
            ).scalars()
        )
