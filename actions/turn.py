"""What the latest user turn says: text, intent, metadata, language, and what came just before it."""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from actions.catalogue import LANGUAGES
from actions.language import detect_language

# Intents that continue the previous question instead of asking a new one.
CONTINUATION_INTENTS = ("choose_company", "compare_companies")


def latest_text(tracker: Tracker) -> str:
    """The text of the latest user message ("" if none)."""
    return str(tracker.latest_message.get("text") or "")


def is_payload(text: str) -> bool:
    """Whether ``text`` is a button payload such as ``/choose_company{"company":"OK"}``."""
    return text.lstrip().startswith("/")


def latest_intent(tracker: Tracker) -> Optional[str]:
    """The intent name of the latest user message."""
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name")


def intent_ranking(tracker: Tracker) -> List[Tuple[str, float]]:
    """(intent, confidence) of the latest message, best first."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    return [(r.get("name"), float(r.get("confidence") or 0.0)) for r in ranking if r.get("name")]


def _user_events(tracker: Tracker) -> List[Dict[str, Any]]:
    return [e for e in tracker.events if e.get("event") == "user"]


def latest_metadata(tracker: Tracker) -> Dict[str, Any]:
    """The metadata the channel sent with the latest user message ({} if none).

    The web page sends ``{"company": "OK"|"OJCO", "lang": "da"|"sv"|"en"}``.
    """
    users = _user_events(tracker)
    if users and isinstance(users[-1].get("metadata"), dict):
        return users[-1]["metadata"]
    meta = tracker.latest_message.get("metadata")
    return meta if isinstance(meta, dict) else {}


# This chat service's own retention when neither the server's metadata nor the environment gives
# one: the server's default for PRIVACYBOT_RETENTION_DAYS.
DEFAULT_CHAT_RETENTION_DAYS = 180


def chat_retention_days(tracker: Tracker) -> int:
    """How many days this chat service keeps a conversation.

    The server may send ``retention_days`` in the message metadata; the in-process action server
    shares the server's environment (PRIVACYBOT_RETENTION_DAYS); else the default, 180.
    """
    for raw in (latest_metadata(tracker).get("retention_days"), os.environ.get("PRIVACYBOT_RETENTION_DAYS")):
        try:
            days = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if days > 0:
            return days
    return DEFAULT_CHAT_RETENTION_DAYS


def previous_user_intents(tracker: Tracker) -> List[str]:
    """Intent names of the user messages before the latest one, most recent first."""
    names = []
    for event in reversed(_user_events(tracker)[:-1]):
        name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if name:
            names.append(name)
    return names


def previous_user_text(tracker: Tracker) -> str:
    """The text of the user message before the latest one ("" if none)."""
    users = _user_events(tracker)
    return str(users[-2].get("text") or "") if len(users) > 1 else ""


def slot_before_latest_turn(tracker: Tracker, slot: str) -> Any:
    """The value ``slot`` had before the latest user message (from the tracker's slot events)."""
    last_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=len(tracker.events))
    value = None
    for event in tracker.events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
        elif event.get("event") in ("restart", "session_started"):
            value = None
    return value


def resolve_language(tracker: Tracker) -> str:
    """The language to answer in: detected from the message, else the `lang` slot, the page's lang, English."""
    fallback = tracker.get_slot("lang")
    if fallback not in LANGUAGES:
        fallback = latest_metadata(tracker).get("lang")
    text = latest_text(tracker)
    if is_payload(text):
        return fallback if fallback in LANGUAGES else "en"
    return detect_language(text, fallback)
