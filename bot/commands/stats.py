"""`privacybot stats`: counts about the transcript store, as JSON (never content)."""
from __future__ import annotations

import argparse
import json
import sys

from bot.settings import Config
from bot.store.database import describe_url, get_engine
from bot.store.errors import StoreUnavailable
from bot.store.retention import parse_instant, utcnow
from bot.store.stats import store_stats

NAME = "stats"
HELP = (
    "Print JSON with stored conversations and events, the oldest event's age, events "
    "expiring within 7 and 30 days, and the last purges (--now: as of another instant)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--now", metavar="ISO-8601", help="evaluate expiry as of this instant (default: now)")
    parser.add_argument("--purges", type=int, default=5, help="how many recent purges to list")


def run(args: argparse.Namespace, config: Config) -> int:
    try:
        now = parse_instant(args.now) if args.now else utcnow()
    except ValueError as exc:
        print(f"privacybot stats: --now: {exc}", file=sys.stderr)
        return 2
    try:
        stats = store_stats(get_engine(config.database_url), now, purges=args.purges)
    except StoreUnavailable as exc:
        print(f"privacybot stats: {describe_url(config.database_url)}: {exc}", file=sys.stderr)
        return 1
    stats["retention_days"] = config.retention_days
    print(json.dumps(stats, indent=2))
    return 0
