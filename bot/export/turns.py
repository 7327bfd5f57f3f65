"""Reading the exportable parts of a stored Rasa event: text, time, predicted intent."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple

FALLBACK_INTENT = "nlu_fallback"
# Intent names come from the domain; a button payload ("/anything") could carry any text.
_INTENT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,99}")


@dataclass(frozen=True)
class Intent:
    """A predicted intent and its confidence."""

    name: str
    confidence: Optional[float]


def message_text(data: Dict[str, Any]) -> Optional[str]:
    """The text of a user or bot event, or None when it has none."""
    text = data.get("text")
    return text if isinstance(text, str) and text.strip() else None


def iso_time(timestamp: Any) -> Optional[str]:
    """Rasa's float timestamp as an ISO-8601 UTC instant (milliseconds)."""
    try:
        return datetime.fromtimestamp(float(timestamp), timezone.utc).isoformat(timespec="milliseconds")
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _intent(value: Any) -> Optional[Intent]:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return None
    if not _INTENT_NAME.fullmatch(value["name"]):
        return None
    confidence = value.get("confidence")
    try:
        confidence = None if confidence is None else round(float(confidence), 4)
    except (TypeError, ValueError):
        confidence = None
    return Intent(value["name"], confidence)


def predicted_intent(data: Dict[str, Any]) -> Optional[Intent]:
    """The intent the assistant predicted for a user event (``nlu_fallback`` included)."""
    parse_data = data.get("parse_data") if isinstance(data.get("parse_data"), dict) else {}
    return _intent(parse_data.get("intent")) or _intent(data.get("intent"))


def likeliest_intent(data: Dict[str, Any]) -> Tuple[Optional[Intent], bool]:
    """The best real intent of a user event, and whether the assistant fell back.

    When the FallbackClassifier replaced the prediction with ``nlu_fallback``, the
    classifier's own best guess is the first other entry of the intent ranking.
    """
    intent = predicted_intent(data)
    if intent is None or intent.name != FALLBACK_INTENT:
        return intent, False
    parse_data = data.get("parse_data") if isinstance(data.get("parse_data"), dict) else {}
    ranking: List[Any] = parse_data.get("intent_ranking") or []
    for entry in ranking:
        candidate = _intent(entry)
        if candidate is not None and candidate.name != FALLBACK_INTENT:
            return candidate, True
    return None, True
