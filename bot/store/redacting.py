"""Redaction of a Rasa event before it is written: every field that can carry text.

Fail-safe by construction: the whole serialised event goes through the redactor except
a short list of structural fields whose values come from the bot's own domain or from
Rasa (event type, timestamp, action/slot/loop names, policy, intent classification).
A field Rasa adds in a future release is therefore redacted, not forgotten.
"""
from __future__ import annotations

import copy
from collections import Counter
from typing import Any, Dict, Iterable, Optional, Tuple

from bot.store.errors import StoreError

# Top-level keys that never hold user or bot text (values set by Rasa or the domain).
STRUCTURAL_KEYS = frozenset(
    {
        "event",
        "timestamp",
        "name",  # action / slot / active loop / followup / reminder name from the domain
        "policy",
        "confidence",
        "message_id",
        "input_channel",
        "use_text_for_featurization",
        "hide_rule_turn",
        "is_interrupted",
        "validate",
        "kill_on_user_message",
    }
)
# Inside parse_data: the intent classification (domain intent names and scores).
STRUCTURAL_PARSE_KEYS = frozenset({"intent", "intent_ranking"})


def _redactor() -> Any:
    # Imported on use, not at the top: Rasa imports the tracker store from endpoints.yml and
    # on an import error falls back to an in-memory store without a word.
    try:
        from redaction import redact_structure
    except ImportError as exc:  # pragma: no cover - the package ships with the product
        # Not ImportError on purpose: Rasa would silently fall back to an in-memory store.
        raise StoreError(f"the redaction package cannot be imported: {exc}") from None
    return redact_structure


def finding_type(finding: Any) -> str:
    """The data type of one finding (e.g. ``DK_CPR``), whatever shape the redactor uses."""
    for attr in ("type", "entity_type", "kind"):
        value = getattr(finding, attr, None)
        if value:
            return str(value)
    if isinstance(finding, dict):
        for key in ("type", "entity_type"):
            if finding.get(key):
                return str(finding[key])
    return "UNKNOWN"


def count_types(findings: Iterable[Any]) -> Dict[str, int]:
    """Findings counted by type: what the store keeps about them (never the values)."""
    return dict(Counter(finding_type(f) for f in findings))


def redact_event(data: Dict[str, Any], lang: Optional[str] = None) -> Tuple[Dict[str, Any], Dict[str, int]]:
    """A redacted copy of a serialised event and the counts of what was redacted, by type."""
    redact_structure = _redactor()
    kept = {k: v for k, v in data.items() if k in STRUCTURAL_KEYS}
    rest = {k: copy.deepcopy(v) for k, v in data.items() if k not in STRUCTURAL_KEYS}

    parse_kept: Dict[str, Any] = {}
    parse_data = rest.get("parse_data")
    if isinstance(parse_data, dict):
        parse_kept = {k: parse_data.pop(k) for k in list(parse_data) if k in STRUCTURAL_PARSE_KEYS}

    # A bot event holds the bot's own answer, repeated turn after turn: its redaction is reused.
    redacted, findings = redact_structure(rest, lang=lang, bot_text=data.get("event") == "bot")
    if parse_kept and isinstance(redacted.get("parse_data"), dict):
        redacted["parse_data"].update(parse_kept)
    result = {**kept, **redacted}
    # keep Rasa's key order (readable exports), redacted values
    ordered = {k: result[k] for k in data if k in result}
    return ordered, count_types(findings)
