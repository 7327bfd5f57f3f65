"""Two replicas behind nginx on one PostgreSQL store and one Redis lock: a conversation
may hop between them freely, concurrent messages to one conversation are serialised,
and the scheduled purge runs in one replica at a time."""
from __future__ import annotations

import asyncio
import json
import re
import subprocess
import time
import uuid
from datetime import datetime, timedelta, timezone
from typing import List

import aiohttp
import pytest
import sqlalchemy as sa

from deploy_client import QUESTIONS, Outcome, WidgetClient, converse, new_token
from deploy_cluster import PG_HOST, PG_PORT, PRIVACYBOT, REPO_ROOT, Cluster, clean_env, store_url
from deploy_store import (
    REF,
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

CHOOSE_OK = '/choose_company{"company":"OK"}'
# A purge shorter than the replicas' 2-second schedule could not show the lock working.
PURGE_WINDOW_SECONDS = 2.0


def bot_text(outcome: Outcome) -> str:
    return " ".join(m.get("text") or "" for m in outcome.reply["messages"])


def button_payloads(outcome: Outcome) -> List[str]:
    return [b["payload"] for m in outcome.reply["messages"] for b in m.get("buttons") or []]


def asks_company(outcome: Outcome) -> bool:
    return any(p.startswith("/choose_company") for p in button_payloads(outcome))


async def test_a_conversation_alternating_between_replicas_keeps_its_context_and_order(cluster: Cluster) -> None:
    async with aiohttp.ClientSession() as session:
        client = WidgetClient(session, cluster.nginx.base_url)
        conversation = await client.open({"lang": "en"})  # no company: the bot has to ask
        outcomes: List[Outcome] = []
        sent_refs: List[str] = []

        async def say(text: str) -> Outcome:
            token = new_token()
            if not text.startswith("/"):  # a button payload is sent as is, like the widget does
                text = f"{text} (ref {token})"
                sent_refs.append(token)
            outcome = await client.send(conversation, text, token)
            assert outcome.acknowledged, outcome
            outcomes.append(outcome)
            return outcome

        asked = await say("How long do you keep my chat messages?")
        assert CHOOSE_OK in button_payloads(asked), bot_text(asked)  # "which company?"
        # The button click carries only the company: the topic must come from the tracker
        # the other replica stored.
        answered = await say(CHOOSE_OK)
        assert "180 days" in bot_text(answered), bot_text(answered)
        # The company chosen two turns ago, on the other replica, still holds.
        again = await say("Who is the data controller?")
        assert "OK a.m.b.a." in bot_text(again) and not asks_company(again), bot_text(again)
        for question in ("Who can I complain to?", "Do you sell my data?", "How long do you keep my chat messages?"):
            reply = await say(question)
            assert not asks_company(reply), bot_text(reply)  # the company is remembered
        history = await client.history(conversation)

    served_by = cluster.nginx.upstream_by_request_id()
    replicas = [served_by[o.request_id] for o in outcomes]
    assert set(replicas) == {r.address for r in cluster.replicas}
    assert all(a != b for a, b in zip(replicas, replicas[1:])), f"messages did not alternate: {replicas}"

    stored = [t for sender, _, text in user_messages(cluster.schema.engine) if sender == conversation.id
              for t in REF.findall(text)]
    assert stored == sent_refs  # each once, in the order sent
    read_back = [t for m in history if m["sender"] == "user" for t in REF.findall(m["text"])]
    assert read_back == sent_refs  # and read back in that order through either replica


def turns(events: List[dict]) -> List[List[dict]]:
    """The conversation's events split at each user message (events before the first dropped)."""
    result: List[List[dict]] = []
    for event in events:
        if event["event"] == "user":
            result.append([event])
        elif result:
            result[-1].append(event)
    return result


async def test_concurrent_messages_to_one_conversation_on_both_replicas_are_processed_one_at_a_time(
    cluster: Cluster,
) -> None:
    async with aiohttp.ClientSession() as session:
        opener = WidgetClient(session, cluster.nginx.base_url)
        conversation = await opener.open({"company": "OK", "lang": "da"})
        # Straight at the replicas, three each, all at once: only the Redis lock orders them.
        direct = [WidgetClient(session, f"http://{r.address}") for r in cluster.replicas]
        tokens = [new_token() for _ in range(6)]
        outcomes = await asyncio.gather(*(
            direct[i % 2].send(conversation, f"{QUESTIONS[i % len(QUESTIONS)]} (ref {token})", token)
            for i, token in enumerate(tokens)
        ))
    assert all(o.acknowledged for o in outcomes), [o.statuses for o in outcomes]

    events = conversation_events(cluster.schema.engine, conversation.id)
    stamps = [e["timestamp"] for e in events]
    # Each turn (user message → actions → listen) was computed from the tracker the turn
    # before stored: stored order and time order agree, and no two turns overlap in time.
    assert stamps == sorted(stamps)
    conversation_turns = turns(events)
    assert len(conversation_turns) == 6
    for earlier, later in zip(conversation_turns, conversation_turns[1:]):
        assert max(e["timestamp"] for e in earlier) < later[0]["timestamp"]
        assert earlier[-1]["event"] == "action" and earlier[-1]["name"] == "action_listen"
    refs = stored_refs(cluster.schema.engine)
    assert all(refs[t] == 1 for t in tokens)
    assert sum(1 for e in events if e["event"] == "session_started") == 1


def log_offsets(cluster: Cluster) -> List[int]:
    return [len(r.log_text()) for r in cluster.replicas]


async def test_the_scheduled_purge_runs_in_one_replica_at_a_time_and_leaves_live_chats_alone(
    cluster: Cluster,
) -> None:
    engine = cluster.schema.engine
    offsets = log_offsets(cluster)
    live_before = event_ids(engine)
    started = datetime.now(timezone.utc)
    prefix = f"expired{new_token()}"
    # 181 days old: expired a day ago. 30,000 events take each purge a few seconds in
    # batches of 200; both replicas' schedules (every 2 s) will want to run meanwhile.
    seeded = seed_events(engine, prefix, 60, 500, started - timedelta(days=181))

    outcomes: List[Outcome] = []
    stop = asyncio.Event()
    async with aiohttp.ClientSession() as session:
        client = WidgetClient(session, cluster.nginx.base_url)
        chats = [asyncio.ensure_future(converse(client, stop, outcomes, QUESTIONS, {"company": "OK"}, 0.3))
                 for _ in range(4)]
        deadline = time.monotonic() + 90
        while events_of_prefix(engine, prefix) or conversations_of_prefix(engine, prefix):
            assert time.monotonic() < deadline, "the scheduled purge did not delete the expired events"
            await asyncio.sleep(0.5)
        stop.set()
        await asyncio.gather(*chats)

    audit = [row for row in purge_audit(engine, started) if not row["dry_run"]]
    assert sum(row["events_deleted"] for row in audit) == seeded  # each event deleted once
    assert sum(row["conversations_deleted"] for row in audit) == 60
    finished = [row for row in audit if row["duration"] is not None]
    assert len(finished) == len(audit)  # no purge was left half-done
    spans = sorted((row["ran_at"], row["ran_at"] + timedelta(seconds=row["duration"])) for row in audit)
    overlaps = [(a, b) for a, b in zip(spans, spans[1:]) if b[0] < a[1] - timedelta(milliseconds=50)]
    assert not overlaps, f"two purges ran at once: {overlaps}"
    assert max(row["duration"] for row in audit) > PURGE_WINDOW_SECONDS  # long enough to collide

    new_logs = [r.log_text()[offset:] for r, offset in zip(cluster.replicas, offsets)]
    skipped = [log.count("scheduled purge skipped: another process is purging") for log in new_logs]
    purged = [len(re.findall(r"purge completed: [1-9]\d* expired events", log)) for log in new_logs]
    assert sum(skipped) >= 1, "no replica ever found the purge lock taken"
    assert sum(purged) >= 1

    assert live_before <= event_ids(engine)  # not one live event deleted
    assert outcomes and all(o.acknowledged for o in outcomes)
    refs = stored_refs(engine)
    assert all(refs[o.token] == 1 for o in outcomes)


async def test_a_backup_restores_the_conversations_and_a_purge_then_removes_what_expired_since(
    cluster: Cluster, tmp_path
) -> None:
    """The backup procedure of the README ("Running in production"): pg_dump, pg_restore into an empty
    database, `privacybot migrate --check`, then the purge that follows every restore."""
    async with aiohttp.ClientSession() as session:  # at least one fresh conversation in the dump
        client = WidgetClient(session, cluster.nginx.base_url)
        conversation = await client.open({"company": "OK", "lang": "da"})
        token = new_token()
        assert (await client.send(conversation, f"{QUESTIONS[0]} (ref {token})", token)).acknowledged

    schema, user = cluster.schema.name, cluster.schema.user
    server = f"postgresql://{user}@{PG_HOST}:{PG_PORT}"
    dump = tmp_path / "privacybot.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--schema={schema}", f"--file={dump}", f"{server}/test"], check=True)
    database = f"deploy_restore_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(f"{server}/test", future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{database}"'))
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={server}/{database}", str(dump)], check=True)
        restored = store_url(user, schema).replace("/test?", f"/{database}?")

        def privacybot(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([PRIVACYBOT, *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                                  env=clean_env(PRIVACYBOT_DATABASE_URL=restored))

        assert privacybot("migrate", "--check").returncode == 0
        original = json.loads(subprocess.run(
            [PRIVACYBOT, "stats"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
            env=clean_env(PRIVACYBOT_DATABASE_URL=cluster.schema.url)).stdout)
        copy = json.loads(privacybot("stats").stdout)
        assert copy["events"] == original["events"] > 0
        assert copy["conversations"] == original["conversations"]
        # Restored 181 days later: everything in it has expired since the dump.
        later = (datetime.now(timezone.utc) + timedelta(days=181)).isoformat()
        purged = privacybot("purge", "--now", later, "--json")
        assert purged.returncode == 0, purged.stderr
        assert json.loads(purged.stdout)["events_deleted"] == copy["events"]
        assert json.loads(privacybot("stats", "--now", later).stdout)["events"] == 0
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()
