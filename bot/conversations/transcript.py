""""Download my conversation": the stored (redacted) events as JSON or as a readable text file.

Built only from what the store returns (:func:`bot.store.reads.conversation_events`), so
the customer gets exactly what is kept: placeholders such as ``<DK_CPR>`` where personal
data was, each message's time and the date it will be deleted. Expired events are never
among them.

The customer's JSON holds the conversation (who, text, time, deletion date, what each
placeholder stands for) in their language; the raw Rasa events stay in the team's export.
Invisible and bidirectional control characters (U+202E, zero-width spaces, …) are written
as visible ``[U+202E]`` in both formats, so a transcript cannot display misleadingly.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence

from bot.store.reads import StoredEvent
from bot.conversations import redaction_notice, texts

FORMATS = ("text", "json")
MESSAGE_TYPES = ("user", "bot")


def _iso(instant: datetime) -> str:
    if instant.tzinfo is None:  # SQLite hands back naive UTC
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _sent_at(event: StoredEvent) -> str:
    return _iso(datetime.fromtimestamp(event.timestamp, tz=timezone.utc))


def _human(iso: str) -> str:
    """``2025-03-01T12:00:05.123Z`` → ``2025-03-01 12:00 UTC``."""
    return iso[:10] + " " + iso[11:16] + " UTC"


_KEPT_CONTROLS = "\n\t"


def visible(text: str) -> str:
    """``text`` with control and format characters (bidi overrides, zero-width, BOM)
    written as ``[U+XXXX]``; line breaks and tabs stay."""
    return "".join(
        f"[U+{ord(ch):04X}]"
        if ch not in _KEPT_CONTROLS and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
        else ch
        for ch in text
    )


def messages(events: Sequence[StoredEvent]) -> List[Dict[str, Any]]:
    """The user and bot messages (with text) of the stored events, in order."""
    result = []
    for event in events:
        text = event.data.get("text")
        if event.type_name not in MESSAGE_TYPES or not isinstance(text, str) or not text:
            continue
        item: Dict[str, Any] = {
            "sender": event.type_name,
            "text": visible(text),
            "sent_at": _sent_at(event),
            "stored_at": _iso(event.collected_at),
            "expires_at": _iso(event.expires_at),
        }
        types = (event.data.get("metadata") or {}).get("redacted_types")
        if event.type_name == "user" and isinstance(types, list) and types:
            item["redacted_types"] = [t for t in types if isinstance(t, str)]
        result.append(item)
    return result


def as_json(
    conversation_id: str,
    events: Sequence[StoredEvent],
    now: datetime,
    *,
    company: Optional[str],
    language: Optional[str],
    training_opt_out: bool,
) -> Dict[str, Any]:
    """The customer's download as JSON: the conversation in ``language`` (English if unknown).

    Each message: ``sender`` (user/bot), ``who`` (as the widget says it), ``text`` as stored,
    ``sent_at``, ``stored_at``, ``expires_at`` (deleted at the latest), and for redacted
    messages ``redacted_types`` and ``placeholders`` (``{"<DK_CPR>": "[CPR-nummer fjernet]"}``).
    """
    lang = texts.language(language)
    who = {"user": texts.text("transcript_user", lang), "bot": texts.text("transcript_bot", lang)}
    items = []
    for item in messages(events):
        labelled = {"sender": item["sender"], "who": who[item["sender"]], **item}
        placeholders = redaction_notice.labels([item["text"]], lang)
        if placeholders:
            labelled["placeholders"] = placeholders
        items.append(labelled)
    return {
        "conversation_id": conversation_id,
        "company": company,
        "language": lang,
        "downloaded_at": _iso(now),
        "training_opt_out": training_opt_out,
        "note": texts.text("transcript_note", lang),
        "messages": items,
    }


def as_text(
    conversation_id: str,
    events: Sequence[StoredEvent],
    now: datetime,
    *,
    lang: Optional[str],
    company: Optional[str],
    training_opt_out: bool,
) -> str:
    """The download as a plain text file with headings in ``lang`` (English if unknown)."""

    def t(key: str, **values: object) -> str:
        return texts.text(key, lang, **values)

    lines = [
        t("transcript_title", company=company or "OK / OJCO"),
        f"{t('transcript_id')}: {conversation_id}",
        f"{t('transcript_made')}: {_human(_iso(now))}",
        t("transcript_opt_out", answer=t("no") if training_opt_out else t("yes")),
        "",
        t("transcript_note"),
        "",
    ]
    items = messages(events)
    if not items:
        lines.append(t("transcript_empty"))
    for item in items:
        who = t("transcript_user") if item["sender"] == "user" else t("transcript_bot")
        lines.append(f"[{_human(item['sent_at'])}] {who}:")
        lines.extend("  " + line for line in item["text"].splitlines() or [""])
        lines.append(f"  ({t('transcript_expires')}: {_human(item['expires_at'])})")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def filename(conversation_id: str, fmt: str) -> str:
    """The download's file name (ids are ``cv_`` + hex: safe in a header as they are)."""
    return f"conversation-{conversation_id}.{'json' if fmt == 'json' else 'txt'}"
