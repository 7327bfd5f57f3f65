"""Benchmark: purging 1,000,000 events (half expired) on SQLite and PostgreSQL.

Prints, per database: fill time, purge time, events deleted per second, the purge
process's peak memory, and a chat request's store latency (retrieve + redact + save of
one turn through RetentionTrackerStore) when idle and while the purge runs, with the
ratio. Targets (issue 4): purge < 60 s, peak memory < 300 MB, latency ratio <= 1.5.

    .venv/bin/python bench/store_purge.py                      # both databases, 1,000,000 events
    .venv/bin/python bench/store_purge.py --db sqlite --events 200000
    .venv/bin/python bench/store_purge.py --purge-in thread    # purge inside the chat process,
                                                               # as `privacybot serve` schedules it

The purge runs, by default, in its own process (as `privacybot purge` does) so that its
peak memory is its own; with ``--purge-in thread`` it runs on the server's store thread
pool next to the chats, and the growth of the process's peak is printed as the purge's
(the process's own peak, with Rasa and the redaction models loaded, is printed beside). PostgreSQL uses a fresh
schema in the ``test`` database on 127.0.0.1:5432, dropped afterwards; SQLite a
temporary file.
"""
from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, List, Tuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EVENTS_PER_CONVERSATION = 20
CHAT_CONVERSATIONS = 50
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
TEXT = "Hvornår sletter I mine oplysninger? Jeg skrev til <EMAIL_ADDRESS> i sidste uge."


def _maxrss_mb() -> float:
    """Peak resident memory of this process image (VmHWM: unlike ru_maxrss it does not
    inherit the parent's peak across fork+exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rows(n_events: int, now: datetime, retention_days: int):
    """Yield conversation chunks: (conversation rows, event rows); half the events expired."""
    conversations = n_events // EVENTS_PER_CONVERSATION
    expired_at = now - timedelta(days=retention_days + 20)
    live_at = now - timedelta(days=10)
    chunk_c, chunk_e = [], []
    for cid in range(1, conversations + 1):
        collected = expired_at if cid <= conversations // 2 else live_at
        expires = collected + timedelta(days=retention_days)
        chunk_c.append((cid, f"bench-{cid}", collected))
        base = collected.timestamp()
        for i in range(EVENTS_PER_CONVERSATION):
            kind = ("user", "action", "bot", "action")[i % 4]
            ts = base + i
            data = json.dumps({"event": kind, "timestamp": ts, "text": TEXT if kind != "action" else None})
            chunk_e.append((cid, kind, "inform" if kind == "user" else None,
                            "action_listen" if kind == "action" else None, ts, collected, expires, data))
        if len(chunk_e) >= 100_000:
            yield chunk_c, chunk_e
            chunk_c, chunk_e = [], []
    if chunk_e:
        yield chunk_c, chunk_e


def fill(url: str, n_events: int, now: datetime, retention_days: int) -> float:
    """Bulk-load the store (COPY on PostgreSQL, executemany on SQLite); returns seconds."""
    from bot.store.database import get_engine

    engine = get_engine(url)
    started = time.monotonic()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            for conversations, events in _rows(n_events, now, retention_days):
                buf = io.StringIO()
                for cid, sender, created in conversations:
                    buf.write(f"{cid}\t{sender}\t{created.isoformat()}\tf\n")
                buf.seek(0)
                cursor.copy_expert(
                    "COPY conversations (id, sender_id, created_at, training_opt_out) FROM STDIN", buf)
                buf = io.StringIO()
                for cid, kind, intent, action, ts, collected, expires, data in events:
                    data = data.replace("\\", "\\\\")
                    buf.write(f"{cid}\t{kind}\t{intent or chr(92) + 'N'}\t{action or chr(92) + 'N'}\t{ts!r}\t"
                              f"{collected.isoformat()}\t{expires.isoformat()}\t{data}\n")
                buf.seek(0)
                cursor.copy_expert(
                    "COPY events (conversation_id, type_name, intent_name, action_name, timestamp, "
                    "collected_at, expires_at, data) FROM STDIN", buf)
            cursor.execute("SELECT setval('conversations_id_seq', (SELECT max(id) FROM conversations))")
            raw.commit()
            cursor.execute("ANALYZE conversations")
            cursor.execute("ANALYZE events")
            raw.commit()
        else:
            fmt = "%Y-%m-%d %H:%M:%S.%f"
            cursor.execute("BEGIN")
            for conversations, events in _rows(n_events, now, retention_days):
                cursor.executemany(
                    "INSERT INTO conversations (id, sender_id, created_at, training_opt_out) VALUES (?, ?, ?, 0)",
                    [(cid, s, c.strftime(fmt)) for cid, s, c in conversations])
                cursor.executemany(
                    "INSERT INTO events (conversation_id, type_name, intent_name, action_name, timestamp, "
                    "collected_at, expires_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(cid, k, i, a, ts, c.strftime(fmt), e.strftime(fmt), d)
                     for cid, k, i, a, ts, c, e, d in events])
            cursor.execute("COMMIT")
            cursor.execute("ANALYZE")
    finally:
        raw.close()
    return time.monotonic() - started


def _purge_child(url: str, now_iso: str, batch_size: int, pause: float, duty: float) -> None:
    """Entry point of the purge process: prints its result and peak memory as JSON."""
    from bot.store.database import get_engine
    from bot.store.purge import purge
    from bot.store.retention import parse_instant

    engine = get_engine(url)
    result = purge(engine, parse_instant(now_iso), batch_size, pause_seconds=pause, duty_cycle=duty,
                   retention_days=180)
    print(json.dumps({**result.as_dict(), "peak_rss_mb": round(_maxrss_mb(), 1)}), flush=True)


async def _chat_once(store, sender_id: str) -> float:
    from bot.store.retention import utcnow
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    started = time.perf_counter()
    tracker = await store.get_or_create_tracker(sender_id)
    now = utcnow().timestamp()
    for event in (
        UserUttered(f"Hvor længe gemmer I chatten? Min mail er kunde{int(now) % 97}@example.org",
                    intent={"name": "ask_retention", "confidence": 0.9}, timestamp=now),
        ActionExecuted("utter_retention", timestamp=now + 0.001),
        BotUttered("Vi sletter chatbeskeder senest efter 180 dage.", timestamp=now + 0.002),
        ActionExecuted("action_listen", timestamp=now + 0.003),
    ):
        tracker.update(event)
    await store.save(tracker)
    return time.perf_counter() - started


async def _latencies(store, seconds: float = 0, count: int = 0, until=None, gap: float = 0.02) -> List[float]:
    samples, i = [], 0
    deadline = time.monotonic() + seconds if seconds else None
    while True:
        if count and len(samples) >= count:
            break
        if deadline and time.monotonic() > deadline:
            break
        if until is not None and until():
            break
        samples.append(await _chat_once(store, f"bench-chat-{i % CHAT_CONVERSATIONS}"))
        i += 1
        await asyncio.sleep(gap)  # a chat's pace, not a load test
    return samples


def _summary(samples: List[float]) -> Dict[str, float]:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * ordered[int(0.95 * (len(ordered) - 1))], 2),
        "mean_ms": round(1000 * statistics.fmean(ordered), 2),
    }


async def run_one(
    db: str, n_events: int, batch_size: int, pause: float, duty: float, purge_in: str
) -> Dict[str, object]:
    import sqlalchemy as sa

    from bot.store.database import dispose_engine, get_engine, run_sync
    from bot.store.purge import purge
    from bot.store.retention import utcnow
    from bot.store.tracker_store import RetentionTrackerStore
    from rasa.shared.core.domain import Domain

    tmpdir = None
    schema = None
    if db == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="store-bench-")
        url = f"sqlite:///{tmpdir}/transcripts.db"
    else:
        schema = f"store_bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    try:
        now = utcnow()
        fill_seconds = fill(url, n_events, now, 180)
        print(f"[{db}] filled {n_events:,} events in {fill_seconds:.1f} s", file=sys.stderr)

        store = RetentionTrackerStore(Domain.empty(), url=url, retention_days=180)
        await _latencies(store, count=CHAT_CONVERSATIONS)  # warm-up: redactor, conversations, pool
        idle = await _latencies(store, seconds=8)

        during: List[float] = []
        if purge_in == "process":
            child = subprocess.Popen(
                [sys.executable, __file__, "_purge", url, now.isoformat(), str(batch_size), str(pause), str(duty)],
                stdout=subprocess.PIPE, text=True, cwd=str(REPO))
            during = await _latencies(store, until=lambda: child.poll() is not None)
            out, _ = child.communicate()
            result = json.loads(out.strip().splitlines()[-1])
        else:
            rss_before = _maxrss_mb()
            task = asyncio.ensure_future(run_sync(
                purge, get_engine(url), now, batch_size, pause_seconds=pause, duty_cycle=duty, retention_days=180))
            during = await _latencies(store, until=task.done)
            # the process also holds Rasa and the redaction models: report what the purge added
            result = {**(await task).as_dict(), "peak_rss_mb": round(_maxrss_mb() - rss_before, 1),
                      "process_peak_rss_mb": round(_maxrss_mb(), 1)}
        idle_after = await _latencies(store, seconds=5)

        figures = {
            "db": db,
            "events_filled": n_events,
            "fill_seconds": round(fill_seconds, 1),
            "purge_in": purge_in,
            "batch_size": batch_size,
            "pause_seconds": pause,
            "duty_cycle": duty,
            "events_deleted": result["events_deleted"],
            "conversations_deleted": result["conversations_deleted"],
            "purge_seconds": result["duration_seconds"],
            "events_deleted_per_second": round(result["events_deleted"] / result["duration_seconds"]),
            "purge_peak_rss_mb": result["peak_rss_mb"],
            **({"process_peak_rss_mb": result["process_peak_rss_mb"]} if "process_peak_rss_mb" in result else {}),
            "chat_idle": _summary(idle + idle_after),
            "chat_during_purge": _summary(during) if during else None,
        }
        if during:
            figures["latency_ratio_p50"] = round(
                figures["chat_during_purge"]["p50_ms"] / figures["chat_idle"]["p50_ms"], 2)
            figures["latency_ratio_mean"] = round(
                figures["chat_during_purge"]["mean_ms"] / figures["chat_idle"]["mean_ms"], 2)
        return figures
    finally:
        dispose_engine(url)
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)
        if schema:
            with admin.connect() as c:
                c.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--pause", type=float, default=None, help="seconds between batches (default: the store's)")
    parser.add_argument("--duty", type=float, default=None, help="purge duty cycle (default: the store's)")
    parser.add_argument("--purge-in", choices=("process", "thread"), default="process")
    args = parser.parse_args()
    from bot.store.purge import DEFAULT_DUTY_CYCLE, DEFAULT_PAUSE_SECONDS

    pause = DEFAULT_PAUSE_SECONDS if args.pause is None else args.pause
    duty = DEFAULT_DUTY_CYCLE if args.duty is None else args.duty
    dbs = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    for db in dbs:
        figures = asyncio.run(run_one(db, args.events, args.batch_size, pause, duty, args.purge_in))
        print(json.dumps(figures, indent=2), flush=True)
        ok = (figures["purge_seconds"] < 60 and figures["purge_peak_rss_mb"] < 300
              and figures.get("latency_ratio_p50", 0) <= 1.5)
        print(f"[{db}] {figures['events_deleted']:,} events purged in {figures['purge_seconds']} s "
              f"({figures['events_deleted_per_second']:,}/s), peak {figures['purge_peak_rss_mb']} MB, "
              f"chat p50 {figures['chat_idle']['p50_ms']} ms idle vs "
              f"{(figures['chat_during_purge'] or {}).get('p50_ms')} ms during purge "
              f"(x{figures.get('latency_ratio_p50')}) — targets {'met' if ok else 'NOT met'}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_purge":
        _purge_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]))
    else:
        main()
