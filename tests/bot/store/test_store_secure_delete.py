"""Deleting a conversation on SQLite leaves no copy of its text in the database or WAL file."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

from bot.store import conversations
from bot.store.purge import purge
from bot.store.database import dispose_engine, get_engine
from bot.store.schema import conversations as conversations_table
from bot.store.schema import events

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def disk_bytes(db_file: Path) -> bytes:
    """Everything SQLite keeps for the store: the file, its WAL and shared-memory index."""
    return b"".join(p.read_bytes() for p in sorted(db_file.parent.glob(db_file.name + "*")))


def write_conversation(
    engine: sa.engine.Engine, sender_id: str, marker: str, turns: int = 40, keep_days: int = 180
) -> None:
    conversations.create_conversation(engine, sender_id)
    with engine.begin() as connection:
        conversation_id = connection.execute(
            sa.select(conversations_table.c.id).where(conversations_table.c.sender_id == sender_id)
        ).scalar_one()
        for turn in range(turns):  # one transaction per turn, as chatting writes them
            ts = NOW.timestamp() + turn
            connection.execute(
                events.insert(),
                {
                    "conversation_id": conversation_id,
                    "type_name": "user",
                    "intent_name": None,
                    "action_name": None,
                    "timestamp": ts,
                    "collected_at": NOW,
                    "expires_at": NOW + timedelta(days=keep_days),
                    "data": json.dumps({"event": "user", "timestamp": ts, "text": f"{marker} nummer {turn}"}),
                    "redactions": None,
                },
            )


def test_a_deleted_conversations_text_is_gone_from_the_db_and_wal_files(tmp_path) -> None:
    db_file = tmp_path / "store" / "transcripts.db"
    url = f"sqlite:///{db_file}"
    engine = get_engine(url)
    try:
        write_conversation(engine, "keep-this-one", "Bevaresbesked")
        write_conversation(engine, "delete-this-one", "Zebrafiskhemmelighed")
        before = disk_bytes(db_file)
        assert b"Zebrafiskhemmelighed" in before, "the test can see text on disk"

        assert conversations.delete_conversation(engine, "delete-this-one") == 40

        after = disk_bytes(db_file)
        assert b"Zebrafiskhemmelighed" not in after
        assert b"delete-this-one" not in after  # the sender id (conversation row) too
        assert b"Bevaresbesked" in after, "the other conversation is untouched"
    finally:
        dispose_engine(url)


def test_purged_text_is_gone_from_the_db_and_wal_files(tmp_path) -> None:
    """The hourly purge leaves no copy of expired text on disk either (WAL checkpointed)."""
    db_file = tmp_path / "store" / "transcripts.db"
    url = f"sqlite:///{db_file}"
    engine = get_engine(url)
    try:
        write_conversation(engine, "still-kept", "Bevaresbesked", keep_days=400)
        write_conversation(engine, "expires-first", "Zebrafiskhemmelighed", keep_days=30)
        assert b"Zebrafiskhemmelighed" in disk_bytes(db_file), "the test can see text on disk"

        result = purge(engine, NOW + timedelta(days=31), pause_seconds=0, duty_cycle=1, retention_days=180)

        assert result.events_deleted == 40
        after = disk_bytes(db_file)
        assert b"Zebrafiskhemmelighed" not in after
        assert b"Bevaresbesked" in after, "unexpired text is untouched"
    finally:
        dispose_engine(url)


def test_every_sqlite_connection_zeroes_deleted_content(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
    engine = get_engine(url)
    try:
        connections = [engine.connect() for _ in range(3)]  # three pooled connections
        assert [c.exec_driver_sql("PRAGMA secure_delete").scalar() for c in connections] == [1, 1, 1]
        for connection in connections:
            connection.close()
    finally:
        dispose_engine(url)
