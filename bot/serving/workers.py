"""``PRIVACYBOT_WORKERS=N``: N server processes sharing one port, and their supervisor.

Why processes: Rasa's NLU, the policies and the redactor are CPU-bound Python, so one
process uses about one core however many requests wait. Each worker is a complete
`privacybot serve` (its own agent, store pool and purge schedule) started as
``python -m bot.serving.workers``; every worker binds the same address with SO_REUSEPORT,
and the kernel spreads new connections over them. No state is shared in memory: the
transcript store (PostgreSQL) holds the conversations and Redis the per-conversation
lock, exactly as between replicas on different machines, which is why
:mod:`bot.serving.topology` refuses N > 1 without them.

The supervisor (the `privacybot serve` process itself) restarts a worker that dies
(a crash, the OOM killer, SIGKILL) while the others keep the port answering, and gives
up only when workers keep dying right after start. SIGTERM or SIGINT stops every worker
gracefully (aiohttp finishes requests in flight), then the supervisor exits. Workers
die with their supervisor (PR_SET_PDEATHSIG), so none is left orphaned on the port.
"""
from __future__ import annotations

import argparse
import ctypes
import errno
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import List, Optional

from bot.store.database import dispose_engines

logger = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 30
# A worker that dies sooner than this after starting counts as failing to start.
EARLY_DEATH_SECONDS = 60
MAX_EARLY_DEATHS = 3
EXIT_CANNOT_LISTEN = 5


def _say(message: str) -> None:
    print(f"privacybot: {message}", file=sys.stderr, flush=True)


def port_is_free(host: str, port: int) -> Optional[str]:
    """None when ``host:port`` can be listened on, else the reason.

    Checked without SO_REUSEPORT: otherwise the workers would silently share the port
    with another server already on it instead of failing.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        return None
    except OSError as exc:
        return exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))
    finally:
        probe.close()


def _die_with_parent() -> None:
    """preexec: the kernel sends SIGTERM to this worker when the supervisor dies."""
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass  # not glibc/Linux: the supervisor's own shutdown still stops the workers


@dataclass
class Worker:
    """One worker slot: its current process and when it was started."""

    index: int
    process: Optional[subprocess.Popen] = None
    started: float = 0.0
    early_deaths: int = 0


class Supervisor:
    """Starts N workers on one port, restarts the ones that die, stops them all on a signal."""

    def __init__(self, host: str, port: int, count: int, started_at: float) -> None:
        self.host = host
        self.port = port
        self.workers = [Worker(index) for index in range(1, count + 1)]
        self.started_at = started_at
        self.stopping = False

    def command(self, worker: Worker) -> List[str]:
        """The worker's command line (settings come from the inherited environment)."""
        return [
            sys.executable, "-m", "bot.serving.workers",
            "--host", self.host, "--port", str(self.port),
            "--started-at", repr(self.started_at),
            "--index", str(worker.index), "--count", str(len(self.workers)),
        ]

    def spawn(self, worker: Worker) -> None:
        """Start (or restart) one worker process."""
        worker.process = subprocess.Popen(self.command(worker), preexec_fn=_die_with_parent)
        worker.started = time.monotonic()
        _say(f"worker {worker.index}/{len(self.workers)} started (pid {worker.process.pid})")

    def _on_signal(self, signum: int, _frame: object) -> None:
        self.stopping = True

    def run(self) -> int:
        """Supervise until a stop signal (0) or until workers keep failing to start (1 or 5)."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        for worker in self.workers:
            self.spawn(worker)
        code = 0
        while not self.stopping:
            time.sleep(0.2)
            for worker in self.workers:
                assert worker.process is not None
                status = worker.process.poll()
                if status is None or self.stopping:
                    continue
                failure = self._handle_exit(worker, status)
                if failure is not None:
                    code = failure
                    self.stopping = True
                    break
        self.stop_all()
        return code

    def _handle_exit(self, worker: Worker, status: int) -> Optional[int]:
        """Restart a dead worker; an exit code for the supervisor when it is hopeless."""
        assert worker.process is not None
        how = f"signal {-status}" if status < 0 else f"exit code {status}"
        lived = time.monotonic() - worker.started
        _say(f"worker {worker.index} (pid {worker.process.pid}) died after {lived:.0f} s ({how})")
        if status == EXIT_CANNOT_LISTEN:
            return EXIT_CANNOT_LISTEN
        worker.early_deaths = worker.early_deaths + 1 if lived < EARLY_DEATH_SECONDS else 0
        if worker.early_deaths >= MAX_EARLY_DEATHS:
            _say(f"worker {worker.index} died {MAX_EARLY_DEATHS} times right after starting; stopping")
            return 1
        # Back off a little when it keeps failing, so a crash loop does not eat the CPU.
        time.sleep(min(5.0, 0.5 * 2 ** worker.early_deaths) if worker.early_deaths else 0)
        self.spawn(worker)
        return None

    def stop_all(self) -> None:
        """SIGTERM every worker, wait for them to finish, SIGKILL stragglers."""
        alive = [w.process for w in self.workers if w.process is not None and w.process.poll() is None]
        for process in alive:
            try:
                process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in alive:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        _say("all workers stopped")


def serve_workers(config: object, started_at: float) -> int:
    """Run ``config.workers`` worker processes on ``config.host:config.port``; the exit code."""
    host, port, count = config.host, config.port, config.workers  # type: ignore[attr-defined]
    busy = port_is_free(host, port)
    if busy is not None:
        _say(f"cannot listen on {host}:{port}: {busy}")
        return EXIT_CANNOT_LISTEN
    dispose_engines()  # the start-up check's connections; the workers open their own
    _say(f"starting {count} worker processes on http://{host}:{port} (SO_REUSEPORT)")
    return Supervisor(host, port, count, started_at).run()


def worker_main(argv: Optional[List[str]] = None) -> int:
    """One worker: the web app on the shared port, its own agent (``python -m bot.serving.workers``)."""
    parser = argparse.ArgumentParser(prog="python -m bot.serving.workers")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--started-at", type=float, default=None)
    parser.add_argument("--index", type=int, default=1)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args(argv)

    # Here, not at the top: the supervisor imports this module too and never serves, so it
    # does not load the app and Rasa (seconds, and memory in every restart's parent).
    from bot import logging_setup, settings
    from bot.app import create_app
    from bot.serving import server

    config = settings.load().replace(host=args.host, port=args.port)
    logging_setup.configure(config.log_level)
    # time.monotonic() is system-wide on Linux: the supervisor's start time is comparable.
    app = create_app(config, started_at=args.started_at)
    try:
        server.run(app, host=args.host, port=args.port, reuse_port=True)
    except OSError as exc:
        _say(f"worker {args.index}: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_CANNOT_LISTEN
    # Requests are finished and the store's transactions committed. A model still loading
    # in a thread (a worker stopped right after start) would hold the interpreter's exit
    # for the whole load; nothing is left that needs a clean interpreter shutdown.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(worker_main())
