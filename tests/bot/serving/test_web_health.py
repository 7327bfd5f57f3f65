"""GET /health: 200 once the model is loaded and the store reachable, else 503 with reasons."""
from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer

from support.web_app import make_config

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]


async def test_health_is_ok_with_model_and_store(client) -> None:
    response = await client.get("/health")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok" and body["store"] == "ok"
    assert body["model"].endswith(".tar.gz")


async def test_health_says_loading_until_the_model_is_there_and_chat_waits_for_it(agent, web_env) -> None:
    from bot.app import create_app

    release = asyncio.Event()

    async def slow_loader():
        await release.wait()
        return agent

    app = create_app(make_config(web_env), agent_loader=slow_loader)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        loading = await client.get("/health")
        assert loading.status == 503
        assert (await loading.json())["reasons"] == ["model loading"]
        # A message sent while loading is answered once the model is there, not refused.
        pending = asyncio.ensure_future(
            client.post("/webhooks/rest/webhook", json={"sender": "health-wait", "message": "hej"})
        )
        await asyncio.sleep(0.2)
        assert not pending.done()
        release.set()
        answered = await pending
        assert answered.status == 200 and await answered.json()
        assert (await client.get("/health")).status == 200


async def test_health_reports_a_model_that_failed_to_load(web_env) -> None:
    from bot.agent import ModelMissing
    from bot.app import create_app

    async def no_model():
        raise ModelMissing("no trained model in /nowhere")

    app = create_app(make_config(web_env), agent_loader=no_model)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        for _ in range(50):
            response = await client.get("/health")
            if "loading" not in (await response.json())["reasons"][0]:
                break
            await asyncio.sleep(0.05)
        assert response.status == 503
        assert "no trained model" in (await response.json())["reasons"][0]
        chat = await client.post("/webhooks/rest/webhook", json={"sender": "x", "message": "hej"})
        assert chat.status == 503 and (await chat.json())["error"] == "no_model"
