"""The `privacybot` command line: one sub-command per module in :mod:`bot.commands`."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import List, Optional

from bot import settings as settings_module
from bot.commands import COMMAND_MODULES


def build_parser() -> argparse.ArgumentParser:
    """The parser with every registered command, in the order of COMMAND_MODULES."""
    parser = argparse.ArgumentParser(
        prog="privacybot",
        description="Privacy-policy assistant for OK a.m.b.a. and OJCO AB. "
        "Settings come from PRIVACYBOT_* environment variables (`privacybot settings`).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(f"bot.commands.{module_name}")
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of the `privacybot` console script; returns the exit code."""
    # Rasa's telemetry would try to reach the internet from every rasa command we run.
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = settings_module.load()
    except settings_module.SettingError as exc:
        print(f"privacybot: configuration error: {exc}", file=sys.stderr)
        return 2
    return int(args._run(args, config) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
