"""The two companies the chat serves: display names and default languages."""
from __future__ import annotations

from typing import Dict

NAMES: Dict[str, str] = {"OK": "OK a.m.b.a.", "OJCO": "OJCO AB"}
DEFAULT_LANG: Dict[str, str] = {"OK": "da", "OJCO": "sv"}
POLICY_LANG: Dict[str, str] = {"OK": "da", "OJCO": "sv"}
