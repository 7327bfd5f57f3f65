"""The admin tests' app (no Rasa model: the admin routes do not need one) and store contents."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any, Dict

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.conversations import create_conversation, set_training_opt_out
from bot.store.retention import utcnow
from bot.store.schema import conversations, events
from bot.store.writes import append_events
from redaction import synthetic

TOKEN = "s3cret-admin-token-for-tests-9f2c1e7a"
# Words in stored messages; none may ever appear in an admin response other than an export.
TEXT_MARKERS = ("kiwimarker", "optedoutmarker", "plantedmarker", "svarmarker")


async def no_model() -> Any:
    """The agent loader of the admin tests: there is no model, and the admin pages do not care."""
    raise RuntimeError("no model in the admin tests")


def _user(text: str, ts: float, intent: str = "ask_retention_chat", confidence: float = 0.9) -> Dict[str, Any]:
    return {"event": "user", "timestamp": ts, "text": text,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": confidence},
                           "intent_ranking": [{"name": intent, "confidence": confidence}], "entities": []},
            "input_channel": "rest", "message_id": f"m{ts}", "metadata": {}}


def _bot(text: str, ts: float) -> Dict[str, Any]:
    return {"event": "bot", "timestamp": ts, "text": text, "data": {}, "metadata": {}}


def fill(engine: Engine, now: datetime = None) -> Dict[str, Any]:
    """A small store: a conversation with a typed CPR number, an opted-out one, a planted raw row."""
    now = now or utcnow()
    cpr = synthetic.format_cpr(synthetic.dk_cpr(random.Random(21)), "hyphen")
    email = synthetic.email(random.Random(22))
    day = timedelta(days=1)
    create_conversation(engine, "admin-kept", company="OK", language="da", now=now - 2 * day)
    append_events(engine, "admin-kept", [
        _user(f"kiwimarker mit cpr er {cpr} og min mail er {email}", 1.0),
        _bot("svarmarker vi gemmer chatten i 180 dage", 2.0),
    ], now - 2 * day, 180)
    append_events(engine, "admin-kept", [_user("kiwimarker tak", 3.0, "thank", 0.95)], now - 40 * day, 180)
    create_conversation(engine, "admin-optout", company="OK", language="da", now=now - day)
    append_events(engine, "admin-optout", [_user("optedoutmarker hej", 1.0, "greet", 0.9)], now - day, 180)
    set_training_opt_out(engine, "admin-optout", True)
    with engine.begin() as connection:
        conversation_id = connection.execute(
            sa.select(conversations.c.id).where(conversations.c.sender_id == "admin-kept")
        ).scalar_one()
        planted = _user(f"plantedmarker {cpr}", 4.0)
        connection.execute(events.insert().values(
            conversation_id=conversation_id, type_name="user", intent_name="ask_retention_chat",
            action_name=None, timestamp=4.0, collected_at=now - day, expires_at=now + 179 * day,
            data=json.dumps(planted), redactions=None))
    return {"now": now, "cpr": cpr, "email": email}
