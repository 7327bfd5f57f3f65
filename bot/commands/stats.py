"""`privacybot stats`: counts about the transcript store, as JSON (never content)."""
from __future__ import annotations

import argparse
import json

from bot.commands.store_options import add_now_argument, now_from, store_failed
from bot.settings import Config
from bot.store.database import get_engine
from bot.store.errors import StoreUnavailable
from bot.store.stats import store_stats

NAME = "stats"
HELP = (
    "Print JSON with stored conversations and events, the oldest event's age, events "
    "expiring within 7 and 30 days, and the last purges (--now: as of another instant)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_now_argument(parser)
    parser.add_argument("--purges", type=int, default=5, help="how many recent purges to list")


def run(args: argparse.Namespace, config: Config) -> int:
    """Print the store's counts as JSON."""
    now = now_from(args, NAME)
    if now is None:
        return 2
    try:
        stats = store_stats(get_engine(config.database_url), now, purges=args.purges)
    except StoreUnavailable as exc:
        return store_failed(NAME, config, exc)
    stats["retention_days"] = config.retention_days
    print(json.dumps(stats, indent=2))
    return 0
