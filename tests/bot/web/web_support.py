"""Helpers shared by the web server tests (imported by module name, as pytest puts this folder on sys.path)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

from bot import settings


def make_config(env: Dict[str, str], **overrides: Any) -> settings.Config:
    """Settings from ``env`` plus overrides by attribute name (rate_limit_client=3, ...)."""
    values = dict(env)
    for name, value in overrides.items():
        if isinstance(value, (tuple, list)):
            value = ",".join(value)
        values[f"PRIVACYBOT_{name.upper()}"] = str(value)
    return settings.load(values)


def store_bytes(store_file: Path) -> bytes:
    """Everything SQLite has written for the store: the database file and its WAL."""
    data = b""
    for path in store_file.parent.glob(store_file.name + "*"):
        data += path.read_bytes()
    return data
