"""The companies and languages the assistant serves, declared once: read from the knowledge base.

``data/knowledge_base.yml`` names the languages (``languages:``) and the companies (``companies:``)
every answer is written for. Everything else that needs those lists (the actions, the server's
request validation, the widget, the evaluation, the training-data generator) imports them from
here, so adding a language or a company is an edit of the knowledge base, not a hunt.

Dependency-free on purpose (the standard library and PyYAML only): ``actions/`` must not import
``bot``, and ``bot`` may import this without pulling in the actions' answer code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping, Tuple

import yaml

KNOWLEDGE_BASE = Path(__file__).resolve().parent.parent / "data" / "knowledge_base.yml"


@dataclass(frozen=True)
class Company:
    """One company the assistant answers for."""

    id: str  # "OK", "OJCO": the id pages send as metadata and the knowledge base keys by
    display_name: str  # "OK a.m.b.a."
    short_name: str  # "OK"
    policy_language: str  # the language its policy is written in; also the page default


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the C loader where PyYAML has it (0.01 s instead of 0.2 s for the
    knowledge base, which is read at every start-up: here and by actions/knowledge_base.py)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def _declared() -> Tuple[Tuple[str, ...], Tuple[Company, ...]]:
    raw: Mapping[str, Any] = parse_yaml(KNOWLEDGE_BASE.read_text(encoding="utf-8"))
    languages = tuple(str(lang) for lang in raw["languages"])
    companies = tuple(
        Company(
            id=str(cid),
            display_name=str(entry["display_name"]),
            short_name=str(entry["short_name"]),
            policy_language=str(entry["policy_language"]),
        )
        for cid, entry in raw["companies"].items()
    )
    return languages, companies


LANGUAGES: Tuple[str, ...] = _declared()[0]
"""Languages every answer exists in, in the knowledge base's order ("da", "sv", "en")."""

COMPANIES: Tuple[str, ...] = tuple(c.id for c in _declared()[1])
"""Company ids, in the knowledge base's order ("OK", "OJCO")."""

COMPANY: Dict[str, Company] = {c.id: c for c in _declared()[1]}
"""Company id -> :class:`Company`."""


def display_names() -> Dict[str, str]:
    """Company id -> display name ("OK" -> "OK a.m.b.a.")."""
    return {cid: c.display_name for cid, c in COMPANY.items()}


def policy_languages() -> Dict[str, str]:
    """Company id -> the language its policy is written in ("OK" -> "da")."""
    return {cid: c.policy_language for cid, c in COMPANY.items()}
