"""What an export wrote and what it left out, and why — counts and types only."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, Optional


@dataclass
class ExportSummary:
    """Counts of one export. Never holds a message's text."""

    format: str
    now: datetime
    since: Optional[datetime] = None
    conversations: int = 0
    messages: int = 0
    review_examples: int = 0
    expired_messages: int = 0
    opted_out_conversations: int = 0
    opted_out_messages: int = 0
    second_scan_messages: int = 0
    second_scan_types: Counter = field(default_factory=Counter)
    button_payloads: int = 0
    without_intent: int = 0
    seconds: float = 0.0

    def as_dict(self) -> Dict[str, Any]:
        """JSON-friendly form (``privacybot export --json``, the server's log)."""
        skipped: Dict[str, Any] = {
            "expired_messages": self.expired_messages,
            "opted_out_conversations": self.opted_out_conversations,
            "opted_out_messages": self.opted_out_messages,
            "second_scan_messages": self.second_scan_messages,
            "second_scan_types": dict(sorted(self.second_scan_types.items())),
        }
        if self.format == "rasa":
            skipped["button_payloads"] = self.button_payloads
            skipped["without_intent"] = self.without_intent
        out: Dict[str, Any] = {
            "format": self.format,
            "now": self.now.isoformat(),
            "since": self.since.isoformat() if self.since else None,
            "conversations": self.conversations,
            "messages": self.messages,
            "skipped": skipped,
            "seconds": round(self.seconds, 2),
        }
        if self.format == "rasa":
            out["review_examples"] = self.review_examples
        return out

    def lines(self) -> list:
        """The summary for people, one line per fact."""
        what = "user messages as NLU examples" if self.format == "rasa" else "messages"
        out = [
            f"Exported {self.messages} {what} from {self.conversations} conversations "
            f"in {self.seconds:.1f} s (expired as of {self.now.isoformat()}).",
        ]
        if self.format == "rasa":
            out.append(f"  marked for review (low confidence or fallback): {self.review_examples}")
        out.append("Skipped:")
        out.append(f"  expired, awaiting purge: {self.expired_messages} messages")
        out.append(
            f"  customer opted out of training: {self.opted_out_conversations} conversations "
            f"({self.opted_out_messages} messages)"
        )
        types = ", ".join(f"{t} {n}" for t, n in sorted(self.second_scan_types.items()))
        out.append(
            f"  personal data found by the export's second scan: {self.second_scan_messages} messages"
            + (f" ({types})" if types else "")
        )
        if self.format == "rasa":
            out.append(f"  button payloads (not typed text): {self.button_payloads} messages")
            out.append(f"  no predicted intent: {self.without_intent} messages")
        return out
