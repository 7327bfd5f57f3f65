"""`privacybot migrate`: bring the transcript store's schema up to date (Alembic)."""
from __future__ import annotations

import argparse
import sys

from bot.settings import Config
from bot.store.database import create_store_engine, describe_url, translate_errors
from bot.store.errors import StoreUnavailable
from bot.store.migrations import current_revision, head_revision, upgrade

NAME = "migrate"
HELP = "Apply the transcript store's database migrations (alembic upgrade head); safe to rerun."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if not up to date")


def run(args: argparse.Namespace, config: Config) -> int:
    where = describe_url(config.database_url)
    try:
        engine = create_store_engine(config.database_url)
    except OSError as exc:
        print(f"privacybot migrate: cannot create {where}: {exc}", file=sys.stderr)
        return 1
    try:
        with translate_errors("migrating"):
            before = current_revision(engine)
            head = head_revision()
            if args.check:
                print(f"{where}: at {before or 'nothing'}, newest is {head}")
                return 0 if before == head else 1
            after = upgrade(engine) if before != head else before
    except StoreUnavailable as exc:
        print(f"privacybot migrate: {where}: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if before == after:
        print(f"{where}: already at revision {after}")
    else:
        print(f"{where}: migrated from {before or 'empty'} to revision {after}")
    return 0
