"""``--format jsonl``: one conversation per line, its turns with time, intent and confidence.

A line carries no sender id (a pseudonymous link to a visitor that training does not
need): conversations are numbered in export order. ``withheld_turns`` says how many
messages the second scan kept out, so a reader knows the conversation has gaps. Two
consecutive user messages that together hold an identifier are both kept out.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

from bot.export.second_scan import SecondScan
from bot.export.turns import iso_time, message_text, predicted_intent
from bot.store.reads import ExportConversation

SPEAKERS = {"user": "user", "bot": "bot"}
CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
SUFFIX = ".jsonl"


def turn(data: Dict[str, Any], speaker: str, text: str) -> Dict[str, Any]:
    """One turn of the output: who, what, when, and for the customer the predicted intent."""
    out: Dict[str, Any] = {"speaker": speaker, "text": text, "timestamp": iso_time(data.get("timestamp"))}
    if speaker == "user":
        intent = predicted_intent(data)
        out["intent"] = intent.name if intent else None
        out["confidence"] = intent.confidence if intent else None
    return out


def conversation_line(
    number: int, conversation: ExportConversation, scan: SecondScan
) -> Tuple[Optional[str], int]:
    """The JSON line of one conversation and how many messages it holds.

    None when no message is left to write (only bookkeeping events, or every message
    withheld by the second scan).
    """
    messages = []
    for event in conversation.events:
        speaker = SPEAKERS.get(event.type_name)
        text = message_text(event.data) if speaker else None
        if text is not None:
            messages.append((event, speaker, text))
    user_positions = [i for i, (_, speaker, _) in enumerate(messages) if speaker == "user"]
    split = scan.split_pairs([messages[i][2] for i in user_positions])
    split_positions = {user_positions[k] for k in split}
    turns: List[Dict[str, Any]] = []
    withheld = 0
    for position, (event, speaker, text) in enumerate(messages):
        if position in split_positions:
            scan.withhold()
            withheld += 1
            continue
        if not scan.allows(text):
            withheld += 1
            continue
        turns.append(turn(event.data, speaker, text))
    if not turns:
        return None, 0
    record = {
        "conversation": number,
        "company": conversation.company,
        "language": conversation.language,
        "started_at": conversation.created_at.isoformat(),
        "turns": turns,
        "withheld_turns": withheld,
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", len(turns)
