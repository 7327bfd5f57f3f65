"""Shared by every test folder: ``tests/`` is importable, so ``support`` (tests/support/) is."""
from __future__ import annotations

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
