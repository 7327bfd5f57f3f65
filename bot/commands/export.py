"""`privacybot export`: redacted, unexpired conversations as training data (jsonl or Rasa YAML)."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Optional

from bot.commands.store_options import add_now_argument, now_from, store_failed
from bot.settings import Config
from bot.store.database import get_engine
from bot.store.errors import StoreUnavailable

NAME = "export"
HELP = (
    "Write the stored (redacted) unexpired conversations of customers who did not opt out "
    "as training data: --format jsonl (one conversation per line) or rasa (NLU examples "
    "by predicted intent). Every message is scanned again; hits are left out and counted."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE", help="file to write (never overwritten without --force)")
    parser.add_argument("--format", required=True, choices=("jsonl", "rasa"), help="output format")
    parser.add_argument(
        "--since", metavar="DATE", help="only messages collected at or after this date (YYYY-MM-DD, UTC) or instant"
    )
    add_now_argument(parser)
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--review-below",
        type=float,
        default=None,
        metavar="CONFIDENCE",
        help="rasa: mark examples predicted with a lower confidence for review (default 0.5)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def _fail(message: str, code: int) -> int:
    print(f"privacybot export: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace, config: Config) -> int:
    # Here, not at the top: the CLI imports every command to build its parser, and bot.export
    # and bot.redaction_setup import the redactor (seconds), which only `export` needs.
    from bot.export import Export
    from bot.export.progress import ProgressBar
    from bot.export.rasa_format import REVIEW_BELOW
    from bot.export.safe_path import OutputExists, UnsafeOutputPath, atomic_output, preflight
    from bot.export.stream import parse_since
    from bot.redaction_setup import configure_redaction

    try:
        configure_redaction(config)  # the second scan redacts with the configured recognizers
    except ValueError as exc:
        return _fail(f"configuration error: {exc}", 2)
    now = now_from(args, NAME)
    if now is None:
        return 2
    since: Optional[datetime] = None
    if args.since:
        try:
            since = parse_since(args.since)
        except ValueError as exc:
            return _fail(f"--since: {exc}", 2)
    review_below = REVIEW_BELOW if args.review_below is None else args.review_below
    if not 0.0 <= review_below <= 1.0:
        return _fail("--review-below: give a confidence between 0 and 1", 2)
    try:
        preflight(args.out, args.force)
    except (UnsafeOutputPath, OutputExists) as exc:
        return _fail(str(exc), 2)

    progress = ProgressBar("conversations" if args.format == "jsonl" else "messages")
    try:
        engine = get_engine(config.database_url)
        export = Export(engine, args.format, now, since, review_below=review_below, on_progress=progress)
        with atomic_output(args.out, force=args.force) as handle:
            for chunk in export.chunks():
                handle.write(chunk)
    except (UnsafeOutputPath, OutputExists) as exc:
        progress.finish()
        return _fail(str(exc), 2)
    except StoreUnavailable as exc:
        progress.finish()
        return store_failed(NAME, config, exc)
    except KeyboardInterrupt:
        progress.finish()
        return _fail(f"interrupted; {args.out} was not written", 130)
    progress.finish()
    if args.json:
        print(json.dumps(export.summary.as_dict()))
    else:
        print(f"Wrote {args.out} ({args.format}).")
        print("\n".join(export.summary.lines()))
    return 0
