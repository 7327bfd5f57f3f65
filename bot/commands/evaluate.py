"""`privacybot evaluate`: run the answer-quality evaluation sets against the served bot.

By default the held-out sets (single questions and conversations, never tuned on); `--set tuning`
runs the sets the developers iterate on instead, reported under their own heading. `--questions`
or `--conversations` run just the files named.
"""
from __future__ import annotations

import argparse
import json
import sys

from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from bot.evaluation import (
    DEFAULT_QUESTIONS,
    DEV_CONVERSATIONS,
    HELDOUT_CONVERSATIONS,
    HELDOUT_QUESTIONS,
    MAX_CONCURRENCY,
    ROUND1_CONVERSATIONS,
    ROUND1_QUESTIONS,
    ROUND2_CONVERSATIONS,
    ROUND2_QUESTIONS,
    EvaluationError,
    run_conversations,
    run_evaluation,
)
from bot.settings import Config

NAME = "evaluate"
HELP = (
    "Ask the served bot the held-out questions and conversations (or --set tuning) and print "
    "accuracy per language, company and kind, and the failures."
)


# --set NAME: (questions, conversations)
SETS = {
    "heldout": (HELDOUT_QUESTIONS, HELDOUT_CONVERSATIONS),
    "tuning": (DEFAULT_QUESTIONS, DEV_CONVERSATIONS),
    # Round 1's held-out sets, read while tuning in round 1: tuning sets now, reported as such.
    "round1": (ROUND1_QUESTIONS, ROUND1_CONVERSATIONS),
    # Round 2's development sets, written independently from the policies for tuning.
    "round2": (ROUND2_QUESTIONS, ROUND2_CONVERSATIONS),
}


def _fraction(raw: str) -> float:
    value = float(raw)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("expected a number between 0 and 1, e.g. 0.95")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        default=None,
        help="base URL of the running bot (default: http://127.0.0.1:PRIVACYBOT_PORT)",
    )
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="heldout",
        help="heldout (default: data/evaluation/heldout/, never tuned on), tuning "
        "(data/evaluation/questions.yml and dev/conversations.yml, the sets developers iterate on) or "
        "round1 (dev/round1_*.yml: round 1's held-out sets, tuning sets since their failures were read) or "
        "round2 (dev/round2_*.yml: independent development sets written for round 2)",
    )
    parser.add_argument("--questions", default=None, help="a questions file to run instead of --set")
    parser.add_argument("--conversations", default=None, help="a conversations file to run instead of --set")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--failures",
        action="store_true",
        help="list the held-out set's failures too (off by default: whoever reads them can no longer "
        "tune without contaminating the set; tuning sets always list theirs)",
    )
    parser.add_argument(
        "--min-accuracy",
        type=_fraction,
        default=None,
        help="exit 1 when question accuracy or turn accuracy is below this fraction (e.g. 0.95)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=MAX_CONCURRENCY,
        help=f"questions in flight at once (1-{MAX_CONCURRENCY})",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each answer")


def _plan(args: argparse.Namespace) -> Tuple[str, Optional[Path], Optional[Path]]:
    """(heading, questions file, conversations file) to run."""
    if args.questions or args.conversations:
        return "given", _opt(args.questions), _opt(args.conversations)
    questions, conversations = SETS[args.set]
    return args.set, questions, (conversations if conversations.exists() else None)


def _drop_failures(results: Dict[str, Any]) -> None:
    """Remove the failure lists from the JSON summary (the held-out set's, unless --failures)."""
    results.get("questions", {}).pop("failures", None)
    results.get("conversations", {}).get("turns", {}).pop("failures", None)


def _opt(raw: Optional[str]) -> Optional[Path]:
    return Path(raw) if raw else None


def run(args: argparse.Namespace, config: Config) -> int:
    url = args.url or f"http://127.0.0.1:{config.port}"
    heading, questions, conversations = _plan(args)
    label = {
        "heldout": "held-out ", "tuning": "tuning (not a result) ", "round1": "round-1 held-out, now tuning (not a result) ",
        "round2": "round-2 development (not a result) ",
        "given": "",
    }[heading]
    # Reading a held-out set's failures turns it into a tuning set: they are listed only on request.
    show_failures = args.failures or heading != "heldout"
    results: Dict[str, Any] = {}
    accuracies: List[Tuple[str, float]] = []
    try:
        if questions is not None:
            report = run_evaluation(url, questions, concurrency=args.concurrency, timeout=args.timeout)
            results["questions"] = report.as_dict()
            accuracies.append(("question accuracy", report.accuracy))
            if not args.json:
                print(f"{label}questions: {report.total} asked at {url} in {report.seconds:.1f} s ({questions})\n")
                print(report.format_table())
                print(f"answers naming or carrying the other company's facts: {len(report.leaks)}")
                if report.failures and show_failures:
                    print(f"\n{len(report.failures)} failures:\n")
                    print(report.format_failures())
        if conversations is not None:
            conv = run_conversations(url, conversations, concurrency=args.concurrency, timeout=args.timeout)
            results["conversations"] = conv.as_dict()
            accuracies.append(("turn accuracy", conv.turns.accuracy))
            if not args.json:
                if questions is not None:
                    print()
                print(
                    f"{label}conversations: {conv.total} ({conv.turns.total} turns) at {url} "
                    f"in {conv.seconds:.1f} s ({conversations})\n"
                )
                print(conv.format_table())
                print(f"turns naming or carrying the other company's facts: {len(conv.turns.leaks)}")
                failed = conv.total - conv.fully_right
                if failed and show_failures:
                    print(f"\n{failed} conversations with failures:\n")
                    print(conv.format_failures())
    except EvaluationError as exc:
        print(f"privacybot evaluate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        if not show_failures:
            _drop_failures(results)
        print(json.dumps({"set": heading, **results}, ensure_ascii=False, indent=2))
    status = 0
    for name, accuracy in accuracies:
        if args.min_accuracy is not None and accuracy < args.min_accuracy:
            print(f"privacybot evaluate: {name} {accuracy:.1%} is below {args.min_accuracy:.1%}", file=sys.stderr)
            status = 1
    return status
