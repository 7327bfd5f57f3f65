"""Training time and `privacybot serve` start-up: prints the figures (targets 5 min and 30 s).

    .venv/bin/python bench/bench_startup.py [--train]

--train times `privacybot train` into a temporary model directory first (the target is at most
5 minutes on 2 cores); without it the newest model in models/ is served. Start-up is measured
from launching `privacybot serve` to the first answer on the REST webhook.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_answer(base: str, started: float, limit: float = 300) -> float:
    body = json.dumps({"sender": "bench-startup", "message": "hvor længe gemmer I chatten?", "metadata": {"company": "OK"}}).encode()
    while time.monotonic() - started < limit:
        try:
            req = urllib.request.Request(base + "/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=60) as resp:
                if resp.status == 200 and json.loads(resp.read()):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("no answer within the limit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="also time training into a temporary directory")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRIVACYBOT_")}
    env["RASA_TELEMETRY_ENABLED"] = "false"
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = str(REPO / "models")
        if args.train:
            model_dir = str(Path(tmp) / "models")
            started = time.monotonic()
            subprocess.run([str(BIN / "privacybot"), "train"], env={**env, "PRIVACYBOT_MODEL_DIR": model_dir},
                           cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"training: {time.monotonic() - started:.0f} s (target 300 s), load average {os.getloadavg()[0]:.1f}")
        port = free_port()
        env.update(PRIVACYBOT_MODEL_DIR=model_dir, PRIVACYBOT_DATABASE_URL=f"sqlite:///{tmp}/store.db",
                   PRIVACYBOT_PURGE_INTERVAL_SECONDS="0")
        started = time.monotonic()
        server = subprocess.Popen([str(BIN / "privacybot"), "serve", "--port", str(port)], env=env, cwd=REPO,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            seconds = first_answer(f"http://127.0.0.1:{port}", started)
            print(f"serve: first answer {seconds:.1f} s after start (target 30 s), load average {os.getloadavg()[0]:.1f}")
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
