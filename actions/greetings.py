""""hej hej": a greeting or a goodbye depending on language and on where in the conversation it comes.

Swedes open with "hej hej" and close with "hej då"; Danes close with "hej hej", but a conversation's
first message is a greeting in any language. The classifier sees only the words, so the action decides.
"""
from __future__ import annotations

import re

_HEJ_HEJ = re.compile(r"^\W*hej\W*hej(?:\W*hej)?\W*$|^\W*hejhej\W*$", re.IGNORECASE)
_SOCIAL = ("greet", "goodbye")


def greeting_or_goodbye(intent: str, text: str, lang: str, mid_conversation: bool) -> str:
    """``greet`` or ``goodbye`` for a "hej hej" message; any other message keeps ``intent``."""
    if intent not in _SOCIAL or not _HEJ_HEJ.match(text or ""):
        return intent
    return "goodbye" if lang == "da" and mid_conversation else "greet"
