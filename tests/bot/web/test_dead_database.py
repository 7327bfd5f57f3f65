"""A dead database gives 503s with a clear error, loses nothing acknowledged, and chat resumes."""
from __future__ import annotations

import asyncio
import copy
import uuid

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from support.tcp_proxy import TcpProxy
from support.postgres import PG_HOST, PG_PORT, PgSchema
from support.web_app import make_config

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model, pytest.mark.postgres]


@pytest.fixture
def pg_schema() -> str:
    schema = PgSchema("web_dead_db")
    yield f"{schema.user}|{schema.name}"
    schema.drop()


@pytest_asyncio.fixture(loop_scope="session")
async def outage(agent, web_env, pg_schema):
    """An app whose store is PostgreSQL behind a proxy the test can cut.

    The model is the session's loaded one; only the tracker store differs (the same
    RetentionTrackerStore class endpoints.yml configures, on the proxied URL), which
    saves loading the model a second time.
    """
    from rasa.core.tracker_store import FailSafeTrackerStore

    from bot.app import create_app
    from bot.store.database import dispose_engines
    from bot.store.tracker_store import RetentionTrackerStore

    proxy = TcpProxy((PG_HOST, PG_PORT)).start()
    user, schema = pg_schema.split("|")
    url = f"postgresql://{user}@127.0.0.1:{proxy.port}/test?options=-csearch_path%3D{schema}"
    # Built in a thread: it connects, and the test's event loop stays free meanwhile.
    store = FailSafeTrackerStore(await asyncio.to_thread(RetentionTrackerStore, domain=agent.domain, url=url))
    proxied = copy.copy(agent)
    proxied.processor = copy.copy(agent.processor)
    proxied.tracker_store = proxied.processor.tracker_store = store
    app = create_app(make_config(web_env, database_url=url), agent=proxied)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield client, proxy, proxied
    await client.close()
    proxy.close()
    dispose_engines()


async def test_outage_gives_503_then_chatting_resumes_with_nothing_lost(outage) -> None:
    client, proxy, agent = outage
    me = f"outage-{uuid.uuid4()}"  # a UUID always passes the sender-id rule

    async def say(text: str):
        return await client.post(
            "/webhooks/rest/webhook", json={"sender": me, "message": text, "metadata": {"company": "OK"}}
        )

    assert (await say("hej før")).status == 200
    assert (await client.get("/health")).status == 200

    proxy.cut()
    down = await say("hej under nedbrud")
    assert down.status == 503
    body = await down.json()
    assert body["error"] == "unavailable" and "again" in body["message"]
    assert int(down.headers["Retry-After"]) >= 1
    health = await client.get("/health")
    assert health.status == 503
    assert (await health.json())["reasons"] == ["transcript store unreachable"]
    assert (await client.post("/api/conversations", json={})).status == 503

    proxy.restore()  # the database is back; the server was not restarted
    assert (await client.get("/health")).status == 200
    assert (await say("hej under nedbrud")).status == 200  # the client's retry
    assert (await say("hej efter")).status == 200

    tracker = await agent.tracker_store.retrieve(me)
    user_texts = [e.text for e in tracker.events if e.type_name == "user"]
    assert user_texts == ["hej før", "hej under nedbrud", "hej efter"]
