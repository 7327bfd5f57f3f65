"""`privacybot recognizers`: list redaction recognizers, their entity types and state."""
from __future__ import annotations

import argparse
import json
import sys

from bot.settings import Config

NAME = "recognizers"
HELP = "List the redaction recognizers, the entity type each finds and whether it is enabled."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace, config: Config) -> int:
    """Print every recognizer with its entity type and whether the setting switches it off."""
    # Here, not at the top: the CLI imports every command to build its parser, and the
    # recognizers import Presidio (seconds).
    from redaction.registry import describe

    try:
        infos = describe(config.disabled_recognizers)
    except ValueError as exc:
        print(f"privacybot: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([info.__dict__ for info in infos], indent=2))
        return 0
    width = max(len(i.name) for i in infos)
    ent_width = max(len(i.entity) for i in infos)
    print(f"{'NAME':<{width}}  {'ENTITY':<{ent_width}}  ENABLED  DESCRIPTION")
    for info in infos:
        state = "yes" if info.enabled else "no"
        print(f"{info.name:<{width}}  {info.entity:<{ent_width}}  {state:<7}  {info.description}")
    print("\nSwitch one off with PRIVACYBOT_DISABLED_RECOGNIZERS=Name1,Name2 (languages: da, sv, en).")
    return 0
