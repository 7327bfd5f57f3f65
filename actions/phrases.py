"""Sentences of the dialogue that the knowledge base does not hold (no policy facts here)."""
from __future__ import annotations

from typing import Dict

# Before the nearest policy passage when the bot is unsure what was asked.
NEAREST_PASSAGE: Dict[str, str] = {
    "da": "Det nærmeste, jeg kan finde:",
    "sv": "Det närmaste jag hittar:",
    "en": "The closest passage I can find:",
}
