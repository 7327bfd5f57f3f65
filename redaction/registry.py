"""Builds the Presidio RecognizerRegistry holding our recognizers for every language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple

from presidio_analyzer import RecognizerRegistry

from redaction.recognizers import RECOGNIZER_CLASSES
from redaction.recognizers.base import ALL_LANGUAGES, LANGUAGES

REGISTRY_LANGUAGES: Tuple[str, ...] = LANGUAGES + (ALL_LANGUAGES,)


@dataclass(frozen=True)
class RecognizerInfo:
    """What `privacybot recognizers` shows about one recognizer."""

    name: str
    entity: str
    enabled: bool
    description: str


def _summary(doc: str) -> str:
    """The first paragraph of a docstring on one line."""
    paragraph = doc.strip().split("\n\n")[0]
    return " ".join(line.strip() for line in paragraph.splitlines())


def recognizer_names() -> List[str]:
    """Names usable in PRIVACYBOT_DISABLED_RECOGNIZERS."""
    return [cls.__name__ for cls in RECOGNIZER_CLASSES]


def check_disabled(disabled: Iterable[str]) -> Tuple[str, ...]:
    """The disabled names, canonically spelt; unknown names raise ValueError."""
    by_lower = {name.lower(): name for name in recognizer_names()}
    out = []
    for raw in disabled:
        name = by_lower.get(raw.strip().lower())
        if name is None:
            raise ValueError(
                f"unknown recognizer {raw!r} in PRIVACYBOT_DISABLED_RECOGNIZERS; "
                f"known: {', '.join(recognizer_names())}"
            )
        out.append(name)
    return tuple(out)


def describe(disabled: Sequence[str] = ()) -> List[RecognizerInfo]:
    """Every recognizer with its entity type and whether it is switched on."""
    off = set(check_disabled(disabled))
    return [
        RecognizerInfo(
            name=cls.__name__,
            entity=cls.ENTITY,
            enabled=cls.__name__ not in off,
            description=_summary(cls.__doc__ or ""),
        )
        for cls in RECOGNIZER_CLASSES
    ]


def build_registry(disabled: Sequence[str] = (), languages: Sequence[str] = REGISTRY_LANGUAGES) -> RecognizerRegistry:
    """A Presidio RecognizerRegistry with one instance per recognizer and language
    (default: da, sv, en, and xx = all three for text of unknown language)."""
    off = set(check_disabled(disabled))
    registry = RecognizerRegistry(supported_languages=list(languages))
    for cls in RECOGNIZER_CLASSES:
        if cls.__name__ in off:
            continue
        for lang in languages:
            registry.add_recognizer(cls(supported_language=lang))
    return registry
