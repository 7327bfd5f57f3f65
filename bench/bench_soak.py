"""Soak benchmark: 200 concurrent conversations for 60 s through nginx, two replicas vs one.

    .venv/bin/python bench/bench_soak.py [--conversations 200] [--seconds 60] [--think 0]
                                         [--profile SECONDS]   # py-spy on one replica

The production topology on loopback (tests/deploy/deploy_cluster.py): Debian's nginx with
deploy/nginx.conf.template, `privacybot serve` replicas on PostgreSQL 127.0.0.1:5432 (a
schema of its own, migrated with `privacybot migrate`) and Redis 127.0.0.1:6379 (lock store).

Run 1: two replicas behind nginx. Run 2: replica b stopped, nginx re-rendered with replica a
alone, the same load. Each visitor opens a widget conversation and sends question after
question, waiting for each reply (closed loop; --think adds a pause). Printed per run:
messages/s, p50/p95/p99 latency, errors, acknowledged vs stored (counted in PostgreSQL:
every acknowledged message must be stored exactly once), and where the CPU went (seconds of
CPU per process group over the run, from /proc), then the scaling ratio.

--profile N samples replica a with py-spy for N seconds during run 1 and prints the share of
samples per component (bench-only tool: `.venv/bin/pip install py-spy`).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests" / "deploy"))

from deploy_client import Outcome, WidgetClient, new_token  # noqa: E402
from deploy_cluster import Cluster, Nginx  # noqa: E402
from deploy_store import stored_refs  # noqa: E402
from workload import QUESTIONS, message_text  # noqa: E402  (bench/workload.py, beside this script)

CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- CPU accounting from /proc ---------------------------------------------------------------


def process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def pids_by(predicate) -> List[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if predicate(int(entry.name), (entry / "comm").read_text().strip(), (entry / "stat").read_text()):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / CLK_TCK


class CpuMeter:
    """CPU seconds used by named process groups between :meth:`start` and :meth:`stop`."""

    def __init__(self, groups: Dict[str, "callable"]) -> None:
        self.groups = groups
        self.before: Dict[str, Dict[int, float]] = {}
        self.used: Dict[str, float] = {}

    def _sample(self) -> Dict[str, Dict[int, float]]:
        return {name: {pid: process_cpu(pid) for pid in finder()} for name, finder in self.groups.items()}

    def start(self) -> None:
        self.before = self._sample()
        self.busy0, self.t0 = machine_busy(), time.monotonic()

    def stop(self) -> None:
        after = self._sample()
        self.wall = time.monotonic() - self.t0
        self.used = {
            name: sum(cpu - self.before[name].get(pid, 0.0) for pid, cpu in pids.items())
            for name, pids in after.items()
        }
        self.used["whole machine"] = machine_busy() - self.busy0


# --- Load ------------------------------------------------------------------------------


@dataclass
class RunResult:
    label: str
    seconds: float
    outcomes: List[Outcome] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    cpu: Dict[str, float] = field(default_factory=dict)
    stored: Counter = field(default_factory=Counter)
    rss_mb: Dict[str, float] = field(default_factory=dict)


async def visitor(client: WidgetClient, end: float, outcomes: List[Outcome], errors: Counter,
                  rng: random.Random, think: float) -> None:
    lang, company, _ = rng.choice(QUESTIONS)
    conversation = await client.open({"company": company, "lang": lang}, deadline=120)
    while time.monotonic() < end:
        _, _, question = rng.choice(QUESTIONS)
        token = new_token()  # system randomness: unique across runs, unlike the seeded question picks
        text = f"{message_text(question, rng)} (ref {token})"
        outcome = await client.send(conversation, text, token, {"company": company, "lang": lang}, deadline=120)
        errors.update(s for s in outcome.statuses if s != 200)
        outcomes.append(outcome)
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def drive(base_url: str, conversations: int, seconds: float, think: float, seed: int) -> RunResult:
    result = RunResult("", seconds)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        client = WidgetClient(session, base_url)
        end = time.monotonic() + seconds
        started = time.monotonic()
        await asyncio.gather(*(
            visitor(client, end, result.outcomes, result.errors, random.Random(seed + i), think)
            for i in range(conversations)
        ))
        result.seconds = time.monotonic() - started  # includes replies still in flight at the end
    return result


async def warm_up(base_url: str, replicas: int) -> None:
    """A few messages per replica first: lazy initialisation is not what is measured."""
    await drive(base_url, 2 * replicas, 5, 0, seed=999)


# --- Reporting ----------------------------------------------------------------------------


def percentile(values: List[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(result: RunResult) -> Dict[str, float]:
    acked = [o for o in result.outcomes if o.acknowledged]
    latencies = [o.latency for o in acked if o.latency is not None]
    known = [o for o in result.outcomes if o.stored_per_client]
    lost = sum(1 for o in known if result.stored[o.token] == 0)
    doubled = sum(1 for o in known if result.stored[o.token] > 1)
    rate = len(acked) / result.seconds
    print(f"\n== {result.label}")
    print(f"  messages acknowledged   {len(acked)} in {result.seconds:.1f} s = {rate:.1f} messages/s")
    print(f"  latency p50/p95/p99     {percentile(latencies, 50):.2f} / {percentile(latencies, 95):.2f} / "
          f"{percentile(latencies, 99):.2f} s   (max {max(latencies, default=float('nan')):.2f} s)")
    print(f"  errors (failed attempts) {sum(result.errors.values())} {dict(result.errors) or ''}")
    print(f"  unacknowledged at end   {len(result.outcomes) - len(known)}")
    print("  replica memory (RSS)    " + ", ".join(f"{n}: {mb:.0f} MB" for n, mb in result.rss_mb.items()))
    print(f"  acknowledged vs stored  {len(acked)} acknowledged, {sum(1 for o in acked if result.stored[o.token] == 1)} "
          f"stored exactly once; lost {lost}, duplicated {doubled}")
    wall = result.cpu.pop("wall", result.seconds)
    machine = result.cpu.pop("whole machine", 0.0)
    others = result.cpu.pop("other processes on the machine", 0.0)
    print(f"  CPU over the run ({wall:.0f} s wall; 2 cores = {2 * wall:.0f} CPU-s; machine busy {machine / wall:.2f} cores):")
    for name, seconds in sorted(result.cpu.items(), key=lambda kv: -kv[1]):
        per_message = 1000 * seconds / max(1, len(acked))
        print(f"    {name:32s} {seconds:6.1f} CPU-s = {seconds / wall:4.2f} cores  {per_message:6.1f} ms/message")
    print(f"    {'not this benchmark (others)':32s} {others:6.1f} CPU-s = {others / wall:4.2f} cores")
    replica_ms = 1000 * sum(v for k, v in result.cpu.items() if k.startswith("replica")) / max(1, len(acked))
    return {"rate": rate, "p95": percentile(latencies, 95), "lost": lost, "doubled": doubled,
            "errors": sum(result.errors.values()), "acked": len(acked), "replica_ms": replica_ms,
            "replica_cores": sum(v for k, v in result.cpu.items() if k.startswith("replica")) / wall,
            "others_cores": others / wall}


# --- Profile ------------------------------------------------------------------------------

def _own(package: str) -> tuple:
    """Frame markers of the project's own package (py-spy names files relative or absolute)."""
    return (f"({package}/", f"{REPO_ROOT}/{package}/")


COMPONENTS = [  # first match from the innermost frame outwards names the component
    ("action result validation (jsonschema)", ("jsonschema",)),
    ("redaction (presidio, recognizers)", ("presidio", "phonenumbers", "stdnum", *_own("redaction"))),
    ("language detection (lingua)", ("lingua",)),
    ("NLU model (tensorflow, DIET)", ("tensorflow", "keras", "rasa/nlu/classifiers", "rasa/utils/tensorflow")),
    ("NLU featurizers/tokenizers", ("rasa/nlu/featurizers", "rasa/nlu/tokenizers", "sklearn", "scipy")),
    ("transcript store (SQLAlchemy, psycopg2)", ("sqlalchemy", "psycopg2", *_own("bot/store"))),
    ("Redis lock store", ("redis/", "lock_store")),
    ("custom actions", ("rasa_sdk", *_own("actions"))),
    ("Rasa core (tracker, policies, events)", ("rasa/core", "rasa/shared", "rasa/engine", "rasa/graph")),
    ("web server (aiohttp, JSON)", ("aiohttp", "json/", "multidict", "yarl", *_own("bot/web"), *_own("bot/serving"))),
    ("asyncio / threads idle", ("asyncio", "selectors", "threading", "concurrent/futures")),
]


def profile_replica(pid: int, seconds: int, out_dir: Path) -> Optional[subprocess.Popen]:
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print("(--profile: py-spy not installed; `.venv/bin/pip install py-spy`)")
        return None
    return subprocess.Popen(
        [spy, "record", "--pid", str(pid), "--duration", str(seconds), "--rate", "50", "--format", "raw",
         "--gil", "--nonblocking", "--output", str(out_dir / "profile.txt")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def print_profile(path: Path) -> None:
    if not path.exists():
        print("(profile: py-spy wrote nothing)")
        return
    by_component: Counter = Counter()
    by_own_frame: Counter = Counter()  # innermost frame of our own code (bot/, actions/, redaction/)
    by_leaf_module: Counter = Counter()  # file of the innermost frame: where the GIL is held
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        frames = stack.split(";")
        name = "other"
        for frame in reversed(frames):
            hit = next((label for label, keys in COMPONENTS if any(k in frame for k in keys)), None)
            if hit:
                name = hit
                break
        by_component[name] += samples
        total += samples
        own_markers = _own("bot") + _own("actions") + _own("redaction")
        own = next((f for f in reversed(frames) if any(k in f for k in own_markers)), None)
        if own:
            by_own_frame[own] += samples
        leaf = frames[-1] if frames else "?"
        by_leaf_module[leaf.split("(")[-1].split(":")[0]] += samples
    print(f"\n== py-spy --gil on replica a: {total} samples of the thread holding the GIL, by component")
    for name, samples in by_component.most_common():
        print(f"    {name:42s} {100 * samples / total:5.1f} %")
    print("   innermost frame of the project's own code (bot/, actions/, redaction/):")
    for frame, samples in by_own_frame.most_common(8):
        print(f"    {frame[-76:]:76s} {100 * samples / total:5.1f} %")
    print("   file of the innermost frame:")
    for module, samples in by_leaf_module.most_common(8):
        print(f"    {module[-76:]:76s} {100 * samples / total:5.1f} %")


# --- Main ---------------------------------------------------------------------------------


def run_soak(cluster: Cluster, nginx: Nginx, label: str, args: argparse.Namespace, profile_dir: Optional[Path]) -> RunResult:
    asyncio.run(warm_up(nginx.base_url, len([r for r in cluster.replicas if r.alive()])))
    replica_pids = {r.name: r.pid for r in cluster.replicas if r.alive()}
    client_pid = os.getpid()
    groups = {f"replica {name}": (lambda pid=pid: [pid]) for name, pid in replica_pids.items()}
    groups["nginx"] = lambda: pids_by(lambda pid, comm, stat: comm == "nginx" and (
        pid == nginx.process.pid or stat.rsplit(")", 1)[1].split()[1] == str(nginx.process.pid)))
    groups["PostgreSQL (whole server)"] = lambda: pids_by(lambda pid, comm, stat: comm.startswith("postgres"))
    groups["Redis (whole server)"] = lambda: pids_by(lambda pid, comm, stat: comm.startswith("redis-server"))
    groups["TCP proxies (test harness)"] = lambda: [cluster.pg_proxy.process.pid, cluster.redis_proxy.process.pid]
    groups["load generator (this process)"] = lambda: [client_pid]
    meter = CpuMeter(groups)
    spy = None
    if profile_dir is not None:
        spy = profile_replica(replica_pids["a"], args.profile, profile_dir)
    meter.start()
    result = asyncio.run(drive(nginx.base_url, args.conversations, args.seconds, args.think, seed=len(label)))
    meter.stop()
    if spy is not None:
        spy.wait()
    result.label = label
    result.cpu = dict(meter.used)
    known = sum(meter.used[name] for name in meter.used if name != "whole machine")
    result.cpu["other processes on the machine"] = max(0.0, meter.used["whole machine"] - known)
    result.cpu["wall"] = meter.wall
    result.stored = stored_refs(cluster.schema.engine)
    result.rss_mb = {name: rss_mb(pid) for name, pid in replica_pids.items()}
    return result


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a reply and the next message")
    parser.add_argument("--profile", type=int, default=0, help="py-spy replica a for this many seconds in run 1")
    parser.add_argument("--model-dir", default=None)
    args = parser.parse_args()

    from bot import paths, settings

    model_dir = Path(args.model_dir or settings.load().model_dir)
    if paths.newest_model(model_dir) is None:
        print(f"no trained model in {model_dir}: run `privacybot train` first", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    cluster = Cluster(work, model_dir, replicas=2, extra_env={"PRIVACYBOT_LOG_LEVEL": "WARNING"})
    single: Optional[Nginx] = None
    try:
        migrated = cluster.migrate()
        assert migrated.returncode == 0, migrated.stderr
        started = time.monotonic()
        cluster.start()
        print(f"2 replicas ready in {time.monotonic() - started:.0f} s; nginx on {cluster.nginx.base_url}; "
              f"{args.conversations} conversations for {args.seconds:.0f} s each run")
        two = run_soak(cluster, cluster.nginx, "two replicas behind nginx", args, work if args.profile else None)

        cluster.replicas[1].stop()  # its CPU goes back to the pool
        single = Nginx([cluster.replicas[0].address], work / "nginx-single")
        single.start()
        one = run_soak(cluster, single, "one replica behind nginx", args, None)

        a, b = report(two), report(one)
        if args.profile:
            print_profile(work / "profile.txt")
            kept = Path(tempfile.gettempdir()) / "bench-soak-profile.txt"
            if (work / "profile.txt").exists():
                shutil.copyfile(work / "profile.txt", kept)
                print(f"   raw samples (collapsed stacks): {kept}")
        ratio = a["rate"] / b["rate"] if b["rate"] else float("nan")
        print(f"\n== scaling: two replicas {a['rate']:.1f} messages/s / one replica {b['rate']:.1f} messages/s "
              f"= {ratio:.2f}x  (target 1.7x)")
        # A replica is one Python process: its event loop and the GIL-bound work (NLU, policies,
        # redaction, actions) use at most about one core. Its cost per message says what it
        # would do with a core of its own.
        per_core = 1000 / a["replica_ms"] if a["replica_ms"] else float("nan")
        infra = sum(v for k, v in two.cpu.items() if k.split()[0] in ("nginx", "PostgreSQL", "Redis"))
        print(f"   replicas got {a['replica_cores']:.2f} cores (two) vs {b['replica_cores']:.2f} (one); "
              f"other processes took {a['others_cores']:.2f} / {b['others_cores']:.2f} cores")
        print(f"   replica CPU per message: {a['replica_ms']:.1f} ms (two) / {b['replica_ms']:.1f} ms (one) "
              f"-> about {per_core:.0f} messages/s per replica with a core to itself; "
              f"projected {2 * per_core:.0f} messages/s for two replicas on 2 free cores, "
              f"{4 * per_core:.0f} for four on 4 (PostgreSQL, Redis and nginx used "
              f"{infra / two.seconds:.2f} cores in run 1)")
        ok = a["lost"] == b["lost"] == 0 and a["doubled"] == b["doubled"] == 0
        print(f"   lost {a['lost'] + b['lost']}, duplicated {a['doubled'] + b['doubled']}, "
              f"errors {a['errors'] + b['errors']}  -> {'OK' if ok else 'MESSAGES LOST OR DUPLICATED'}")
        return 0 if ok else 1
    finally:
        if single is not None:
            single.stop()
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
