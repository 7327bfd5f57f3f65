"""Starting store worker processes for tests (same interpreter, repo and tests on the path)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def worker(*args: str, **popen_kwargs) -> subprocess.Popen:
    """Start ``store_worker.py`` with ``args``; it waits for :func:`start_together`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [p for p in (env.get("PYTHONPATH"), str(REPO), str(HERE)) if p]
    )
    return subprocess.Popen(
        [sys.executable, str(HERE / "store_worker.py"), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=str(REPO),
        env=env,
        **popen_kwargs,
    )


def start_together(processes: List[subprocess.Popen], timeout: float = 300) -> None:
    """Wait until every worker has finished importing, then let them all go at once."""
    for process in processes:
        line = process.stdout.readline()
        if line.strip() != "ready":
            process.kill()
            _, err = process.communicate(timeout=timeout)
            raise AssertionError(f"worker did not get ready:\n{line}{err[-3000:]}")
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()


def privacybot(*args: str, env_overrides: dict) -> subprocess.CompletedProcess:
    """Run the `privacybot` CLI in a subprocess with extra environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRIVACYBOT_")}
    env.update(env_overrides)
    env["PYTHONPATH"] = os.pathsep.join([p for p in (os.environ.get("PYTHONPATH"), str(REPO)) if p])
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True, text=True, cwd=str(REPO), env=env, timeout=300,
    )


def wait_all(processes: List[subprocess.Popen], timeout: float = 300) -> List[str]:
    """Wait for every process; fail with its stderr if one failed. Returns their stdout."""
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, f"worker failed ({process.returncode}):\n{err[-3000:]}"
        outputs.append(out)
    return outputs
