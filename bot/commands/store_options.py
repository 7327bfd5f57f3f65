"""What the commands that read the store share (purge, stats, export): ``--now`` and store failures."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Optional

from bot.settings import Config
from bot.store.database import describe_url
from bot.store.errors import StoreUnavailable
from bot.store.retention import parse_instant, utcnow

NOW_HELP = "evaluate expiry as of this instant, e.g. 2026-06-01T00:00:00Z (default: now)"


def add_now_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--now ISO-8601`` option."""
    parser.add_argument("--now", metavar="ISO-8601", help=NOW_HELP)


def now_from(args: argparse.Namespace, command: str) -> Optional[datetime]:
    """``--now`` as a UTC instant (the current time without it); None, said on stderr, when malformed."""
    try:
        return parse_instant(args.now) if args.now else utcnow()
    except ValueError as exc:
        print(f"privacybot {command}: --now: {exc}", file=sys.stderr)
        return None


def store_failed(command: str, config: Config, error: StoreUnavailable) -> int:
    """Say which store failed (its address without the password) and return exit code 1."""
    print(f"privacybot {command}: {describe_url(config.database_url)}: {error}", file=sys.stderr)
    return 1
