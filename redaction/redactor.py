"""redact() and redact_structure(): what the server, the store and the export call."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Tuple

from redaction.engine import get_engine, language_code
from redaction.normalize import normalise
from redaction.result import Finding, PathPart, RedactionResult


def placeholder(entity_type: str) -> str:
    """The text that replaces a finding, e.g. ``<DK_CPR>``."""
    return f"<{entity_type}>"


def redact(text: str, lang: Optional[str] = None) -> RedactionResult:
    """Redact personal and special-category data from ``text``.

    ``lang`` is "da", "sv" or "en" (tags such as "da-DK" work too); None or any
    other value applies the rules of all three languages. Findings carry offsets
    into ``text`` and never the removed values.
    """
    if not isinstance(text, str):
        raise TypeError(f"redact() needs a str, got {type(text).__name__}")
    code = language_code(lang)
    if not text.strip():
        return RedactionResult(text=text, findings=(), language=code)
    view = normalise(text)
    findings = get_engine().find(view.text, code)
    if not view.identity:
        # Offsets found in the normalised text -> the original characters, invisible ones included.
        findings = [Finding(f.type, *view.span(f.start, f.end), f.score) for f in findings]
    parts: List[str] = []
    cursor = 0
    for finding in findings:
        parts.append(text[cursor : finding.start])
        parts.append(placeholder(finding.type))
        cursor = finding.end
    parts.append(text[cursor:])
    return RedactionResult(text="".join(parts), findings=tuple(findings), language=code)


# The bot's own answers: a few hundred texts composed from the knowledge base, each stored again
# with every turn that gives it. Only texts the bot wrote are remembered, never a customer's
# message (see redact_structure's ``bot_text``), and the cache is bounded.
# Keyed by the engine too, so results from before a redaction.configure() are never reused.
@lru_cache(maxsize=2048)
def _redact_remembered(text: str, lang: Optional[str], engine: object) -> RedactionResult:
    return redact(text, lang)


def _redact_bot_text(text: str, lang: Optional[str] = None) -> RedactionResult:
    return _redact_remembered(text, lang, get_engine())


def redact_structure(obj: Any, lang: Optional[str] = None, *, bot_text: bool = False) -> Tuple[Any, List[Finding]]:
    """Redact every string inside nested dicts/lists/tuples (keys are kept as they are).

    Returns a redacted copy and the findings, each with ``path`` saying where its
    string sat. Integers are checked as text too (a CPR number parsed as a number
    is still a CPR number); other values are copied unchanged. ``bot_text=True`` says the
    strings were written by the bot (its answers): they are still redacted, and the result is
    remembered, because the same answers come back turn after turn.
    """
    findings: List[Finding] = []
    if bot_text:
        return _walk(obj, lang, (), findings, _redact_bot_text), findings
    # A user event carries its text twice (text and parse_data.text): redact it once per call.
    # The memo lives only as long as this call.
    seen: Dict[Tuple[str, Optional[str]], RedactionResult] = {}

    def redact_once(text: str, language: Optional[str]) -> RedactionResult:
        if (text, language) not in seen:
            seen[(text, language)] = redact(text, language)
        return seen[(text, language)]

    return _walk(obj, lang, (), findings, redact_once), findings


def _walk(obj: Any, lang: Optional[str], path: Tuple[PathPart, ...], out: List[Finding],
          redact: Callable[[str, Optional[str]], RedactionResult] = redact) -> Any:
    if isinstance(obj, str):
        result = redact(obj, lang)
        out.extend(_with_path(result.findings, path))
        return result.text
    if isinstance(obj, bool) or obj is None or isinstance(obj, float):
        return obj
    if isinstance(obj, int):
        result = redact(str(obj), lang)
        if result.findings:
            out.extend(_with_path(result.findings, path))
            return result.text
        return obj
    if isinstance(obj, dict):
        return {key: _walk(value, lang, path + (key,), out, redact) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        items = [_walk(value, lang, path + (i,), out, redact) for i, value in enumerate(obj)]
        return items if isinstance(obj, list) else tuple(items)
    return obj


def _with_path(findings, path: Tuple[PathPart, ...]) -> List[Finding]:
    return [Finding(f.type, f.start, f.end, f.score, path) for f in findings]
