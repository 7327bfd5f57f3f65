"""`privacybot settings`: show every setting, its current value and what it does."""
from __future__ import annotations

import argparse
import json

from bot.settings import SETTINGS, Config, markdown_table

NAME = "settings"
HELP = "List every PRIVACYBOT_* setting with its current value (--markdown: the README table)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--markdown", action="store_true", help="print the README table")


def run(args: argparse.Namespace, config: Config) -> int:
    if args.markdown:
        print(markdown_table())
        return 0
    current = config.as_dict()
    for setting in SETTINGS:
        value = current[setting.name]
        shown = ",".join(value) if isinstance(value, tuple) else value
        print(f"{setting.name}={json.dumps(shown) if isinstance(shown, str) else shown}")
        print(f"    {setting.help}")
    return 0
