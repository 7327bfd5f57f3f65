"""`privacybot evaluate`: run the answer-quality evaluation set against the served bot."""
from __future__ import annotations

import argparse
import json
import sys

from bot.evaluation import DEFAULT_QUESTIONS, MAX_CONCURRENCY, EvaluationError, run_evaluation
from bot.settings import Config

NAME = "evaluate"
HELP = (
    "Ask the served bot every question of the evaluation set and print accuracy per "
    "language and company, and the failures."
)


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
        "--questions",
        default=str(DEFAULT_QUESTIONS),
        help="evaluation set (default: data/evaluation/questions.yml)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--min-accuracy",
        type=_fraction,
        default=None,
        help="exit 1 when overall accuracy is below this fraction (e.g. 0.95)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=MAX_CONCURRENCY,
        help=f"questions in flight at once (1-{MAX_CONCURRENCY})",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each answer")


def run(args: argparse.Namespace, config: Config) -> int:
    url = args.url or f"http://127.0.0.1:{config.port}"
    try:
        report = run_evaluation(url, args.questions, concurrency=args.concurrency, timeout=args.timeout)
    except EvaluationError as exc:
        print(f"privacybot evaluate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{report.total} questions asked at {url} in {report.seconds:.1f} s\n")
        print(report.format_table())
        if report.failures:
            print(f"\n{len(report.failures)} failures:\n")
            print(report.format_failures())
    if args.min_accuracy is not None and report.accuracy < args.min_accuracy:
        print(
            f"privacybot evaluate: accuracy {report.accuracy:.1%} is below {args.min_accuracy:.1%}",
            file=sys.stderr,
        )
        return 1
    return 0
