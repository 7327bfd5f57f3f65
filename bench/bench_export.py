"""Benchmark: `privacybot export` over 2,000 and 10,000 conversations (~20,000 and ~100,000 events).

Fills a fresh store per size with bulk inserts of already-redacted events (the chat path
is not what is measured here), then runs the real command in a child process per format
and reports wall time and the child's peak resident memory. Memory that does not grow
with the store's size is the point: the export streams pages from the database and
writes as it goes. A second, in-process run per size reports the peak of Python
allocations during the export (tracemalloc), which is blind to the interpreter and
libraries and so shows the export's own working set.

    .venv/bin/python bench/bench_export.py                   # SQLite in a temporary directory
    .venv/bin/python bench/bench_export.py --database-url postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench
    .venv/bin/python bench/bench_export.py --sizes 2000 10000 --no-tracemalloc

Target (issue 6): 10,000 conversations exported in under 60 s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, List

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import sqlalchemy as sa  # noqa: E402
import yaml  # noqa: E402

from bot.store.database import dispose_engine, get_engine  # noqa: E402
from bot.store.schema import conversations, events  # noqa: E402

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
PRIVACYBOT = str(Path(sys.executable).with_name("privacybot"))
PLACEHOLDER_TAILS = (" mit cpr er <DK_CPR>", " my email is <EMAIL_ADDRESS>", " ring på <PHONE_NUMBER>",
                     " mitt personnummer är <SE_PERSONNUMMER>", " jeg hedder <PERSON>")


def user_texts() -> List[str]:
    """Customer-like questions: the NLU training examples, entity markup removed."""
    texts = []
    for path in sorted((REPO_ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in block and isinstance(block.get("examples"), str):
                for line in block["examples"].splitlines():
                    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line.strip()[2:].strip())
                    if line:
                        texts.append((block["intent"], line))
    return texts


def bot_texts() -> List[str]:
    """The bot's answers: every text of the knowledge base (answers repeat, as in real chats)."""
    found: List[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) > 40:
            found.append(node.replace("{email}", "ok@ok.dk").replace("{phone}", "70 10 20 33")
                         .replace("{address}", "Åhave Parkvej 11, 8260 Viby J").replace("{name}", "OK a.m.b.a."))

    walk(yaml.safe_load((REPO_ROOT / "data" / "knowledge_base.yml").read_text(encoding="utf-8")))
    return found


def fill(url: str, conversation_count: int, seed: int = 6) -> Dict[str, int]:
    """Bulk-insert conversations of 10 events each (3 user, 3 bot, 4 action); returns counts."""
    rng = random.Random(seed)
    questions, answers = user_texts(), bot_texts()
    intents = sorted({intent for intent, _ in questions})
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(events.delete())
        connection.execute(conversations.delete())
    rows: List[dict] = []
    inserted = 0
    started = time.monotonic()
    with engine.begin() as connection:
        for start in range(0, conversation_count, 1000):
            batch = []
            for n in range(start, min(start + 1000, conversation_count)):
                age = timedelta(days=rng.uniform(0, 200))  # ~10% expired, awaiting purge
                batch.append({"sender_id": f"bench-{n:06d}", "created_at": NOW - age,
                              "training_opt_out": rng.random() < 0.05,
                              "company": rng.choice(["OK", "OJCO"]), "language": rng.choice(["da", "sv", "en"])})
            connection.execute(conversations.insert(), batch)
            ids = connection.execute(
                sa.select(conversations.c.id, conversations.c.created_at)
                .where(conversations.c.sender_id.in_([b["sender_id"] for b in batch]))
            ).all()
            for conversation_id, created_at in ids:
                collected = created_at if created_at.tzinfo else created_at.replace(tzinfo=timezone.utc)
                ts = collected.timestamp()
                for turn in range(3):
                    (intent, first), (_, second) = rng.choice(questions), rng.choice(questions)
                    text = f"{first} {second}" + (rng.choice(PLACEHOLDER_TAILS) if rng.random() < 0.15 else "")
                    confidence = round(rng.uniform(0.3, 1.0), 4)
                    if confidence < 0.35:
                        ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": intent, "confidence": confidence}]
                        intent_used = "nlu_fallback"
                    else:
                        ranking = [{"name": intent, "confidence": confidence}, {"name": rng.choice(intents), "confidence": 0.01}]
                        intent_used = intent
                    user = {"event": "user", "timestamp": ts + turn * 3 + 1, "text": text,
                            "parse_data": {"intent": {"name": intent_used, "confidence": confidence}, "entities": [],
                                           "text": text, "message_id": None, "metadata": {}, "intent_ranking": ranking},
                            "input_channel": "socketio", "message_id": f"{conversation_id}-{turn}", "metadata": {}}
                    bot = {"event": "bot", "timestamp": ts + turn * 3 + 3, "metadata": {"utter_action": None},
                           "text": rng.choice(answers), "data": {}}
                    action = {"event": "action", "timestamp": ts + turn * 3 + 2, "name": "action_answer_policy",
                              "policy": "RulePolicy", "confidence": 1.0}
                    for data in (user, action, bot):
                        rows.append(_row(conversation_id, data, collected, intent_used if data is user else None))
                rows.append(_row(conversation_id, {"event": "action", "timestamp": ts, "name": "action_session_start",
                                                   "policy": None, "confidence": 1.0}, collected, None))
            if len(rows) >= 10000:
                connection.execute(events.insert(), rows)
                inserted += len(rows)
                rows = []
        if rows:
            connection.execute(events.insert(), rows)
            inserted += len(rows)
    seconds = time.monotonic() - started
    dispose_engine(url)
    return {"events": inserted, "fill_seconds": round(seconds, 1)}


def _row(conversation_id: int, data: dict, collected: datetime, intent: str = None) -> dict:
    return {"conversation_id": conversation_id, "type_name": data["event"], "intent_name": intent,
            "action_name": data.get("name") if data["event"] == "action" else None,
            "timestamp": float(data["timestamp"]), "collected_at": collected,
            "expires_at": collected + timedelta(days=180), "data": json.dumps(data, ensure_ascii=False),
            "redactions": None}


def run_cli(url: str, fmt: str, out: Path) -> Dict[str, float]:
    """`privacybot export` in a child process: wall seconds, peak RSS (MiB), its summary."""
    env = {**os.environ, "PRIVACYBOT_DATABASE_URL": url}
    started = time.monotonic()
    process = subprocess.Popen(
        [PRIVACYBOT, "export", "--out", str(out), "--format", fmt, "--now", NOW.isoformat(), "--force", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"export failed ({process.returncode}):\n{stderr}")
    summary = json.loads(stdout)
    return {"seconds": seconds, "summary": summary, "bytes": out.stat().st_size}


def peak_child_rss_mib() -> float:
    """The largest resident set of any child so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def child_cpu_seconds() -> float:
    """CPU time (user + system) the children used: the work, whatever else loads the machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def traced_export(url: str, fmt: str, out: Path) -> float:
    """Peak Python allocation (MiB) while exporting in this process (redactor warmed first)."""
    from bot.export import Export
    from bot.export.safe_path import atomic_output
    from redaction import warm_up

    warm_up()
    engine = get_engine(url)
    tracemalloc.start()
    tracemalloc.reset_peak()
    export = Export(engine, fmt, NOW)
    with atomic_output(str(out), force=True) as handle:
        for chunk in export.chunks():
            handle.write(chunk)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    dispose_engine(url)
    return peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000], help="conversation counts")
    parser.add_argument("--database-url", help="store to fill (emptied first!); default: SQLite in a temp dir")
    parser.add_argument("--formats", nargs="+", default=["jsonl", "rasa"], choices=["jsonl", "rasa"])
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the in-process allocation runs")
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for size in args.sizes:
            url = args.database_url or f"sqlite:///{Path(tmp) / f'store-{size}.db'}"
            filled = fill(url, size)
            print(f"filled {size} conversations, {filled['events']} events in {filled['fill_seconds']} s", flush=True)
            for fmt in args.formats:
                # RUSAGE_CHILDREN keeps the maximum over all children: run each in a fresh
                # grandchild so the figure is this export's own.
                probe = subprocess.run(
                    [sys.executable, __file__, "--_child", url, fmt, str(Path(tmp) / f"out-{size}.{fmt}")],
                    capture_output=True, text=True,
                )
                if probe.returncode != 0:
                    raise SystemExit(probe.stderr)
                figures = json.loads(probe.stdout)
                if not args.no_tracemalloc:
                    figures["python_peak_mib"] = round(traced_export(url, fmt, Path(tmp) / f"traced-{size}.{fmt}"), 1)
                figures.update(size=size, events=filled["events"], format=fmt)
                results.append(figures)
                print(json.dumps(figures), flush=True)
            if args.database_url is None:
                os.unlink(Path(tmp) / f"store-{size}.db")

    print()
    print(f"{'conversations':>13} {'events':>8} {'format':>6} {'seconds':>8} {'CPU s':>6} {'peak RSS MiB':>12} "
          f"{'py peak MiB':>11} {'written conv/msg':>17} {'2nd-scan hits':>13}")
    for r in results:
        s = r["summary"]
        print(f"{r['size']:>13} {r['events']:>8} {r['format']:>6} {r['seconds']:>8.1f} {r['cpu_seconds']:>6.1f} "
              f"{r['peak_rss_mib']:>12.1f} "
              f"{r.get('python_peak_mib', float('nan')):>11} {str(s['conversations']) + '/' + str(s['messages']):>17} "
              f"{s['skipped']['second_scan_messages']:>13}")
    return 0


def child_main(url: str, fmt: str, out: str) -> int:
    """Run one CLI export as a child and print its figures (used by :func:`main`)."""
    figures = run_cli(url, fmt, Path(out))
    print(json.dumps({"seconds": round(figures["seconds"], 1), "cpu_seconds": round(child_cpu_seconds(), 1),
                      "peak_rss_mib": round(peak_child_rss_mib(), 1),
                      "bytes": figures["bytes"], "summary": figures["summary"]}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--_child":
        sys.exit(child_main(*sys.argv[2:]))
    sys.exit(main())
