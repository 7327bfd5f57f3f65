"""The production topology on loopback: replicas of `privacybot serve`, nginx, and the
cut-able paths to PostgreSQL and Redis (tests and bench/bench_soak.py use it).

    clients ──► nginx (Debian's package, config rendered from deploy/nginx.conf.template)
                  ├─► replica a: privacybot serve ──┐
                  └─► replica b: privacybot serve ──┼─► TCP proxy ─► PostgreSQL 127.0.0.1:5432 (own schema)
                                                    └─► TCP proxy ─► Redis 127.0.0.1:6379 (own db number)

Everything is a real process started here and stopped by its own pid.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import sqlalchemy as sa

from support.postgres import PG_HOST, PG_PORT, store_url  # store_url: re-exported for the tests
from support.postgres import PgSchema as SupportPgSchema

REPO_ROOT = Path(__file__).resolve().parents[2]
PRIVACYBOT = str(Path(sys.executable).with_name("privacybot"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_HOST = "127.0.0.1"
REDIS_PORT = 6379
# A Redis database of its own, so these tests' locks never meet other tests' keys.
REDIS_DB = int(os.environ.get("PRIVACYBOT_TEST_REDIS_DB", "11"))
READY_TIMEOUT_SECONDS = 300


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def clean_env(**values: str) -> Dict[str, str]:
    """This process's environment without any PRIVACYBOT_* setting, plus ``values``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRIVACYBOT_")}
    env.update(values)
    return env


def http_get(url: str, timeout: float = 5) -> Tuple[int, str]:
    """(status, body) of a GET; status 0 when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


# --- PostgreSQL and Redis -------------------------------------------------------------


class PgSchema(SupportPgSchema):
    """A schema of its own (tests/support/postgres.py) and the tests' own engine on it."""

    def __init__(self, prefix: str = "deploy") -> None:
        super().__init__(prefix)
        # The tests' own view of the store: straight to the server, never through the proxy.
        self.engine = sa.create_engine(self.url, future=True, pool_size=2)

    def drop(self) -> None:
        self.engine.dispose()
        super().drop()


def pinned_model_dir(model_dir: Path, into: Path) -> Path:
    """A copy of the newest model in ``into``, dated a year ahead.

    `privacybot serve` retrains when the model is older than the training data. Someone
    editing data/ while the tests run would make every replica started (or restarted)
    after that train for minutes; the far-future date keeps them serving this model.
    """
    from bot import paths

    model = paths.newest_model(model_dir)
    if model is None:
        raise RuntimeError(f"no trained model in {model_dir}")
    into.mkdir(parents=True, exist_ok=True)
    copy = into / model.name
    shutil.copyfile(model, copy)
    future = time.time() + 365 * 24 * 3600
    os.utime(copy, (future, future))
    return into


def redis_clear_locks() -> None:
    """Forget the conversation locks left in the tests' Redis database (e.g. by a killed replica)."""
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
    try:
        keys = list(client.scan_iter(match="lock:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


# --- Processes -------------------------------------------------------------------------


class ProxyProcess:
    """tests/support/tcp_proxy.py in its own process; cut and restore by signal."""

    SCRIPT = Path(__file__).resolve().parents[1] / "support" / "tcp_proxy.py"

    def __init__(self, target: Tuple[str, int]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(self.SCRIPT), "--target", f"{target[0]}:{target[1]}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("port "):
            raise RuntimeError(f"TCP proxy did not start: {line!r}")
        self.port = int(line.split()[1])

    def cut(self) -> None:
        """Break every open connection and refuse new ones (returns when refused)."""
        self.process.send_signal(signal.SIGUSR1)
        self._wait_for(False)

    def restore(self) -> None:
        """Accept and forward connections again (returns when accepting)."""
        self.process.send_signal(signal.SIGUSR2)
        self._wait_for(True)

    def _wait_for(self, accepting: bool) -> None:
        deadline = time.monotonic() + 10
        while port_open(self.port) != accepting:
            if time.monotonic() > deadline:
                raise RuntimeError(f"proxy on {self.port} did not {'restore' if accepting else 'cut'}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Replica:
    """One `privacybot serve` process on a loopback port, its output in a log file."""

    def __init__(self, name: str, env: Dict[str, str], log_dir: Path, port: Optional[int] = None) -> None:
        self.name = name
        self.port = port or free_port()
        self.env = env
        self.log_path = log_dir / f"replica-{name}.log"
        self.process: Optional[subprocess.Popen] = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def pid(self) -> Optional[int]:
        return self.process.pid if self.process else None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [PRIVACYBOT, "serve", "--port", str(self.port)],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() leaves no child behind
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def healthy(self) -> bool:
        return http_get(f"http://{self.address}/health")[0] == 200

    def wait_ready(self, timeout: float = READY_TIMEOUT_SECONDS) -> float:
        """Seconds until /health says ok (model loaded, store reachable)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if not self.alive():
                raise RuntimeError(f"replica {self.name} exited:\n{self.log_text()[-3000:]}")
            if self.healthy():
                return time.monotonic() - started
            time.sleep(0.3)
        raise RuntimeError(f"replica {self.name} not ready after {timeout:.0f} s:\n{self.log_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no graceful anything, like a crash or the OOM killer."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process is None:
            return
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # anything it started and left behind
        except ProcessLookupError:
            pass

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


ACCESS_LINE = re.compile(
    r'"(?P<method>\S+) (?P<uri>\S+)" (?P<status>\d+) upstream=(?P<upstream>.*?) '
    r"upstream_status=(?P<upstream_status>.*?) rt=(?P<rt>\S+) urt=(?P<urt>.*?) id=(?P<id>\w+)$"
)


def _render_module():
    spec = importlib.util.spec_from_file_location("render_nginx_conf", REPO_ROOT / "deploy" / "render_nginx_conf.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


class Nginx:
    """Debian's nginx with deploy/nginx.conf.template, in a directory of its own."""

    def __init__(self, replicas: List[str], work_dir: Path, port: Optional[int] = None) -> None:
        if not Path(NGINX).exists():
            raise RuntimeError("nginx is not installed: scripts/bootstrap --test (apt-get install nginx)")
        self.port = port or free_port()
        self.dir = work_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.access_log = self.dir / "access.log"
        self.error_log = self.dir / "error.log"
        site = _render_module().render(f"127.0.0.1:{self.port}", replicas, str(self.access_log))
        (self.dir / "privacybot.conf").write_text(site)
        temp = {name: self.dir / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir(exist_ok=True)
        # The wrapper Debian's /etc/nginx/nginx.conf would otherwise be: paths inside this
        # directory, one worker, in the foreground.
        main_conf = f"""
daemon off;
worker_processes 1;
pid {self.dir / 'nginx.pid'};
error_log {self.error_log} warn;
{'user root;' if os.geteuid() == 0 else ''}
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {self.dir / 'privacybot.conf'};
}}
"""
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(main_conf)
        self.process: Optional[subprocess.Popen] = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        check = subprocess.run([NGINX, "-t", "-q", "-c", str(self.conf), "-p", str(self.dir)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejects the rendered configuration:\n{check.stderr}")
        self.process = subprocess.Popen(
            [NGINX, "-c", str(self.conf), "-p", str(self.dir)], stderr=open(self.dir / "stderr.log", "ab")
        )
        deadline = time.monotonic() + 10
        while not port_open(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {self.error_log.read_text() if self.error_log.exists() else ''}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish requests in flight
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def access_entries(self) -> List[Dict[str, str]]:
        """The access log, parsed: method, uri, status, upstream, timings, request id."""
        if not self.access_log.exists():
            return []
        entries = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.search(line)
            if match:
                entries.append(match.groupdict())
        return entries

    def upstream_by_request_id(self) -> Dict[str, str]:
        """Request id → the replica address that answered it (the last one nginx tried)."""
        return {e["id"]: e["upstream"].split(",")[-1].strip() for e in self.access_entries()}


# --- The whole topology ------------------------------------------------------------------


class Cluster:
    """N replicas behind nginx on one PostgreSQL schema and one Redis database."""

    def __init__(
        self,
        work_dir: Path,
        model_dir: Path,
        replicas: int = 2,
        extra_env: Optional[Dict[str, str]] = None,
    ) -> None:
        self.work_dir = work_dir
        model_dir = pinned_model_dir(model_dir, work_dir / "models")
        self.schema = PgSchema()
        try:
            self._set_up(model_dir, replicas, extra_env or {})
        except Exception:  # nothing half-started is left behind
            for proxy in (getattr(self, "pg_proxy", None), getattr(self, "redis_proxy", None)):
                if proxy is not None:
                    proxy.stop()
            self.schema.drop()
            raise

    def _set_up(self, model_dir: Path, replicas: int, extra_env: Dict[str, str]) -> None:
        self.pg_proxy = ProxyProcess((PG_HOST, PG_PORT))
        self.redis_proxy = ProxyProcess((REDIS_HOST, REDIS_PORT))
        settings = dict(
            PRIVACYBOT_DATABASE_URL=self.schema.url_via(self.pg_proxy.port),
            PRIVACYBOT_REDIS_URL=f"redis://127.0.0.1:{self.redis_proxy.port}/{REDIS_DB}",
            PRIVACYBOT_MODEL_DIR=str(model_dir),
            PRIVACYBOT_TRUST_PROXY="true",
            # Every test client is 127.0.0.1: the per-client limit would meter the test, not a visitor.
            PRIVACYBOT_RATE_LIMIT_CLIENT="1000000",
            PRIVACYBOT_RATE_LIMIT_CONVERSATION="100000",
            PRIVACYBOT_LOG_LEVEL="INFO",
            # Rasa's conversation lock lifetime (default 60 s). A replica killed mid-turn
            # leaves its ticket behind, and that conversation waits this long before the
            # next message is answered; 20 s keeps the kill test short and is still far
            # above the longest turn these tests produce.
            TICKET_LOCK_LIFETIME="20",
        )
        settings.update(extra_env)
        self.env = clean_env(**settings)
        self.replicas = [Replica(chr(ord("a") + i), self.env, self.work_dir) for i in range(replicas)]
        self.nginx = Nginx([r.address for r in self.replicas], self.work_dir / "nginx")

    def migrate(self) -> subprocess.CompletedProcess:
        """`privacybot migrate`, as the operator runs it before starting the replicas."""
        return subprocess.run(
            [PRIVACYBOT, "migrate"], cwd=REPO_ROOT, env=self.env, capture_output=True, text=True, timeout=120
        )

    def start(self) -> None:
        for replica in self.replicas:
            replica.start()
        for replica in self.replicas:
            replica.wait_ready()
        self.nginx.start()

    def ensure_running(self) -> None:
        """Restart replicas a previous test killed; restore cut proxies."""
        self.pg_proxy.restore()
        self.redis_proxy.restore()
        dead = [r for r in self.replicas if not r.alive()]
        for replica in dead:
            replica.start()
        for replica in dead:
            replica.wait_ready()
        # nginx may still hold a restarted replica as failed for fail_timeout seconds.
        if dead:
            time.sleep(10)

    def replica_at(self, address: str) -> Optional[Replica]:
        return next((r for r in self.replicas if r.address == address), None)

    def stop(self) -> None:
        self.nginx.stop()
        for replica in self.replicas:  # all at once: each takes seconds to wind down
            if replica.alive():
                assert replica.process is not None
                replica.process.send_signal(signal.SIGTERM)
        for replica in self.replicas:
            replica.stop()
        self.pg_proxy.stop()
        self.redis_proxy.stop()
        self.schema.drop()
        redis_clear_locks()


def health(base_url: str) -> Tuple[int, dict]:
    """(status, JSON) of /health."""
    status, body = http_get(f"{base_url}/health")
    try:
        return status, json.loads(body) if body else {}
    except json.JSONDecodeError:
        return status, {}
