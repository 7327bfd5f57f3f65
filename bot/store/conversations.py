"""Conversation rows: who holds a conversation, its training opt-out, deleting it now.

For the web server and the customer-rights features. All functions are blocking; from
async code call them through ``await bot.store.database.run_sync(fn, ...)``. Each raises
:class:`~bot.store.errors.StoreUnavailable` when the database cannot be reached.

The conversation's secret is issued by the server; only its SHA-256 is stored, and
:func:`verify_secret` answers the same ``False`` for a wrong secret, a missing secret and
a conversation that does not exist, so a caller learns nothing about other visitors.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.database import scrub_deleted, translate_errors, write_transaction
from bot.store.retention import as_utc, utcnow
from bot.store.schema import conversations, events
from bot.store.writes import lock_conversation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Conversation:
    """A conversation row (no events, no secret hash)."""

    id: int
    sender_id: str
    created_at: datetime
    training_opt_out: bool
    company: Optional[str]
    language: Optional[str]
    has_secret: bool


def hash_secret(secret: str) -> str:
    """SHA-256 hex of a conversation secret: what the store keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _to_conversation(row: sa.engine.Row) -> Conversation:
    return Conversation(
        id=row.id,
        sender_id=row.sender_id,
        created_at=row.created_at,
        training_opt_out=bool(row.training_opt_out),
        company=row.company,
        language=row.language,
        has_secret=row.secret_hash is not None,
    )


def get_conversation(engine: Engine, sender_id: str) -> Optional[Conversation]:
    """The conversation row, or None."""
    with translate_errors("reading a conversation"), engine.connect() as connection:
        row = connection.execute(
            sa.select(conversations).where(conversations.c.sender_id == sender_id)
        ).first()
    return _to_conversation(row) if row else None


def create_conversation(
    engine: Engine,
    sender_id: str,
    *,
    secret: Optional[str] = None,
    company: Optional[str] = None,
    language: Optional[str] = None,
    now: Optional[datetime] = None,
) -> Conversation:
    """Get or create the conversation; set secret/company/language where given and not yet set.

    An existing secret is never replaced (use :func:`verify_secret` first): a second
    visitor presenting the same id cannot take the conversation over.
    """
    now = as_utc(now or utcnow())
    with translate_errors("creating a conversation"), write_transaction(engine) as connection:
        row = lock_conversation(connection, sender_id, now)
        changes = {}
        current = connection.execute(
            sa.select(conversations).where(conversations.c.id == row.id)
        ).one()
        if secret is not None and current.secret_hash is None:
            changes["secret_hash"] = hash_secret(secret)
        if company is not None and current.company is None:
            changes["company"] = company
        if language is not None and current.language is None:
            changes["language"] = language
        if changes:
            connection.execute(
                conversations.update().where(conversations.c.id == row.id).values(**changes)
            )
        result = connection.execute(
            sa.select(conversations).where(conversations.c.id == row.id)
        ).one()
    return _to_conversation(result)


def set_secret_hash(engine: Engine, sender_id: str, secret_hash: str) -> bool:
    """Store a secret's SHA-256 hex for a conversation that has none yet; True if stored."""
    if len(secret_hash) != 64:
        raise ValueError("secret_hash must be a SHA-256 hex digest (64 characters)")
    with translate_errors("storing a conversation secret"), write_transaction(engine) as connection:
        lock_conversation(connection, sender_id, utcnow())
        result = connection.execute(
            conversations.update()
            .where(conversations.c.sender_id == sender_id, conversations.c.secret_hash.is_(None))
            .values(secret_hash=secret_hash.lower())
        )
    return result.rowcount == 1


def verify_secret(engine: Engine, sender_id: str, secret: Optional[str]) -> bool:
    """True only if the conversation exists, has a secret, and ``secret`` is it."""
    candidate = hash_secret(secret or "")
    with translate_errors("checking a conversation secret"), engine.connect() as connection:
        stored = connection.execute(
            sa.select(conversations.c.secret_hash).where(conversations.c.sender_id == sender_id)
        ).scalar()
    # compare even when nothing is stored, so timing does not reveal existence
    matches = hmac.compare_digest(candidate, stored or "0" * 64)
    return bool(secret) and stored is not None and matches


def set_training_opt_out(engine: Engine, sender_id: str, opted_out: bool) -> bool:
    """Record whether the customer refuses use of this conversation for training.

    Returns False when the conversation does not exist.
    """
    with translate_errors("storing a training opt-out"), write_transaction(engine) as connection:
        result = connection.execute(
            conversations.update()
            .where(conversations.c.sender_id == sender_id)
            .values(training_opt_out=bool(opted_out))
        )
    return result.rowcount == 1


def get_training_opt_out(engine: Engine, sender_id: str) -> Optional[bool]:
    """The conversation's opt-out (None when it does not exist)."""
    conversation = get_conversation(engine, sender_id)
    return conversation.training_opt_out if conversation else None


def delete_conversation(engine: Engine, sender_id: str) -> int:
    """Delete every event of the conversation and the conversation itself, now.

    Returns the number of events deleted (0 when there was no such conversation). A
    later retrieve finds nothing; a message arriving afterwards starts a new conversation.
    On SQLite no copy stays on disk: the pages are zeroed (``secure_delete``) and the
    write-ahead log is checkpointed and emptied (:func:`bot.store.database.scrub_deleted`).
    """
    with translate_errors("deleting a conversation"), write_transaction(engine) as connection:
        conversation_id = connection.execute(
            sa.select(conversations.c.id)
            .where(conversations.c.sender_id == sender_id)
            .with_for_update()
        ).scalar()
        if conversation_id is None:
            return 0
        deleted = connection.execute(
            events.delete().where(events.c.conversation_id == conversation_id)
        ).rowcount
        connection.execute(conversations.delete().where(conversations.c.id == conversation_id))
    with translate_errors("removing a deleted conversation's copies"):
        scrub_deleted(engine)  # SQLite: no old copy left in the write-ahead log
    logger.info("conversation %s deleted on request (%d events)", conversation_id, deleted)
    return deleted
