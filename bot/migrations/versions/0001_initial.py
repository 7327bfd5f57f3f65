"""Conversations, redacted events with collection and expiry times, purge audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""
from alembic import op
import sqlalchemy as sa

from bot.store.schema import BigId, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=True),
        sa.Column("training_opt_out", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("company", sa.String(32), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.UniqueConstraint("sender_id", name="uq_conversations_sender_id"),
    )
    op.create_index("ix_conversations_created_at", "conversations", ["created_at"])

    op.create_table(
        "events",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column(
            "conversation_id",
            BigId,
            sa.ForeignKey("conversations.id", name="fk_events_conversation_id"),
            nullable=False,
        ),
        sa.Column("type_name", sa.String(255), nullable=False),
        sa.Column("intent_name", sa.String(255), nullable=True),
        sa.Column("action_name", sa.String(255), nullable=True),
        sa.Column("timestamp", sa.Float(), nullable=False),
        sa.Column("collected_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("redactions", sa.Text(), nullable=True),
    )
    op.create_index("ix_events_expires_at", "events", ["expires_at"])
    op.create_index("ix_events_conversation_timestamp", "events", ["conversation_id", "timestamp"])

    op.create_table(
        "purge_audit",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("ran_at", UTCDateTime(), nullable=False),
        sa.Column("cutoff", UTCDateTime(), nullable=False),
        sa.Column("events_deleted", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("conversations_deleted", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("dry_run", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("duration", sa.Float(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_purge_audit_ran_at", "purge_audit", ["ran_at"])


def downgrade() -> None:
    op.drop_table("purge_audit")
    op.drop_table("events")
    op.drop_table("conversations")
