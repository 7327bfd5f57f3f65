"""A stalled PostgreSQL or Redis: 503 with Retry-After within 5 s, /health within 2 s, recovery by itself.

"Stalled" is the hard case: the connections stay open but nothing answers (a hung server,
a dead switch). The backends sit behind tests/support/tcp_proxy.py, which can pause
(hold every byte, keep every socket) as well as cut.
"""
from __future__ import annotations

import asyncio
import copy
import time
import uuid

import pytest
import pytest_asyncio
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from support.tcp_proxy import TcpProxy
from support.postgres import PG_HOST, PG_PORT, PgSchema
from support.web_app import make_config

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model, pytest.mark.postgres]

CHAT_BOUND_SECONDS = 5.0  # the promise to users (README, docs/web-server.md)
HEALTH_BOUND_SECONDS = 2.0  # the promise to load balancers


@pytest.fixture
def pg_schema():
    schema = PgSchema("web_stall")
    yield schema.user, schema.name
    schema.drop()


def proxied_agent(agent, tracker_store=None, lock_store=None):
    """The session's loaded model with other stores (saves loading the model again)."""
    proxied = copy.copy(agent)
    proxied.processor = copy.copy(agent.processor)
    if tracker_store is not None:
        proxied.tracker_store = proxied.processor.tracker_store = tracker_store
    if lock_store is not None:
        proxied.lock_store = proxied.processor.lock_store = lock_store
    return proxied


@pytest_asyncio.fixture(loop_scope="session")
async def stalled_pg(agent, web_env, pg_schema):
    """An app on PostgreSQL through a pausable proxy."""
    from rasa.core.tracker_store import FailSafeTrackerStore

    from bot.app import create_app
    from bot.store.database import dispose_engine
    from bot.store.tracker_store import RetentionTrackerStore

    proxy = TcpProxy((PG_HOST, PG_PORT)).start()
    user, schema = pg_schema
    url = f"postgresql://{user}@127.0.0.1:{proxy.port}/test?options=-csearch_path%3D{schema}"
    store = FailSafeTrackerStore(await asyncio.to_thread(RetentionTrackerStore, domain=agent.domain, url=url))
    proxied = proxied_agent(agent, tracker_store=store)
    client = TestClient(TestServer(create_app(make_config(web_env, database_url=url), agent=proxied), host="127.0.0.1"))
    await client.start_server()
    yield client, proxy, proxied
    proxy.resume()
    await client.close()
    proxy.close()
    await asyncio.to_thread(dispose_engine, url)


@pytest_asyncio.fixture(loop_scope="session")
async def stalled_redis(agent, web_env):
    """An app whose conversation lock is in Redis through a pausable proxy."""
    from bot.app import create_app
    from bot.store.lock_store import ConfiguredLockStore

    proxy = TcpProxy(("127.0.0.1", 6379)).start()
    locks = ConfiguredLockStore(redis_url=f"redis://127.0.0.1:{proxy.port}/0", key_prefix=f"stall{uuid.uuid4().hex[:8]}")
    proxied = proxied_agent(agent, lock_store=locks)
    client = TestClient(TestServer(create_app(make_config(web_env), agent=proxied), host="127.0.0.1"))
    await client.start_server()
    yield client, proxy, proxied
    proxy.resume()
    await client.close()
    proxy.close()


async def timed(request):
    began = time.monotonic()
    response = await request
    await response.read()
    return response, time.monotonic() - began


async def wait_healthy(client, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (await client.get("/health")).status == 200:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"/health not 200 within {seconds} s of the backend answering again")


def say(client, sender: str, text: str):
    return client.post("/webhooks/rest/webhook", json={"sender": sender, "message": text, "metadata": {"company": "OK"}})


async def test_a_paused_database_gives_503_in_time_and_service_resumes_by_itself(stalled_pg) -> None:
    client, proxy, agent = stalled_pg
    me = f"stall-{uuid.uuid4()}"
    assert (await say(client, me, "hej før")).status == 200
    issued = await (await client.post("/api/conversations", json={})).json()

    proxy.pause()
    response, took = await timed(say(client, me, "hej under stop"))
    assert response.status == 503 and took < CHAT_BOUND_SECONDS, (response.status, took)
    assert int(response.headers["Retry-After"]) >= 1
    assert (await response.json())["error"] == "unavailable"

    health, took = await timed(client.get("/health"))
    assert health.status == 503 and took < HEALTH_BOUND_SECONDS, (health.status, took)
    assert (await health.json())["reasons"] == ["transcript store unreachable"]

    for request in (
        client.post("/api/conversations", json={}),
        client.post(
            f"/api/conversations/{issued['id']}/messages",
            json={"message": "hej"},
            headers={"Authorization": f"Bearer {issued['secret']}"},
        ),
    ):
        response, took = await timed(request)
        assert response.status == 503 and took < CHAT_BOUND_SECONDS, (response.status, took)

    # Several at once do not queue behind each other past the bound.
    results = await asyncio.gather(*(timed(say(client, f"stall-{uuid.uuid4()}", "hej")) for _ in range(10)))
    assert all(r.status == 503 and t < CHAT_BOUND_SECONDS for r, t in results), [(r.status, t) for r, t in results]
    health, took = await timed(client.get("/health"))
    assert took < HEALTH_BOUND_SECONDS

    proxy.resume()  # the database answers again; nothing is restarted
    await wait_healthy(client)
    assert (await say(client, me, "hej under stop")).status == 200  # the client's retry
    assert (await say(client, me, "hej efter")).status == 200

    tracker = await agent.tracker_store.retrieve(me)
    assert [e.text for e in tracker.events if e.type_name == "user"] == ["hej før", "hej under stop", "hej efter"]


async def test_a_cut_database_during_a_pause_also_recovers(stalled_pg) -> None:
    client, proxy, agent = stalled_pg
    me = f"stall-{uuid.uuid4()}"
    assert (await say(client, me, "en")).status == 200
    proxy.pause()
    response, took = await timed(say(client, me, "to"))
    assert response.status == 503 and took < CHAT_BOUND_SECONDS
    proxy.cut()
    proxy.restore()
    await wait_healthy(client)
    assert (await say(client, me, "to")).status == 200
    tracker = await agent.tracker_store.retrieve(me)
    assert [e.text for e in tracker.events if e.type_name == "user"] == ["en", "to"]


@pytest.mark.redis
async def test_a_paused_redis_gives_503_in_time_health_stays_prompt_and_chat_resumes(stalled_redis) -> None:
    client, proxy, agent = stalled_redis
    me = f"stall-{uuid.uuid4()}"
    assert (await say(client, me, "hej før")).status == 200

    proxy.pause()
    chats = [asyncio.ensure_future(timed(say(client, f"stall-{uuid.uuid4()}", "hej"))) for _ in range(5)]
    health, took = await timed(client.get("/health"))  # while those wait for Redis
    assert took < HEALTH_BOUND_SECONDS, took  # the event loop is not blocked by Redis
    for response, took in await asyncio.gather(*chats):
        assert response.status == 503 and took < CHAT_BOUND_SECONDS, (response.status, took)
        assert int(response.headers["Retry-After"]) >= 1

    proxy.resume()
    deadline = time.monotonic() + 15
    while (status := (await say(client, me, "hej efter")).status) != 200 and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    assert status == 200
    tracker = await agent.tracker_store.retrieve(me)
    assert [e.text for e in tracker.events if e.type_name == "user"] == ["hej før", "hej efter"]


async def test_nul_and_unpaired_surrogates_are_a_400_on_postgresql_too(stalled_pg) -> None:
    # PostgreSQL's text type cannot hold NUL: it used to surface as a 500 from the store.
    client, _, agent = stalled_pg
    me = f"nul-{uuid.uuid4()}"
    for body in (
        f'{{"sender": "{me}", "message": "hej\\u0000der"}}',
        '{"sender": "nul\\u0000sender", "message": "hej"}',
        f'{{"sender": "{me}", "message": "hej \\ud800"}}',
    ):
        response = await client.post(
            "/webhooks/rest/webhook", data=body.encode(), headers={"Content-Type": "application/json"}
        )
        assert response.status == 400, await response.text()
        assert (await response.json())["error"] == "invalid_characters"
    assert await agent.tracker_store.retrieve(me) is None  # nothing reached the store
