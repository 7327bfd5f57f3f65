"""The store's write path for identifiers split over two user messages.

The door and :mod:`bot.store.redacting` redact each message alone, so "mit cpr er
010203" followed by "1234" leaves both fragments. Here, inside the transaction that
inserts a conversation's new events (``bot.store.writes.append_events``), each new user
message is paired with the conversation's previous user message: the one before it in
the same batch or, failing that, the latest one already stored. When the two fragments
together form an identifier (:func:`redaction.across.split_identifiers`), both are
replaced by its placeholder: in the new row before it is inserted, and in the stored
earlier row, which is rewritten in place (its ``data`` and its ``redactions`` counts).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from bot.store.schema import events

logger = logging.getLogger(__name__)

USER = "user"


def _rewrite(obj: Any, fragment: str, entity_type: str) -> Tuple[Any, int]:
    """Replace ``fragment`` in every string inside ``obj``; returns the copy and the count."""
    # Imported on use, as in bot.store.redacting: an import error at module level would make
    # Rasa fall back to its in-memory tracker store without a word.
    from redaction.across import remove_fragment

    if isinstance(obj, str):
        return remove_fragment(obj, fragment, entity_type)
    if isinstance(obj, dict):
        total = 0
        out = {}
        for key, value in obj.items():
            out[key], n = _rewrite(value, fragment, entity_type)
            total += n
        return out, total
    if isinstance(obj, list):
        total = 0
        items = []
        for value in obj:
            item, n = _rewrite(value, fragment, entity_type)
            items.append(item)
            total += n
        return items, total
    return obj, 0


def _apply(row: Dict[str, Any], fragment: str, entity_type: str) -> bool:
    """Rewrite one row dict (``data``/``redactions`` as stored JSON text) in place."""
    data = json.loads(row["data"])
    data, count = _rewrite(data, fragment, entity_type)
    if not count:
        return False
    counts = json.loads(row["redactions"]) if row.get("redactions") else {}
    counts[entity_type] = counts.get(entity_type, 0) + 1
    row["data"] = json.dumps(data, ensure_ascii=False)
    row["redactions"] = json.dumps(counts, sort_keys=True)
    return True


def _text(row: Dict[str, Any]) -> str:
    text = json.loads(row["data"]).get("text")
    return text if isinstance(text, str) else ""


def _stored_previous_user(connection: Connection, conversation_id: int, before: float) -> Optional[Dict[str, Any]]:
    found = connection.execute(
        sa.select(events.c.id, events.c.data, events.c.redactions)
        .where(
            events.c.conversation_id == conversation_id,
            events.c.type_name == USER,
            events.c.timestamp < before,
        )
        .order_by(events.c.timestamp.desc(), events.c.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    return {"id": found.id, "data": found.data, "redactions": found.redactions}


def complete_split_identifiers(
    connection: Connection, conversation_id: int, rows: List[Dict[str, Any]], lang: Optional[str]
) -> int:
    """Redact identifiers split between consecutive user messages; returns how many.

    ``rows`` are the event rows about to be inserted (tracker order); they are changed
    in place. A stored earlier user event is updated in the same transaction.
    """
    from redaction.across import split_identifiers  # on use: see _rewrite

    completed = 0
    previous: Optional[Dict[str, Any]] = None
    for row in rows:
        if row["type_name"] != USER:
            continue
        if previous is None:
            previous = _stored_previous_user(connection, conversation_id, row["timestamp"])
        if previous is not None:
            for split in split_identifiers(_text(previous), _text(row), lang):
                _apply(row, split.later, split.type)
                if _apply(previous, split.earlier, split.type) and "id" in previous:
                    connection.execute(
                        events.update()
                        .where(events.c.id == previous["id"])
                        .values(data=previous["data"], redactions=previous["redactions"])
                    )
                completed += 1
        previous = row
    if completed:
        logger.info("redacted %d identifier(s) split over two messages", completed)
    return completed
