"""Time per message of the understanding step: NLU parse + next-action selection (no action run).

    .venv/bin/python bench/bench_understanding.py [--model models/X.tar.gz] [--rounds 2]

Loads the newest model in models/ (or --model), then for every question of
data/evaluation/questions.yml parses the text with the model's NLU pipeline and asks the
dialogue policies for the next action on a fresh tracker holding that one user turn. Prints
mean, median and 95th percentile in milliseconds. Nothing here runs the custom actions, the
web server or the store: it isolates what the model costs per message.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import List

import yaml

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "data" / "evaluation" / "questions.yml"


def newest_model(model_dir: Path) -> Path:
    """The most recently written model archive in ``model_dir``."""
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        sys.exit(f"no model in {model_dir}; train first")
    return models[-1]


def texts() -> List[str]:
    """The evaluation questions' texts."""
    return [q["text"] for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]]


async def measure(model: Path, rounds: int) -> List[float]:
    """Seconds per message for parse + action prediction, over ``rounds`` passes of the questions."""
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    agent = await load_agent(model_path=str(model))
    processor = agent.processor
    slots = processor.domain.slots

    async def one(text: str, sender: str) -> None:
        tracker = DialogueStateTracker(sender, slots)
        parse = await processor.parse_message(UserMessage(text, sender_id=sender), tracker)
        tracker.update(UserUttered(text, parse["intent"], parse["entities"], parse))
        processor.predict_next_with_tracker(tracker)

    items = texts()
    for text in items[:20]:  # warm-up: first calls build TensorFlow graphs
        await one(text, "warm")
    times: List[float] = []
    for r in range(rounds):
        for i, text in enumerate(items):
            started = time.perf_counter()
            await one(text, f"bench-{r}-{i}")
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    """Parse arguments, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model archive (default: newest in models/)")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the questions")
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    model = args.model or newest_model(Path(os.environ.get("PRIVACYBOT_MODEL_DIR", REPO / "models")))
    times = asyncio.run(measure(model, args.rounds))
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    print(f"model: {model.name}")
    print(f"messages: {len(ms)}  load average: {os.getloadavg()[0]:.1f}")
    print(f"understanding per message: mean {statistics.mean(ms):.1f} ms, "
          f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
