"""Load benchmark: the redacting server against plain `rasa run --enable-api`, same model, same load.

    .venv/bin/python bench/bench_load.py [--visitors 20] [--messages 10] [--model models/x.tar.gz]

Starts, one after the other (never both at once: they would share the 2 cores):
  1. `privacybot serve` (redaction at the door, actions in-process), and
  2. `rasa run --enable-api` with `rasa run actions` beside it (actions over HTTP),
each on its own loopback port with its own SQLite store through the project's tracker store.
N simulated visitors chat at once; each sends its messages one after another, waiting for
the answer like a person, through Rasa's REST webhook (the format both servers speak).
Prints time to first answer, p50/p95/p99 reply latency, throughput and errors for both, and
the ratio of the p95s. Every visitor comes from 127.0.0.1, so the per-client rate limit of
the redacting server is raised for the run (a real site's visitors have their own addresses).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import aiohttp
from workload import QUESTIONS, message_text  # bench/workload.py, beside this script

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process (plus helpers) started for the benchmark and stopped after it."""

    def __init__(self, name: str, commands: List[Tuple[List[str], Dict[str, str]]], url: str, log_dir: Path) -> None:
        self.name, self.commands, self.url, self.log_dir = name, commands, url, log_dir
        self.processes: List[subprocess.Popen] = []

    def start(self) -> None:
        for index, (command, env) in enumerate(self.commands):
            log = open(self.log_dir / f"{self.name}-{index}.log", "wb")
            self.processes.append(
                subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            )

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def alive(self) -> bool:
        return all(p.poll() is None for p in self.processes)


async def first_answer(session: aiohttp.ClientSession, server: Server, timeout: float) -> float:
    """Seconds from start until the server answers a chat message."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not server.alive():
            raise RuntimeError(f"{server.name} exited; see {server.log_dir}")
        try:
            async with session.post(
                server.url + "/webhooks/rest/webhook", json={"sender": "bench-probe", "message": "hej"}
            ) as response:
                if response.status == 200 and await response.json():
                    return time.monotonic() - started
        except (aiohttp.ClientError, asyncio.TimeoutError):
            pass
        await asyncio.sleep(0.25)
    raise RuntimeError(f"{server.name} did not answer within {timeout} s; see {server.log_dir}")


async def visitor(
    session: aiohttp.ClientSession, url: str, index: int, messages: int, latencies: List[float], errors: List[str]
) -> None:
    rng = random.Random(index)
    sender = f"bench-{index}-{rng.getrandbits(128):032x}"  # 128 random bits always pass the sender-id rule
    for turn in range(messages):
        lang, company, template = QUESTIONS[(index + turn) % len(QUESTIONS)]
        text = message_text(template, rng)
        body = {"sender": sender, "message": text, "metadata": {"company": company, "lang": lang}}
        began = time.perf_counter()
        try:
            async with session.post(url + "/webhooks/rest/webhook", json=body) as response:
                payload = await response.json(content_type=None)
                if response.status != 200 or not isinstance(payload, list) or not payload:
                    errors.append(f"HTTP {response.status}")
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            errors.append(type(exc).__name__)
            continue
        latencies.append(time.perf_counter() - began)
        await asyncio.sleep(rng.uniform(0.0, 0.2))  # a person reads, then types the next question


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = fraction * (len(ordered) - 1)
    low, high = int(position), min(int(position) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def measure(server: Server, visitors: int, messages: int, start_timeout: float) -> Dict[str, float]:
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=visitors + 5)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        startup = await first_answer(session, server, start_timeout)
        # Warm-up: every code path once (first requests build caches).
        warm: List[float] = []
        await asyncio.gather(*(visitor(session, server.url, 1000 + i, 2, warm, []) for i in range(3)))
        latencies: List[float] = []
        errors: List[str] = []
        began = time.perf_counter()
        await asyncio.gather(
            *(visitor(session, server.url, i, messages, latencies, errors) for i in range(visitors))
        )
        elapsed = time.perf_counter() - began
    return {
        "startup_s": startup,
        "requests": len(latencies) + len(errors),
        "errors": len(errors),
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "throughput_rps": len(latencies) / elapsed if elapsed else 0.0,
        "error_kinds": sorted(set(errors)),
    }


def clean_env(**values: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRIVACYBOT_")}
    env.update(values)
    return env


def plain_rasa_endpoints(directory: Path, actions_port: int) -> Path:
    """The project's endpoints.yml (same tracker store) with the action server on our port."""
    import yaml

    endpoints = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text()) or {}
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook"}
    path = directory / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=20, help="concurrent simulated visitors (20)")
    parser.add_argument("--messages", type=int, default=10, help="messages each visitor sends (10)")
    parser.add_argument("--model", type=Path, help="model archive (default: newest in PRIVACYBOT_MODEL_DIR)")
    parser.add_argument("--only", choices=["privacybot", "rasa"], help="run one side only")
    parser.add_argument("--start-timeout", type=float, default=180.0)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO_ROOT))
    from bot import paths, settings

    model = args.model or paths.newest_model(Path(settings.load().model_dir))
    if model is None:
        print("no trained model: run `privacybot train` first", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    model_dir = work / "model"
    model_dir.mkdir()
    # A fresh copy (new mtime): `privacybot serve` must run exactly this model, not retrain.
    shutil.copyfile(model, model_dir / model.name)

    servers = []
    if args.only in (None, "privacybot"):
        port = free_port()
        env = clean_env(
            PRIVACYBOT_DATABASE_URL=f"sqlite:///{work / 'privacybot.db'}",
            PRIVACYBOT_MODEL_DIR=str(model_dir),
            PRIVACYBOT_PURGE_INTERVAL_SECONDS="0",
            PRIVACYBOT_RATE_LIMIT_CLIENT="1000000",
            PRIVACYBOT_RATE_LIMIT_CONVERSATION="1000000",
            PRIVACYBOT_LOG_LEVEL="WARNING",
        )
        command = [str(VENV_BIN / "privacybot"), "serve", "--port", str(port)]
        servers.append(Server("privacybot", [(command, env)], f"http://127.0.0.1:{port}", work))
    if args.only in (None, "rasa"):
        port, actions_port = free_port(), free_port()
        env = clean_env(PRIVACYBOT_DATABASE_URL=f"sqlite:///{work / 'rasa.db'}", TF_CPP_MIN_LOG_LEVEL="2")
        endpoints = plain_rasa_endpoints(work, actions_port)
        rasa = str(VENV_BIN / "rasa")
        servers.append(Server(
            "rasa",
            [
                ([rasa, "run", "actions", "--port", str(actions_port), "--actions", "actions"], env),
                ([rasa, "run", "--enable-api", "--port", str(port), "-m", str(model), "--endpoints", str(endpoints),
                  "--credentials", str(REPO_ROOT / "credentials.yml")], env),
            ],
            f"http://127.0.0.1:{port}",
            work,
        ))

    print(f"model: {model.name}; {args.visitors} visitors x {args.messages} messages; logs in {work}")
    results: Dict[str, Dict[str, float]] = {}
    for server in servers:
        server.start()
        try:
            results[server.name] = asyncio.run(measure(server, args.visitors, args.messages, args.start_timeout))
        finally:
            server.stop()
        r = results[server.name]
        print(
            f"{server.name:>10}: first answer {r['startup_s']:.1f} s after start | "
            f"p50 {r['p50_ms']:.0f} ms  p95 {r['p95_ms']:.0f} ms  p99 {r['p99_ms']:.0f} ms  "
            f"mean {r['mean_ms']:.0f} ms | {r['throughput_rps']:.1f} msg/s | "
            f"errors {r['errors']}/{r['requests']} {r['error_kinds'] or ''}"
        )
    if len(results) == 2:
        ratio = results["privacybot"]["p95_ms"] / results["rasa"]["p95_ms"]
        print(f"p95 ratio privacybot / plain rasa: {ratio:.2f} (target <= 1.10)")
    print(json.dumps(results))
    failed = any(r["errors"] for r in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
