"""`privacybot train`: train the Rasa model from the project at the repo root."""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bot import paths
from bot.settings import REPO_ROOT, Config

NAME = "train"
HELP = "Train the Rasa model (--if-missing: only when no model is newer than the training data)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="skip training when a model newer than config, domain and data exists",
    )


def train_model(model_dir: Path) -> int:
    """Run `rasa train` with the project's files; returns its exit code."""
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
    started = time.monotonic()
    code = subprocess.call(cmd, cwd=REPO_ROOT)
    print(f"privacybot: training took {time.monotonic() - started:.0f} s", file=sys.stderr)
    return code


def run(args: argparse.Namespace, config: Config) -> int:
    model_dir = Path(config.model_dir)
    if args.if_missing and paths.model_is_current(model_dir):
        print(f"privacybot: model is current: {paths.newest_model(model_dir)}", file=sys.stderr)
        return 0
    return train_model(model_dir)
