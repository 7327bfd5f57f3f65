"""PRIVACYBOT_WORKERS=2: two worker processes on one port, sharing the load; one killed
is replaced while the other keeps answering; SIGTERM stops them all."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Set

import aiohttp
import pytest

from deploy_client import QUESTIONS, Outcome, WidgetClient, new_token
from deploy_cluster import (
    PRIVACYBOT,
    REDIS_DB,
    REPO_ROOT,
    PgSchema,
    clean_env,
    free_port,
    pinned_model_dir,
    http_get,
    port_open,
    redis_clear_locks,
)
from deploy_store import stored_refs

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis, pytest.mark.model]


def listening_pids(port: int) -> Set[int]:
    """Pids of processes holding a listening TCP socket on ``port`` (from /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(inode)
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    pids.add(int(entry.name))
                    break
        except OSError:
            continue
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


async def chat(base_url: str, conversations: int, messages: int) -> List[Outcome]:
    """``conversations`` visitors, ``messages`` each, every request on a new connection."""
    connector = aiohttp.TCPConnector(force_close=True)  # new connection → the kernel picks a worker
    async with aiohttp.ClientSession(connector=connector) as session:
        client = WidgetClient(session, base_url)

        async def visitor(index: int) -> List[Outcome]:
            conversation = await client.open({"company": "OK", "lang": "da"})
            results = []
            for n in range(messages):
                token = new_token()
                question = QUESTIONS[(index + n) % len(QUESTIONS)]
                results.append(await client.send(conversation, f"{question} (ref {token})", token))
            return results

        return [o for batch in await asyncio.gather(*(visitor(i) for i in range(conversations))) for o in batch]


def test_two_workers_share_one_port_and_a_killed_worker_is_replaced(tmp_path, model_dir: Path) -> None:
    schema = PgSchema()
    models = pinned_model_dir(model_dir, tmp_path / "models")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = clean_env(
        PRIVACYBOT_WORKERS="2",
        PRIVACYBOT_DATABASE_URL=schema.url,
        PRIVACYBOT_REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        PRIVACYBOT_MODEL_DIR=str(models),
        PRIVACYBOT_RATE_LIMIT_CLIENT="100000",
        PRIVACYBOT_RATE_LIMIT_CONVERSATION="100000",
        PRIVACYBOT_PURGE_INTERVAL_SECONDS="0",
    )
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        supervisor = subprocess.Popen(
            [PRIVACYBOT, "serve", "--port", str(port)], cwd=REPO_ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        wait_for(lambda: len(listening_pids(port)) == 2, 240, "two workers listening")
        workers = listening_pids(port)
        assert supervisor.pid not in workers  # the supervisor itself does not serve
        wait_for(lambda: http_get(base + "/health")[0] == 200, 240, "the workers' models to load")
        cpu_before: Dict[int, float] = {pid: cpu_seconds(pid) for pid in workers}

        outcomes = asyncio.run(chat(base, 6, 4))
        assert all(o.acknowledged for o in outcomes), [o.statuses for o in outcomes if not o.acknowledged]
        # Idle workers use next to no CPU; each answering part of the 24 messages (new
        # connection each, spread by the kernel) shows as a share of the CPU spent.
        busy = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in workers}
        assert all(seconds >= 0.15 * sum(busy.values()) for seconds in busy.values()), f"a worker idled: {busy}"

        victim = sorted(workers)[0]
        os.kill(victim, signal.SIGKILL)
        after_kill = asyncio.run(chat(base, 2, 3))  # answered by the other worker meanwhile
        assert all(o.stored_per_client for o in after_kill), [o.statuses for o in after_kill]

        wait_for(lambda: len(listening_pids(port)) == 2 and victim not in listening_pids(port), 240,
                 "the killed worker to be replaced")
        replaced = listening_pids(port)
        assert len(replaced & workers) == 1
        log_text = log_path.read_text(errors="replace")
        assert f"(pid {victim}) died" in log_text and "signal 9" in log_text

        refs = stored_refs(schema.engine)
        assert all(refs[o.token] == 1 for o in outcomes + after_kill if o.stored_per_client)

        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=45) == 0
        assert not port_open(port)
        assert not any(Path(f"/proc/{pid}").exists() for pid in replaced)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()
        try:
            os.killpg(supervisor.pid, signal.SIGKILL)  # its workers, if any survived
        except ProcessLookupError:
            pass
        schema.drop()
        redis_clear_locks()
