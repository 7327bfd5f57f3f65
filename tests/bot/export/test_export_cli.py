"""`privacybot export` as a user runs it: progress bar on a terminal only, summary, errors."""
from __future__ import annotations

import os
import pty
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.database import dispose_engine, get_engine
from export_scenario import build

PRIVACYBOT = str(Path(sys.executable).with_name("privacybot"))
NOW = "2026-03-01T12:00:00Z"


@pytest.fixture
def filled_store(tmp_path, clock):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    build(get_engine(url), clock.now)
    dispose_engine(url)
    return url


def run_export(url: str, out: Path, stderr_tty: bool) -> "tuple[int, str, str]":
    env = {**os.environ, "PRIVACYBOT_DATABASE_URL": url}
    args = [PRIVACYBOT, "export", "--out", str(out), "--format", "jsonl", "--now", NOW]
    if not stderr_tty:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
        return done.returncode, done.stdout, done.stderr
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=child_fd, text=True)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    stdout = process.stdout.read()
    process.wait(timeout=300)
    os.close(main_fd)
    return process.returncode, stdout, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_a_terminal_gets_a_progress_bar_and_everyone_a_summary(filled_store, tmp_path) -> None:
    code, stdout, stderr = run_export(filled_store, tmp_path / "a.jsonl", stderr_tty=True)
    assert code == 0, stderr
    assert "\r[" in stderr and "100.0% 4/4 conversations" in stderr
    assert "Exported 9 messages from 4 conversations" in stdout
    assert "expired, awaiting purge: 3 messages" in stdout
    assert "customer opted out of training: 1 conversations (1 messages)" in stdout
    assert "second scan: 2 messages (DK_CPR 1, EMAIL_ADDRESS 1)" in stdout


@pytest.mark.slow
def test_without_a_terminal_there_is_no_progress_bar(filled_store, tmp_path) -> None:
    code, stdout, stderr = run_export(filled_store, tmp_path / "b.jsonl", stderr_tty=False)
    assert code == 0, stderr
    assert "\r" not in stderr and "%" not in stderr
    assert "Exported 9 messages" in stdout


@pytest.mark.parametrize(
    "args, complaint",
    [
        (["--now", "2026-03-01T12:00:00"], "--now"),  # no time zone
        (["--since", "yesterday"], "--since"),
        (["--review-below", "1.5"], "--review-below"),
    ],
)
def test_bad_arguments_are_explained(filled_store, tmp_path, monkeypatch, capsys, args, complaint) -> None:
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", filled_store)
    out = tmp_path / "c.yml"
    assert main(["export", "--out", str(out), "--format", "rasa", *args]) == 2
    assert complaint in capsys.readouterr().err
    assert not out.exists()


def test_an_unreachable_store_writes_nothing(tmp_path, monkeypatch, capsys) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", f"postgresql://postgres@127.0.0.1:{port}/test")
    out = tmp_path / "d.jsonl"
    assert main(["export", "--out", str(out), "--format", "jsonl"]) == 1
    assert "transcript store unavailable" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
