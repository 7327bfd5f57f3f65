"""``--format rasa``: Rasa YAML NLU training data, user messages grouped by predicted intent.

Each example is written as a YAML double-quoted string, so nothing a customer typed can
end the scalar or start YAML syntax. Rasa then parses ``[text](entity)`` markup inside
examples; square brackets become round ones so a typed bracket is never read as an
entity annotation. Placeholders such as ``<DK_CPR>`` are plain text to both parsers.

Examples to check before training on them carry ``metadata: {review: ...}``: a confidence
below the review threshold, or a message the assistant could not classify (filed under
the classifier's best guess). Rasa keeps example metadata and ignores it when training.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from typing import List, Optional

CONTENT_TYPE = "application/x-yaml; charset=utf-8"
SUFFIX = ".yml"
REVIEW_BELOW = 0.5
VERSION = "3.1"

_WHITESPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans({"[": "(", "]": ")"})


def training_text(text: str) -> str:
    """The example text: one line, no entity markup, no control characters."""
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" or ch in "\t\n\r" else " " for ch in text
    )
    return _WHITESPACE.sub(" ", cleaned).strip().translate(_BRACKETS)


def yaml_string(text: str) -> str:
    """A YAML 1.2 double-quoted scalar of ``text`` (JSON escaping, plus line separators)."""
    quoted = json.dumps(text, ensure_ascii=False)
    # YAML treats these as line breaks inside a scalar; JSON leaves them raw.
    return quoted.replace("\u0085", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")


def header(now: datetime, since: Optional[datetime], review_below: float) -> str:
    """The file's opening comment and version line."""
    window = f", collected since {since.isoformat()}" if since else ""
    return (
        f"# Exported by `privacybot export --format rasa`, expiry as of {now.isoformat()}{window}.\n"
        "# Redacted user messages of customers who did not opt out of training, grouped by the\n"
        "# intent the assistant predicted. Examples with `metadata: review` need a person to\n"
        f"# check their intent first: confidence below {review_below} (low_confidence) or no\n"
        "# intent recognised at all (fallback, filed under the classifier's best guess).\n"
        f'version: "{VERSION}"\n'
    )


def nlu_key(empty: bool) -> str:
    """The ``nlu:`` key; an empty list when there are no examples."""
    return "nlu: []\n" if empty else "nlu:\n"


def section_comment(text: str) -> str:
    """A comment line between intent blocks."""
    return f"\n# {text}\n"


def intent_block(intent: str) -> str:
    """The start of one intent's examples."""
    return f"- intent: {intent}\n  examples:\n"


def example(text: str, review: Optional[str] = None, confidence: Optional[float] = None) -> str:
    """One example (with its review mark, if any)."""
    lines: List[str] = [f"  - text: {yaml_string(text)}\n"]
    if review:
        lines.append("    metadata:\n")
        lines.append(f"      review: {review}\n")
        if confidence is not None:
            lines.append(f"      confidence: {confidence:.4f}\n")
    return "".join(lines)


def review_reason(confidence: Optional[float], fell_back: bool, review_below: float) -> Optional[str]:
    """Why an example needs review, or None."""
    if fell_back:
        return "fallback"
    if confidence is None or confidence < review_below:
        return "low_confidence"
    return None
