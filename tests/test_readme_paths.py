"""Every file and folder README.md's "Where things are" names exists (a reader follows them),
and every test file the code names."""
from __future__ import annotations

import re
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[1]


def where_things_are() -> str:
    """The text of the README section, up to the next heading of the same level."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Where things are")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def named_paths(section: str) -> List[str]:
    """The `code` spans that are paths (hold a slash), e.g. `bot/web/auth.py`, `docs/`."""
    return [span for span in re.findall(r"`([^`\s]+)`", section) if "/" in span]


def test_the_section_names_paths() -> None:
    assert len(named_paths(where_things_are())) >= 10


def test_every_path_it_names_exists() -> None:
    missing = [p for p in named_paths(where_things_are()) if not (ROOT / p).exists()]
    assert missing == []


def test_every_test_file_the_code_names_exists() -> None:
    """Docstrings say which test guards them (``tests/bot/store/test_store_migrations.py``); it must exist."""
    named = {
        match
        for package in ("bot", "actions", "redaction")
        for path in (ROOT / package).rglob("*.py")
        for match in re.findall(r"tests/[\w/]+\.py", path.read_text(encoding="utf-8"))
    }
    assert named, "the code names its tests"
    assert sorted(p for p in named if not (ROOT / p).exists()) == []
