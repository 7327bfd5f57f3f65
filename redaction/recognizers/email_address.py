"""E-mail addresses, plain or obfuscated, with the domain checked against the bundled Public Suffix List."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from redaction.offline import offline_tld_extractor
from redaction.recognizers.base import NordicPatternRecognizer

_LOCAL = r"[a-z0-9][a-z0-9._%+\-']*"
_LABEL = r"[a-z0-9æøåäö](?:[a-z0-9æøåäö\-]*[a-z0-9æøåäö])?"
_OPEN, _CLOSE = r"[\(\[\{<]", r"[\)\]\}>]"
# "@", " @ ", "(at)", "[at]", "{at}", "<at>", "(a)", "(snabel-a)"
AT = rf"(?:[ \t]*@[ \t]*|[ \t]*{_OPEN}[ \t]*(?:at|a|snabel-?a|@)[ \t]*{_CLOSE}[ \t]*)"
DOT = rf"(?:[ \t]*\.[ \t]*|[ \t]*{_OPEN}[ \t]*(?:dot|punkt|punktum|prik|\.)[ \t]*{_CLOSE}[ \t]*)"
# Plain words need a spelt-out dot as well: "mette at gmail dot com".
_WORD_AT = r"[ \t]+(?:at|snabel-a|snabela)[ \t]+"
_WORD_DOT = r"[ \t]+(?:dot|punkt|punktum|prik)[ \t]+"
# Words that stand before a plain " at " in ordinary sentences ("meet at home dot com" is no address).
_NOT_LOCAL = frozenset(
    "am is are was were be been meet meeting look looking arrive arrived stay staying live living work working "
    "me him her us them it you i we they he she good bad home here there back out up down just only even "
    "er var bor jeg du han hun vi de det den og eller".split()
)
_NOT_LOCAL_ALT = "|".join(sorted(_NOT_LOCAL, key=len, reverse=True))
_AT_TOKEN = re.compile(rf"{AT}|{_WORD_AT}", re.IGNORECASE)
_DOT_TOKEN = re.compile(rf"{DOT}|{_WORD_DOT}", re.IGNORECASE)


def canonical_email(value: str) -> str:
    """"mette (at) gmail (dot) com" -> "mette@gmail.com" (lower case)."""
    local, sep, domain = value.partition("@") if "@" in value and "(" not in value and "[" not in value else ("", "", "")
    if not sep:
        match = _AT_TOKEN.search(value)
        if not match:
            return value.strip().lower()
        local, domain = value[: match.start()], value[match.end() :]
    domain = _DOT_TOKEN.sub(".", domain)
    local = _DOT_TOKEN.sub(".", local) if "@" not in value else local
    return f"{local.strip()}@{domain.strip()}".lower().replace(" ", "")


class EmailAddressRecognizer(NordicPatternRecognizer):
    """local@domain.tld where the suffix is a real one (offline snapshot, never fetched);
    also "name (at) example (dot) com", "name [at] example.com", "name @ example.com"."""

    ENTITY = "EMAIL_ADDRESS"
    FAIL_CLOSED = True
    PATTERNS = (
        (
            "email",
            rf"(?<![\w.+%\-])(?P<value>{_LOCAL}@(?:{_LABEL}\.)+[a-z]{{2,24}})(?![\w\-])",
            0.5,
        ),
        (
            "email_obfuscated",
            rf"(?<![\w.+%\-])(?P<value>{_LOCAL}{AT}(?:{_LABEL}{DOT})+[a-z]{{2,24}})(?![\w\-])",
            0.5,
        ),
        (
            # "mette.h at gmail.com": a plain " at " before a real domain, when the local part
            # looks like an address (a dot, underscore or digit) or a mail word comes before it.
            "email_word_at",
            rf"(?<![\w.+%\-])(?P<value>[a-z][a-z0-9]*[._\d][a-z0-9._%+\-']*{_WORD_AT}(?:{_LABEL}\.)+[a-z]{{2,24}})(?![\w\-])",
            0.5,
        ),
        (
            "email_word_at_cued",
            rf"(?:e-?mail|mail|mailadresse|e-post|epost|address|adresse|adress)(?:\s+(?:er|är|is|på|til|to))?[\s:]+"
            rf"(?P<value>{_LOCAL}{_WORD_AT}(?:{_LABEL}\.)+[a-z]{{2,24}})(?![\w\-])",
            0.5,
        ),
        (
            "email_words",
            # The local part may hold spelt dots too ("priya dot raman at outlook dot com"); it
            # never starts at an everyday word, so "me at priya dot raman" is not read first.
            rf"(?<![\w.+%\-])(?!(?:{_NOT_LOCAL_ALT})[ \t])(?P<value>{_LOCAL}(?:{_WORD_DOT}{_LABEL})*{_WORD_AT}{_LABEL}(?:{_WORD_DOT}{_LABEL})+)(?![\w\-])",
            0.5,
        ),
    )
    CONTEXT = {"*": ["mail", "e-mail", "email", "@"]}

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """Drop trailing labels that are no suffix: "mette@gmail.com.Tak" -> "mette@gmail.com"."""
        value = text[start:end]
        at = _AT_TOKEN.search(value)
        if not at:
            return None
        cuts = [end] + [start + m.start() for m in reversed(list(_DOT_TOKEN.finditer(value, at.end())))]
        for cut in cuts[:-1] if len(cuts) > 1 else cuts:
            if self.validate_result(text[start:cut]):
                return start, cut
        return None

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """The domain ends in a public suffix and has a label before it."""
        canonical = canonical_email(pattern_text)
        local, _, domain = canonical.rpartition("@")
        if not local or "." not in domain:
            return False
        if "@" not in pattern_text and not re.search(rf"{_OPEN}", pattern_text) and local in _NOT_LOCAL:
            return False
        return offline_tld_extractor()(domain).suffix != ""
