"""Building stores for the export tests: real conversations through the store's write path
(so the first redaction pass runs), and rows planted straight into the tables.

Identifiers are synthetic (redaction.synthetic: valid-looking, random, nobody's).
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.conversations import create_conversation, set_training_opt_out
from bot.store.schema import conversations, events
from bot.store.writes import append_events
from redaction import synthetic


def cpr(seed: int, style: str = "hyphen") -> str:
    """A synthetic CPR number."""
    return synthetic.format_cpr(synthetic.dk_cpr(random.Random(seed)), style)


def user(text: str, ts: float, intent: Optional[str] = "ask_retention_chat", confidence: float = 0.93,
         ranking: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    """A serialised user event as Rasa's NLU leaves it."""
    parse: Dict[str, Any] = {"text": text, "entities": [], "message_id": None, "metadata": {}}
    if intent is not None:
        parse["intent"] = {"name": intent, "confidence": confidence}
        parse["intent_ranking"] = ranking or [{"name": intent, "confidence": confidence}]
    return {"event": "user", "timestamp": ts, "text": text, "parse_data": parse,
            "input_channel": "rest", "message_id": f"m{ts}", "metadata": {}}


def bot(text: str, ts: float) -> Dict[str, Any]:
    """A serialised bot event."""
    return {"event": "bot", "timestamp": ts, "text": text, "data": {}, "metadata": {"utter_action": "utter_x"}}


def action(name: str, ts: float) -> Dict[str, Any]:
    """A serialised action event (bookkeeping, never exported)."""
    return {"event": "action", "timestamp": ts, "name": name, "policy": "RulePolicy", "confidence": 1.0}


def converse(engine: Engine, sender_id: str, serialised: List[Dict[str, Any]], collected_at: datetime,
             company: str = "OK", language: str = "da", opted_out: bool = False) -> None:
    """Store a conversation through the redacting write path, collected at ``collected_at``."""
    create_conversation(engine, sender_id, company=company, language=language, now=collected_at)
    append_events(engine, sender_id, serialised, collected_at, 180)
    if opted_out:
        set_training_opt_out(engine, sender_id, True)


def plant(engine: Engine, sender_id: str, data: Dict[str, Any], collected_at: datetime) -> None:
    """Insert an event row as is, without redaction (what the second scan exists for)."""
    with engine.begin() as connection:
        conversation_id = connection.execute(
            sa.select(conversations.c.id).where(conversations.c.sender_id == sender_id)
        ).scalar_one()
        intent = (data.get("parse_data") or {}).get("intent") or {}
        connection.execute(
            events.insert().values(
                conversation_id=conversation_id, type_name=data["event"], intent_name=intent.get("name"),
                action_name=None, timestamp=float(data["timestamp"]), collected_at=collected_at,
                expires_at=collected_at + timedelta(days=180), data=json.dumps(data, ensure_ascii=False),
                redactions=None,
            )
        )
