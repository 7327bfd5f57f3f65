"""`privacybot serve` as an operator runs it: start-up time, start-up errors, and logs
that never carry a message's text, at DEBUG, on stdout and stderr alike."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support.web_app import store_bytes
from support.socketio_client import Visitor
from support.synthetic import digits_only, synthetic_cpr, synthetic_personnummer

REPO_ROOT = Path(__file__).resolve().parents[3]
PRIVACYBOT = str(Path(sys.executable).with_name("privacybot"))
# A liveness bound, not a speed target: bench/bench_startup.py measures start-up (target 30 s).
START_LIMIT_SECONDS = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**values: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRIVACYBOT_")}
    env.update(values)
    return env


def http(method: str, url: str, body: object = None, headers: dict = None) -> "tuple[int, str]":
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def test_unreachable_database_is_one_readable_line_and_a_failure_exit(tmp_path) -> None:
    port = free_port()
    result = subprocess.run(
        [PRIVACYBOT, "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=clean_env(PRIVACYBOT_DATABASE_URL=f"postgresql://nobody@127.0.0.1:{free_port()}/gone"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith("privacybot:")]
    assert len(errors) == 1, output  # one readable line says what is wrong ...
    assert errors[0].startswith("privacybot: cannot use the transcript store at postgresql://nobody@127.0.0.1")
    assert "refused" in errors[0] or "could not connect" in errors[0]
    assert "Traceback" not in output  # ... and no traceback buries it
    assert http("GET", f"http://127.0.0.1:{port}/health")[0] == 0  # it never listened


@pytest.mark.model
@pytest.mark.slow
def test_serve_answers_and_logs_no_message_text(tmp_path, model_dir) -> None:
    from bot import paths

    if not paths.model_is_current(model_dir):  # serve would train first; that is not what is timed
        from bot.commands.train import train_model

        assert train_model(model_dir) == 0
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    store_file = tmp_path / "store" / "transcripts.db"
    log_file = tmp_path / "serve.log"
    env = clean_env(
        PRIVACYBOT_DATABASE_URL=f"sqlite:///{store_file}",
        PRIVACYBOT_MODEL_DIR=str(model_dir),
        PRIVACYBOT_LOG_LEVEL="DEBUG",
        PRIVACYBOT_PURGE_INTERVAL_SECONDS="0",
    )
    started = time.monotonic()
    with open(log_file, "wb") as log:
        process = subprocess.Popen([PRIVACYBOT, "serve", "--port", str(port)], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        first_answer = None
        while time.monotonic() - started < START_LIMIT_SECONDS and first_answer is None:
            assert process.poll() is None, log_file.read_text()
            status, body = http("POST", base + "/webhooks/rest/webhook", {"sender": "startup-probe", "message": "hej"})
            if status == 200 and json.loads(body):
                first_answer = time.monotonic() - started
            else:
                time.sleep(0.25)
        assert first_answer is not None, log_file.read_text()
        assert http("GET", base + "/health")[0] == 200

        cpr, personnummer = synthetic_cpr(31), synthetic_personnummer(31)
        marker = "zebrafiskeslottet"  # not personal data: must not be logged either
        secret_texts = [cpr, personnummer, digits_only(cpr), digits_only(personnummer), marker]
        status, body = http(
            "POST", base + "/webhooks/rest/webhook",
            {"sender": "log-test", "message": f"{marker} mit cpr er {cpr}", "metadata": {"company": "OK", "lang": "da"}},
        )
        assert status == 200 and "<DK_CPR>" in body
        status, body = http("POST", base + "/api/conversations", {})
        conversation = json.loads(body)
        status, body = http(
            "POST", f"{base}/api/conversations/{conversation['id']}/messages",
            {"message": f"{marker} mitt personnummer är {personnummer}", "metadata": {"company": "OJCO"}},
            {"Authorization": f"Bearer {conversation['secret']}"},
        )
        assert status == 200 and "<SE_PERSONNUMMER>" in body
        asyncio.run(_socketio_message(base, f"{marker} cpr {cpr}"))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    output = log_file.read_text(encoding="utf-8", errors="replace")
    assert "model loaded" in output  # the log was written, at DEBUG
    for text in secret_texts:
        assert text not in output, f"{text!r} appeared in the server's output"
    stored = store_bytes(store_file)
    for text in secret_texts[:4]:
        assert text.encode() not in stored
    assert conversation["secret"] not in output and conversation["secret"].encode() not in stored


async def _socketio_message(base: str, text: str) -> None:
    visitor = Visitor(base, {"customData": {"company": "OK"}})
    await visitor.open()
    await visitor.say(text)
    await visitor.replies(at_least=1, timeout=30)
    await visitor.close()
