"""The store's tables. Changes go through an Alembic migration in bot/migrations/versions.

``tests/bot/store/test_store_migrations.py`` fails when these definitions and the migrations differ.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData()

# SQLite has no 64-bit autoincrement other than its INTEGER rowid.
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class UTCDateTime(TypeDecorator):
    """A UTC instant: aware datetimes in, aware UTC datetimes out, on every database.

    PostgreSQL keeps ``timestamptz``; SQLite stores naive UTC text, which sorts and
    compares correctly because every value is UTC in the same format.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise ValueError("naive datetime given to the store; use timezone-aware datetimes")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


conversations = sa.Table(
    "conversations",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    # sha256 hex of the server-issued conversation secret; the secret itself is never stored
    sa.Column("secret_hash", sa.String(64), nullable=True),
    sa.Column("training_opt_out", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("company", sa.String(32), nullable=True),
    sa.Column("language", sa.String(8), nullable=True),
    sa.UniqueConstraint("sender_id", name="uq_conversations_sender_id"),
    sa.Index("ix_conversations_created_at", "created_at"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    # No ON DELETE CASCADE on purpose: deleting a conversation that still has events is
    # an error, never a silent loss of a message written concurrently.
    sa.Column(
        "conversation_id",
        BigId,
        sa.ForeignKey("conversations.id", name="fk_events_conversation_id"),
        nullable=False,
    ),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("intent_name", sa.String(255), nullable=True),
    sa.Column("action_name", sa.String(255), nullable=True),
    # Rasa's event timestamp (float seconds); also identifies which events are new
    sa.Column("timestamp", sa.Float(), nullable=False),
    sa.Column("collected_at", UTCDateTime(), nullable=False),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
    # The event as Rasa serialises it, after redaction
    sa.Column("data", sa.Text(), nullable=False),
    # Counts of redacted findings by type, e.g. {"EMAIL_ADDRESS": 1}; never the values
    sa.Column("redactions", sa.Text(), nullable=True),
    sa.Index("ix_events_expires_at", "expires_at"),
    sa.Index("ix_events_conversation_timestamp", "conversation_id", "timestamp"),
)

purge_audit = sa.Table(
    "purge_audit",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("ran_at", UTCDateTime(), nullable=False),
    sa.Column("cutoff", UTCDateTime(), nullable=False),
    sa.Column("events_deleted", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("conversations_deleted", sa.BigInteger(), nullable=False, server_default="0"),
    sa.Column("dry_run", sa.Boolean(), nullable=False, server_default=sa.false()),
    # Seconds; NULL while running, and forever if the run was interrupted
    sa.Column("duration", sa.Float(), nullable=True),
    sa.Column("completed", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Index("ix_purge_audit_ran_at", "ran_at"),
)
