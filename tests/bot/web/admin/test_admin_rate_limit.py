"""The admin routes are rate limited per client address; failed tokens are counted and logged, never shown."""
from __future__ import annotations

import logging
from typing import Any, AsyncIterator, Callable

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient

from admin_support import TOKEN, no_model
from bot.store.database import dispose_engine
from bot.web.admin.auth import FAILED_TOKENS_PER_MINUTE
from support.web_app import AppClients, make_config

AUTH = {"Authorization": f"Bearer {TOKEN}"}
GUESS = "Bearer guess-number-"


@pytest_asyncio.fixture
async def make_admin_client(tmp_path) -> AsyncIterator[Callable[..., Any]]:
    from bot.app import create_app

    url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
    env = {"PRIVACYBOT_DATABASE_URL": url, "PRIVACYBOT_PURGE_INTERVAL_SECONDS": "0",
           "PRIVACYBOT_MODEL_DIR": str(tmp_path / "no-models"), "PRIVACYBOT_ADMIN_TOKEN": TOKEN}
    clients = AppClients()

    async def make(**overrides: Any) -> TestClient:
        return await clients.start(create_app(make_config(env, **overrides), agent_loader=no_model))

    yield make
    await clients.close()
    dispose_engine(url)


async def test_150_wrong_tokens_from_one_address_are_stopped_and_logged_without_the_token(make_admin_client, caplog) -> None:
    client = await make_admin_client(trust_proxy=True)
    attacker = {"X-Forwarded-For": "198.51.100.7"}
    statuses = []
    with caplog.at_level(logging.WARNING, logger="bot.web.admin.auth"):
        for attempt in range(150):
            response = await client.get("/admin/stats", headers={**attacker, "Authorization": f"{GUESS}{attempt}"})
            statuses.append(response.status)
            if response.status == 429:
                assert int(response.headers["Retry-After"]) >= 1
                assert (await response.json())["error"] == "rate_limited"
    assert statuses.count(401) <= FAILED_TOKENS_PER_MINUTE + 1  # refill during the loop
    assert statuses.count(429) >= 140
    # Even the right token waits: the address is blocked, not the guess.
    assert (await client.get("/admin/stats", headers={**attacker, **AUTH})).status == 429
    # Another address is not affected.
    other = await client.get("/admin/stats", headers={"X-Forwarded-For": "198.51.100.8", **AUTH})
    assert other.status == 200

    refusals = [r.getMessage() for r in caplog.records if "wrong token" in r.getMessage()]
    assert len(refusals) == statuses.count(401)
    assert refusals[-1].endswith(f"{statuses.count(401)} failed since start")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "guess-number" not in logged and TOKEN not in logged
    assert "198.51.100.7" not in logged  # a reference to the address, not the address


async def test_admin_requests_with_the_right_token_are_rate_limited_too(make_admin_client) -> None:
    client = await make_admin_client(rate_limit_admin=5)
    statuses = [(await client.get("/admin/", headers=AUTH)).status for _ in range(5)]
    statuses += [(await client.get("/admin/stats", headers=AUTH)).status for _ in range(3)]
    assert statuses[:5] == [200] * 5
    assert 429 in statuses[5:]
