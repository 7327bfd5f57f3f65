"""The one AnalyzerEngine of the process: built lazily, once, thread-safely.

What it is built with is injected by the application (:func:`configure`, called at start-up with
the settings and the languages the assistant serves), never read from the application's settings
here: redaction is used by ``bot``, not the reverse. Without a call, every recognizer is on for
every language redaction has recognizers for.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from presidio_analyzer import AnalyzerEngine

from redaction.allow_list import inside_allowed_address, inside_machine_token, is_allowed
from redaction.offline import offline_tld_extractor
from redaction.pipelines import create_nlp_engine
from redaction.recognizers.base import ALL_LANGUAGES, LANGUAGES
from redaction.registry import build_registry, check_disabled
from redaction.result import Finding

logger = logging.getLogger(__name__)

SCORE_THRESHOLD = 0.5
# When two valid readings of the same digits tie (a CPR number that is also a valid
# personnummer) and no context word decides, Danish text reads it as CPR; otherwise
# the Swedish reading wins, because every personnummer passes Luhn and only one CPR
# number in ten does, so a Luhn-valid 10-digit number is more likely Swedish.
_SWEDISH = ("SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER")
_PREFERRED = {"da": ("DK_CPR",), "sv": _SWEDISH, "en": _SWEDISH, "": _SWEDISH}
# Other ties: a number whose checksum/date was validated beats a format-only guess.
_PRIORITY = {t: i for i, t in enumerate(reversed((
    "DK_CPR", "SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER", "CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS",
    "IP_ADDRESS", "PHONE_NUMBER", "DK_BANK_ACCOUNT", "DK_LICENCE_PLATE", "SE_LICENCE_PLATE",
)))}
_LANGUAGE_ALIASES = {
    "da": "da", "dan": "da", "danish": "da", "dansk": "da",
    "sv": "sv", "swe": "sv", "swedish": "sv", "svenska": "sv", "se": "sv",
    "en": "en", "eng": "en", "english": "en",
}
_WARM_UP_TEXT = (
    "Ring på +45 20 30 40 50, 070-123 45 67 eller +44 20 7946 0958; mail mette@example.dk, "
    "cpr 010203-1234, reg.nr. 1234 kontonr. 1234567890, IP 192.0.2.1, jeg hedder Mette og har diabetes."
)


class _QuietPresidio(logging.Filter):
    """Presidio's debug/info records can quote message words ("Context list is: ...");
    they must never reach a log, whatever level the application sets."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


for _name in ("presidio-analyzer", "decision_process"):
    logging.getLogger(_name).addFilter(_QuietPresidio())


def language_code(lang: Optional[str]) -> Optional[str]:
    """"da"/"sv"/"en" for a language name or tag ("da-DK", "Swedish"); None if unknown."""
    if not lang:
        return None
    key = lang.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_ALIASES.get(key) or _LANGUAGE_ALIASES.get(lang.strip().lower())


@dataclass(frozen=True)
class Configuration:
    """What the engine is built with (see :func:`configure`)."""

    disabled_recognizers: Tuple[str, ...] = ()
    languages: Tuple[str, ...] = LANGUAGES


class RedactionEngine:
    """Presidio AnalyzerEngine over our registry and the offline blank pipelines."""

    def __init__(self, configuration: Configuration = Configuration()) -> None:
        offline_tld_extractor()
        self.configuration = configuration
        # Each served language, and "xx" (the rules of all of them) for text of unknown language.
        analysed = configuration.languages + (ALL_LANGUAGES,)
        self.analyzer = AnalyzerEngine(
            registry=build_registry(configuration.disabled_recognizers, analysed),
            nlp_engine=create_nlp_engine(analysed),
            supported_languages=list(analysed),
            default_score_threshold=SCORE_THRESHOLD,
        )
        for lang in analysed:
            self.analyzer.analyze(_WARM_UP_TEXT, language=lang)  # loads phone metadata, suffix list

    def find(self, text: str, lang: Optional[str]) -> List[Finding]:
        """Non-overlapping findings in ``text`` (already folded), allow-list applied.

        A language the engine is not configured for counts as unknown (every language's rules).
        """
        if lang not in self.configuration.languages:
            lang = None
        analysed = lang or ALL_LANGUAGES
        results = self.analyzer.analyze(text, language=analysed, score_threshold=SCORE_THRESHOLD)
        preferred = _PREFERRED.get(lang or "", ())
        candidates: List[Tuple[float, int, int, int, Finding]] = []
        for r in results:
            if r.score < SCORE_THRESHOLD or is_allowed(r.entity_type, text[r.start : r.end]):
                continue
            if inside_machine_token(text, r.start, r.end) or inside_allowed_address(text, r.start, r.end):
                continue
            finding = Finding(r.entity_type, r.start, r.end, round(float(r.score), 4))
            candidates.append(
                (r.score, 1 if r.entity_type in preferred else 0, _PRIORITY.get(r.entity_type, -1), r.end - r.start, finding)
            )
        # Highest score; then the longer span (an IBAN holding a card-like run of digits);
        # then the language's preferred reading; then validated identifiers over guesses.
        candidates.sort(key=lambda c: (-round(c[0], 4), -c[3], -c[1], -c[2], c[4].start))
        chosen: List[Finding] = []
        overlapping: List[Finding] = []
        for *_, finding in candidates:
            if all(finding.end <= f.start or finding.start >= f.end for f in chosen):
                chosen.append(finding)
            else:
                overlapping.append(finding)
        return _cover(chosen, overlapping)


def _cover(chosen: List[Finding], overlapping: List[Finding]) -> List[Finding]:
    """Fail closed: a losing reading that sticks out of the winner widens it, so no
    character any recognizer found survives (the winner keeps its label)."""
    chosen.sort(key=lambda f: f.start)
    for loser in overlapping:
        for i, f in enumerate(chosen):
            if loser.start < f.end and f.start < loser.end and (loser.start < f.start or loser.end > f.end):
                chosen[i] = Finding(f.type, min(f.start, loser.start), max(f.end, loser.end), f.score)
    merged: List[Finding] = []
    for f in chosen:
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            keep = last if last.score >= f.score else f
            merged[-1] = Finding(keep.type, last.start, max(last.end, f.end), keep.score)
        else:
            merged.append(f)
    return merged


_LOCK = threading.Lock()
_ENGINE: Optional[RedactionEngine] = None
_CONFIGURATION = Configuration()


def configure(disabled_recognizers: Sequence[str] = (), languages: Optional[Sequence[str]] = None) -> None:
    """Set what the engine is built with; the application calls this at start-up.

    ``disabled_recognizers``: recognizer names to switch off (case does not matter).
    ``languages``: the languages the application serves (None: every language redaction
    has recognizers for); text in any other language gets every language's rules.
    Unknown names and languages without recognizers raise ValueError now, not at the
    first message. The engine is rebuilt on next use unless nothing changed.
    """
    global _ENGINE, _CONFIGURATION
    if languages is None:
        served = LANGUAGES
    else:
        lacking = [lang for lang in languages if lang not in LANGUAGES]
        if lacking:
            raise ValueError(
                f"redaction has no recognizers for language {', '.join(map(repr, lacking))}; "
                f"it has: {', '.join(LANGUAGES)}"
            )
        # In redaction's order, so that equal configurations compare equal.
        served = tuple(lang for lang in LANGUAGES if lang in languages)
    configuration = Configuration(tuple(sorted(set(check_disabled(disabled_recognizers)))), served)
    with _LOCK:
        _CONFIGURATION = configuration
        if _ENGINE is not None and _ENGINE.configuration != configuration:
            _ENGINE = None


def get_engine() -> RedactionEngine:
    """The process-wide engine, built on first use (a few seconds) and then reused."""
    global _ENGINE
    engine = _ENGINE
    if engine is not None:
        return engine
    with _LOCK:
        if _ENGINE is None:
            _ENGINE = RedactionEngine(_CONFIGURATION)
            logger.info(
                "redaction engine ready (%s; %d recognizers disabled)",
                ", ".join(_CONFIGURATION.languages), len(_CONFIGURATION.disabled_recognizers),
            )
        return _ENGINE
