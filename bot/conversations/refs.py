"""How logs name a conversation: never by anything a client wrote."""
from __future__ import annotations

import hashlib


def sender_ref(sender_id: str) -> str:
    """A short, stable reference to a sender for logs (REST senders are client-chosen text)."""
    return hashlib.sha256(sender_id.encode("utf-8", "replace")).hexdigest()[:12]
