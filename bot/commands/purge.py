"""`privacybot purge`: delete expired chat messages now (the server also does it hourly)."""
from __future__ import annotations

import argparse
import json
import sys

from bot.commands.store_options import add_now_argument, now_from, store_failed
from bot.settings import Config
from bot.store.database import get_engine
from bot.store.errors import PurgeAlreadyRunning, StoreUnavailable
from bot.store.purge import purge

NAME = "purge"
HELP = (
    "Delete every stored chat event past its retention period and conversations left empty "
    "(--dry-run: only count; --now: evaluate expiry as of another instant)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    add_now_argument(parser)
    parser.add_argument("--batch-size", type=int, default=None, help="events per transaction")
    parser.add_argument("--wait", action="store_true", help="wait for a running purge instead of failing")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, config: Config) -> int:
    """Purge (or with ``--dry-run`` count) the expired events; prints what was done."""
    now = now_from(args, NAME)
    if now is None:
        return 2
    batch_size = args.batch_size or config.purge_batch_size
    try:
        result = purge(
            get_engine(config.database_url),
            now,
            batch_size,
            dry_run=args.dry_run,
            wait_for_lock=args.wait,
            retention_days=config.retention_days,
        )
    except PurgeAlreadyRunning as exc:
        print(f"privacybot purge: {exc} (or pass --wait)", file=sys.stderr)
        return 3
    except StoreUnavailable as exc:
        return store_failed(NAME, config, exc)
    if args.json:
        print(json.dumps(result.as_dict()))
        return 0
    verb = "Would delete" if result.dry_run else "Deleted"
    print(
        f"{verb} {result.events_deleted} expired events and {result.conversations_deleted} "
        f"empty conversations (expired as of {result.cutoff.isoformat()}; "
        f"{result.duration_seconds:.1f} s)."
    )
    return 0
