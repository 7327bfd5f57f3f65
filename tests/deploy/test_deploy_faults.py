"""Faults under load, two replicas behind nginx: the database goes away and comes back,
Redis goes away, a purge is killed halfway, a replica is SIGKILLed.

"Acknowledged" means the client got a reply. Every test ends by counting, in the store
itself, that each acknowledged message (and each one the client found stored on reading
back) is there exactly once, redacted.
"""
from __future__ import annotations

import asyncio
import json
import subprocess
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Dict, List

import aiohttp
import pytest

from deploy_client import QUESTIONS, Outcome, WidgetClient, converse, new_token
from deploy_cluster import PRIVACYBOT, REPO_ROOT, Cluster, health
from support.synthetic import synthetic_cpr
from deploy_store import (
    conversation_events,
    conversations_of_prefix,
    event_ids,
    events_of_prefix,
    purge_audit,
    seed_events,
    stored_refs,
    user_messages,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis, pytest.mark.model]

CPR = synthetic_cpr(1703)  # generated (tests/support/synthetic.py), not a real person's
SENSITIVE_QUESTIONS = [f"Mit cpr-nummer er {CPR}, hvad gør I med det?", *QUESTIONS]


def assert_each_stored_exactly_once(cluster: Cluster, outcomes: List[Outcome]) -> None:
    """Every message the client knows to be stored is in the store once, redacted."""
    refs = stored_refs(cluster.schema.engine)
    known = [o for o in outcomes if o.stored_per_client]
    missing = [o.token for o in known if refs[o.token] == 0]
    doubled = [o.token for o in known if refs[o.token] > 1]
    assert not missing, f"{len(missing)} acknowledged messages are not in the store"
    assert not doubled, f"{len(doubled)} messages are stored more than once"
    assert all(count == 1 for count in refs.values())
    texts = [text for _, _, text in user_messages(cluster.schema.engine)]
    assert not any(CPR in t or CPR.replace("-", "") in t for t in texts)
    assert any("<DK_CPR>" in t for t in texts)


async def load(
    cluster: Cluster, conversations: int, outcomes: List[Outcome], stop: asyncio.Event, think: float = 0.2
) -> List["asyncio.Future[None]"]:
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    client = WidgetClient(session, cluster.nginx.base_url)
    tasks = [
        asyncio.ensure_future(converse(client, stop, outcomes, SENSITIVE_QUESTIONS, {"company": "OK"}, think))
        for _ in range(conversations)
    ]

    async def close_after() -> None:
        await asyncio.gather(*tasks)
        await session.close()

    return [asyncio.ensure_future(close_after())]


async def test_database_outage_gives_503s_then_full_service_without_restarting_replicas(cluster: Cluster) -> None:
    """Simulates PostgreSQL restarting: the proxy between the replicas and the (shared)
    server is cut for 8 s (open connections reset, new ones refused) and restored."""
    pids = [r.pid for r in cluster.replicas]
    outcomes: List[Outcome] = []
    stop = asyncio.Event()
    running = await load(cluster, 8, outcomes, stop)
    await asyncio.sleep(4)
    acknowledged_before = sum(o.acknowledged for o in outcomes)
    cluster.pg_proxy.cut()
    cut_at = len(outcomes)
    await asyncio.sleep(2)
    during = health(cluster.nginx.base_url)
    await asyncio.sleep(6)
    cluster.pg_proxy.restore()
    restored = time.monotonic()
    async with aiohttp.ClientSession() as session:
        # Full service again, through each replica, within a few seconds.
        probes: Dict[str, float] = {}
        while len(probes) < len(cluster.replicas) and time.monotonic() - restored < 30:
            for replica in cluster.replicas:
                if replica.address in probes:
                    continue
                client = WidgetClient(session, f"http://{replica.address}")
                conversation = await client.open({"company": "OK"}, deadline=30)
                status, _, _ = await client.post_message(conversation, "Hvem er dataansvarlig?")
                if status == 200:
                    probes[replica.address] = time.monotonic() - restored
            await asyncio.sleep(0.2)
    await asyncio.sleep(4)
    stop.set()
    await asyncio.gather(*running)

    assert acknowledged_before > 0
    assert during[0] == 503 and "transcript store unreachable" in during[1]["reasons"]
    statuses = Counter(s for o in outcomes for s in o.statuses)
    assert statuses[503] > 0, statuses  # the outage was seen, as 503s...
    assert set(statuses) <= {200, 503}, statuses  # ...and as nothing else: no 500, no hang
    for outcome in outcomes:
        for body in outcome.error_bodies:
            assert body["error"] == "unavailable" and "send it again" in body["message"]
    assert len(probes) == len(cluster.replicas), "a replica did not recover"
    assert [r.pid for r in cluster.replicas] == pids and all(r.alive() for r in cluster.replicas)
    assert all(o.stored_per_client for o in outcomes), "a retry after the outage did not succeed"
    assert sum(o.acknowledged for o in outcomes[cut_at:]) > 0
    assert_each_stored_exactly_once(cluster, outcomes)
    print(f"\ndatabase outage: {sum(o.acknowledged for o in outcomes)} acknowledged, "
          f"{statuses[503]} answers 503, replicas answering {max(probes.values()):.1f} s after restore")


async def test_redis_outage_gives_clear_errors_and_writes_nothing_to_the_conversation(cluster: Cluster) -> None:
    """Simulates Redis going away: the proxy to it is cut between turns. Without the lock no
    replica may process a message, so concurrent messages cannot interleave."""
    engine = cluster.schema.engine
    async with aiohttp.ClientSession() as session:
        via_nginx = WidgetClient(session, cluster.nginx.base_url)
        conversation = await via_nginx.open({"company": "OK", "lang": "da"})
        token = new_token()
        first = await via_nginx.send(conversation, f"Hvem er dataansvarlig? (ref {token})", token)
        assert first.acknowledged
        events_before = conversation_events(engine, conversation.id)

        cluster.redis_proxy.cut()
        direct = [WidgetClient(session, f"http://{r.address}") for r in cluster.replicas]
        started = time.monotonic()
        attempts = await asyncio.gather(*(
            direct[i % 2].post_message(conversation, f"{QUESTIONS[i]} (ref {new_token()})") for i in range(6)
        ))
        took = time.monotonic() - started
        events_during = conversation_events(engine, conversation.id)
        cluster.redis_proxy.restore()

        tokens = [new_token() for _ in range(4)]
        after = await asyncio.gather(*(
            direct[i % 2].send(conversation, f"{QUESTIONS[i]} (ref {t})", t) for i, t in enumerate(tokens)
        ))

    assert [status for status, _, _ in attempts] == [503] * 6, attempts
    for _, body, _ in attempts:
        assert body["error"] == "unavailable" and "send it again" in body["message"], body
    assert took < 15  # refused promptly, not after a lock timeout
    assert events_during == events_before  # nothing written without the lock
    assert all(o.acknowledged for o in after), [o.statuses for o in after]
    refs = stored_refs(engine)
    assert all(refs[t] == 1 for t in tokens)
    stamps = [e["timestamp"] for e in conversation_events(engine, conversation.id)]
    assert stamps == sorted(stamps)  # the turns after the outage did not interleave either


async def test_a_purge_killed_halfway_is_finished_by_a_rerun_and_touches_no_live_data(cluster: Cluster) -> None:
    engine = cluster.schema.engine
    now = datetime.now(timezone.utc)
    prefix = f"old{new_token()}"
    # Collected 170 days ago: not expired yet for the replicas' own schedule, expired as
    # of --now (20 days ahead) for the purge under test.
    seeded = seed_events(engine, prefix, 40, 500, now - timedelta(days=170))
    as_of_instant = now + timedelta(days=20)
    as_of = as_of_instant.isoformat()
    env = dict(cluster.env, PRIVACYBOT_DATABASE_URL=cluster.schema.url)
    command = [PRIVACYBOT, "purge", "--now", as_of, "--batch-size", "100", "--wait", "--json"]

    outcomes: List[Outcome] = []
    stop = asyncio.Event()
    running = await load(cluster, 4, outcomes, stop, think=0.3)
    await asyncio.sleep(2)
    live = event_ids(engine, [prefix])

    purge = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while events_of_prefix(engine, prefix) > seeded - 3000:
        assert purge.poll() is None, purge.communicate()
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    purge.kill()
    purge.wait()
    left = events_of_prefix(engine, prefix)
    killed_audit = [r for r in purge_audit(engine, now) if r["cutoff"] == as_of_instant]

    await asyncio.sleep(3)  # the replicas' schedules run meanwhile and must not finish it
    assert events_of_prefix(engine, prefix) == left
    rerun = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    stop.set()
    await asyncio.gather(*running)

    assert 0 < left < seeded
    assert len(killed_audit) == 1 and not killed_audit[0]["completed"]
    assert killed_audit[0]["events_deleted"] == seeded - left  # the audit counted each committed batch
    assert rerun.returncode == 0, rerun.stderr
    result = json.loads(rerun.stdout)
    assert result["events_deleted"] == left and result["conversations_deleted"] == 40 and result["completed"]
    assert events_of_prefix(engine, prefix) == 0 and conversations_of_prefix(engine, prefix) == 0
    assert live <= event_ids(engine, [prefix]), "a live event was deleted"
    assert outcomes and all(o.acknowledged for o in outcomes)
    assert_each_stored_exactly_once(cluster, outcomes)


async def test_a_replica_killed_under_load_loses_no_acknowledged_message(cluster: Cluster) -> None:
    """SIGKILL one of two replicas while 12 visitors chat through nginx."""
    victim, survivor = cluster.replicas[1], cluster.replicas[0]
    outcomes: List[Outcome] = []
    stop = asyncio.Event()
    running = await load(cluster, 12, outcomes, stop, think=0.1)
    await asyncio.sleep(6)
    before_kill = len(outcomes)
    victim.kill()
    killed_at = time.monotonic()
    await asyncio.sleep(10)
    stop.set()
    await asyncio.gather(*running)

    served_by = cluster.nginx.upstream_by_request_id()
    before = [served_by.get(o.request_id) for o in outcomes[:before_kill] if o.acknowledged]
    after = [served_by.get(o.request_id) for o in outcomes[before_kill:] if o.acknowledged]
    assert victim.address in before and survivor.address in before  # both were busy
    assert len(after) >= 10 and set(after) == {survivor.address}  # the survivor kept answering
    retried = [o for o in outcomes if len(o.statuses) > 1 or o.found_on_read_back]
    assert retried, "the kill hit no request in flight"
    assert all(set(o.statuses[:-1]) <= {0, 502, 503, 504} for o in retried)
    assert all(o.stored_per_client for o in outcomes), "a client's retry did not succeed"
    assert_each_stored_exactly_once(cluster, outcomes)
    print(f"\nreplica killed: {sum(o.acknowledged for o in outcomes)} acknowledged, {len(retried)} retried "
          f"({sum(o.found_on_read_back for o in retried)} found stored on reading back), "
          f"{time.monotonic() - killed_at:.0f} s on one replica")
