"""`privacybot redact`: redact stdin line by line, one JSON object per line out."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from actions.catalogue import LANGUAGES
from bot.settings import Config

NAME = "redact"
HELP = "Redact personal data from each line on stdin; prints one JSON object per line."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the lines (default: unknown, the rules of every language are applied)",
    )
    parser.add_argument("--scores", action="store_true", help="include each finding's score")
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="instead of reading stdin, report precision/recall per type on the labelled set and, "
        "apart from it, on the held-out set",
    )
    parser.add_argument("--data", default=None, help="labelled set for --evaluate (default data/redaction/labelled.jsonl)")
    parser.add_argument("--heldout", default=None, help="held-out set for --evaluate (default data/redaction/heldout.jsonl)")


def redact_stream(source: TextIO, sink: TextIO, lang: str | None, scores: bool = False) -> int:
    """Redact every line of ``source`` to ``sink``; returns the number of lines."""
    # Here, not at the top: the CLI imports every command to build its parser, and the redactor
    # takes seconds to import.
    from redaction import redact

    count = 0
    for line in source:
        text = line[:-1] if line.endswith("\n") else line
        result = redact(text, lang)
        findings = [
            {"type": f.type, "start": f.start, "end": f.end, **({"score": round(f.score, 3)} if scores else {})}
            for f in result.findings
        ]
        sink.write(json.dumps({"text": result.text, "findings": findings}, ensure_ascii=False) + "\n")
        sink.flush()
        count += 1
    return count


def run(args: argparse.Namespace, config: Config) -> int:
    """Redact stdin to stdout, or with ``--evaluate`` report the redactor's precision and recall."""
    from bot.redaction_setup import configure_redaction  # imports the redactor: see redact_stream
    from redaction import evaluate

    try:
        configure_redaction(config)
    except ValueError as exc:
        print(f"privacybot: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "evaluate", False):
        data = Path(args.data) if args.data else evaluate.DEFAULT_SET
        heldout = Path(args.heldout) if args.heldout else evaluate.DEFAULT_HELDOUT
        return evaluate.run(data, heldout, unknown_language=False)
    redact_stream(sys.stdin, sys.stdout, args.lang, args.scores)
    return 0
