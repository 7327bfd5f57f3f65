"""`privacybot train`: train the Rasa model from the project at the repo root.

`rasa train` prints hundreds of lines: third-party deprecation warnings and a progress bar
redrawn every epoch. The console gets one line per stage (a component trained or restored
from cache, the model saved) and any error; everything rasa printed goes to
``<model dir>/train.log``, whose last lines are shown if training fails.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Iterator, List, Optional

from bot import paths
from bot.settings import REPO_ROOT, Config

NAME = "train"
HELP = "Train the Rasa model (--if-missing: only when no model is newer than the training data)."
LOG_NAME = "train.log"
TAIL_LINES = 40

_STARTED = re.compile(r"Starting to train component '([^']+)'")
_FINISHED = re.compile(r"Finished training component '([^']+)'")
_RESTORED = re.compile(r"Restored component '([^']+)' from cache")
_SAVED = re.compile(r"Your Rasa model is trained and saved at '([^']+)'")
_VALIDATING = re.compile(r"Started validating domain and training data")
_UNCHANGED = re.compile(r"Nothing changed\. You can use the old model")
_PROBLEM = re.compile(r"\b(ERROR|CRITICAL)\b|^Traceback|^\w*(Error|Exception):")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="skip training when a model newer than config, domain and data exists",
    )


def output_lines(stream: IO[bytes]) -> Iterator[str]:
    """The lines of a child's output; a progress bar's carriage-return redraws count as lines."""
    pending = b""
    for chunk in iter(lambda: stream.read1(4096), b""):  # type: ignore[attr-defined]
        pending += chunk
        *complete, pending = re.split(rb"\r\n|\r|\n", pending)
        for raw in complete:
            yield _ANSI.sub("", raw.decode("utf-8", "replace"))
    if pending:
        yield _ANSI.sub("", pending.decode("utf-8", "replace"))


class StageReporter:
    """Turns rasa's output into one console line per training stage."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.started: dict = {}
        self.tail: List[str] = []

    def say(self, text: str) -> None:
        print(f"privacybot: {text}", file=self.out, flush=True)

    def line(self, line: str) -> None:
        """Handle one line of rasa's output."""
        if not line.strip() or line.startswith("Epochs:") or "it/s]" in line or "s/it]" in line:
            return
        self.tail = (self.tail + [line])[-TAIL_LINES:]
        if _VALIDATING.search(line):
            self.say("train: checking the domain and training data")
        elif match := _STARTED.search(line):
            self.started[match.group(1)] = time.monotonic()
        elif match := _FINISHED.search(line):
            took = time.monotonic() - self.started.pop(match.group(1), time.monotonic())
            self.say(f"train: {match.group(1)} trained ({took:.0f} s)")
        elif match := _RESTORED.search(line):
            self.say(f"train: {match.group(1)} restored from cache")
        elif match := _SAVED.search(line):
            self.say(f"train: model saved at {match.group(1)}")
        elif _UNCHANGED.search(line):
            self.say("train: nothing changed; the newest model is current")
        elif _PROBLEM.search(line):
            self.say(f"train: {line.strip()}")


def train_model(model_dir: Path, out: Optional[IO[str]] = None) -> int:
    """Run `rasa train` with the project's files; returns its exit code.

    The console (``out``, default stderr) gets one line per stage; rasa's whole output is
    kept in ``model_dir/train.log``.
    """
    out = out or sys.stderr
    rasa = Path(sys.executable).with_name("rasa")
    cmd = [
        str(rasa),
        "train",
        "--config", str(paths.CONFIG_FILE),
        "--domain", str(paths.DOMAIN_FILE),
        "--data", str(paths.DATA_DIR / "nlu"), str(paths.DATA_DIR / "rules.yml"),
        "--out", str(model_dir),
    ]
    stories = paths.DATA_DIR / "stories.yml"
    if stories.exists():
        cmd.insert(cmd.index("--out"), str(stories))
    model_dir.mkdir(parents=True, exist_ok=True)
    log_file = model_dir / LOG_NAME
    # Known third-party noise (deprecations, TensorFlow's C++ logs) stays out of the log too.
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "3", "TQDM_MININTERVAL": "5"}
    reporter = StageReporter(out)
    reporter.say(f"train: training the model (full output: {log_file})")
    started = time.monotonic()
    with open(log_file, "w", encoding="utf-8") as log:
        process = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert process.stdout is not None
        for line in output_lines(process.stdout):
            log.write(line + "\n")
            reporter.line(line)
        code = process.wait()
    if code != 0:
        reporter.say(f"train: failed (exit code {code}); the last lines of {log_file}:")
        for line in reporter.tail:
            print("    " + line, file=out)
    reporter.say(f"training took {time.monotonic() - started:.0f} s")
    return code


def run(args: argparse.Namespace, config: Config) -> int:
    model_dir = Path(config.model_dir)
    if args.if_missing and paths.model_is_current(model_dir):
        print(f"privacybot: model is current: {paths.newest_model(model_dir)}", file=sys.stderr)
        return 0
    return train_model(model_dir)
