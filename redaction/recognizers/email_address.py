"""E-mail addresses, with the domain checked against the bundled Public Suffix List."""
from __future__ import annotations

from typing import Optional, Tuple

from redaction.offline import offline_tld_extractor
from redaction.recognizers.base import NordicPatternRecognizer


class EmailAddressRecognizer(NordicPatternRecognizer):
    """local@domain.tld where the suffix is a real one (offline snapshot, never fetched)."""

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = (
        (
            "email",
            r"(?<![\w.+%\-])(?P<value>[a-z0-9][a-z0-9._%+\-']*@(?:[a-z0-9æøåäö](?:[a-z0-9æøåäö\-]*[a-z0-9æøåäö])?\.)+[a-z]{2,24})(?![\w\-])",
            0.5,
        ),
    )
    CONTEXT = {"*": ["mail", "e-mail", "email", "@"]}

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """Drop trailing labels that are no suffix: "mette@gmail.com.Tak" -> "mette@gmail.com"."""
        while True:
            if self.validate_result(text[start:end]):
                return start, end
            cut = text.rfind(".", start, end)
            if cut <= text.find("@", start, end) or text.count(".", text.find("@", start, end), cut) == 0:
                return None
            end = cut

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """The domain ends in a public suffix."""
        domain = pattern_text.rsplit("@", 1)[-1]
        return offline_tld_extractor()(domain).suffix != ""
