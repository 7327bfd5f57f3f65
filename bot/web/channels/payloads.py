"""Which messages starting with ``/`` Rasa may read as a payload (intent + entities).

Rasa reads any text starting with ``/`` as ``/intent@confidence{json}rest`` and, when
that does not parse, warns with the whole text quoted. A user typing ``/ordre 1234`` is
writing text, not choosing an intent, and must not be able to pick intents, confidences
or entities the bot never offered. So a ``/`` message is a payload only when it is
exactly one the bot offered: a button payload this conversation was shown, or one of
the documented rights payloads below. Anything else is plain text: its leading slashes
are removed before Rasa sees it, so Rasa neither parses nor quotes it.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Set

PAYLOAD_PREFIX = "/"
# Documented in docs/customer-rights.md: a client may send these without a button.
RIGHTS_PAYLOADS = frozenset({"/delete_conversation", "/download_conversation", "/opt_out_training"})
_LEADING_SLASHES = re.compile(r"^\s*(?:/\s*)+")


def looks_like_payload(text: str) -> bool:
    """Whether Rasa would try to read ``text`` as a payload (it strips whitespace first)."""
    return text.strip().startswith(PAYLOAD_PREFIX)


def offered_payloads(events: Iterable[Any]) -> Set[str]:
    """The payloads of every button the bot showed in a conversation's events."""
    offered: Set[str] = set()
    for event in events:
        if getattr(event, "type_name", None) != "bot":
            continue
        for button in (getattr(event, "data", None) or {}).get("buttons") or []:
            payload = button.get("payload") if isinstance(button, dict) else None
            if isinstance(payload, str):
                offered.add(payload)
    return offered


def as_plain_text(text: str) -> str:
    """``text`` without its leading slashes, so Rasa reads it as a sentence."""
    return _LEADING_SLASHES.sub("", text, count=1)


def accepted(text: str, offered: Set[str]) -> bool:
    """True when ``text`` is exactly a payload the bot offered or a rights payload."""
    stripped = text.strip()
    return stripped in offered or stripped in RIGHTS_PAYLOADS


async def resolve(agent: Any, sender_id: str, text: str) -> str:
    """The text to hand Rasa: an offered payload unchanged, anything else as plain text.

    Reads the conversation only for messages that start with ``/``. Raises the store's
    StoreUnavailable when it cannot be read (the caller answers 503).
    """
    if not looks_like_payload(text):
        return text
    if text.strip() in RIGHTS_PAYLOADS:
        return text
    tracker = await agent.tracker_store.retrieve(sender_id)
    events = tracker.events if tracker is not None else []
    if accepted(text, offered_payloads(events)):
        return text
    return as_plain_text(text)
