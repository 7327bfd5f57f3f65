"""`privacybot serve` as a real process for the browser tests (loopback port, its own store)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, Optional

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
NODE_MODULES = REPO_ROOT / "node_modules"


def free_port() -> int:
    """A port nobody listens on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServedBot:
    """A running `privacybot serve`; its output goes to ``log_file``."""

    def __init__(self, workdir: Path, env: Optional[Dict[str, str]] = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.store_file = workdir / "store" / "transcripts.db"
        self.log_file = workdir / "serve.log"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PRIVACYBOT_")},
            "PRIVACYBOT_DATABASE_URL": f"sqlite:///{self.store_file}",
            "PRIVACYBOT_PURGE_INTERVAL_SECONDS": "0",
            **(env or {}),
        }
        self.process: Optional[subprocess.Popen] = None
        self.started_at = 0.0
        self.ready_after: Optional[float] = None

    def start(self, timeout: float = 600) -> "ServedBot":
        """Start and wait until /health is 200 (training first, if the model is stale)."""
        privacybot = Path(sys.executable).with_name("privacybot")
        self.started_at = time.monotonic()
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen(
                [str(privacybot), "serve", "--port", str(self.port)],
                cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = self.started_at + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"privacybot serve exited with {self.process.returncode}:\n{self.output()}")
            if self.health()[0] == 200:
                self.ready_after = time.monotonic() - self.started_at
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"privacybot serve not healthy after {timeout} s:\n{self.output()}")

    def health(self) -> "tuple[int, dict]":
        """(status, body) of GET /health; (0, {}) while the port does not answer."""
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)
        except OSError:
            return 0, {}

    def output(self) -> str:
        """Everything the server printed so far (stdout and stderr)."""
        return self.log_file.read_text(encoding="utf-8", errors="replace") if self.log_file.exists() else ""

    def stop(self) -> int:
        """Stop it the way an operator would (SIGINT), and return its exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


class ThirdPartySite:
    """Another website on a loopback port (another origin) that embeds a chat client.

    A real server rather than Playwright routing: Chromium only lets pages it fetched from
    a loopback address call the loopback chat server (Local Network Access).
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.origin = f"http://localhost:{self.port}"
        self.files: Dict[str, "tuple[bytes, str]"] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                body, content_type = site.files.get(self.path.split("?")[0], (b"not found", "text/plain"))
                self.send_response(200 if self.path.split("?")[0] in site.files else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "ThirdPartySite":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
