"""Helpers of the web server tests (tests/bot/web/, tests/bot/serving/): settings, apps, store files."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

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


class AppClients:
    """Test clients of fresh apps on real loopback ports, closed together at the end."""

    def __init__(self) -> None:
        self._clients: List[TestClient] = []

    async def start(self, app: web.Application) -> TestClient:
        """A started client of ``app``."""
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        self._clients.append(client)
        return client

    async def close(self) -> None:
        """Close every client started here."""
        for client in self._clients:
            await client.close()
