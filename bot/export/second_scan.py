"""Defence in depth: every exported message goes through the redactor once more.

The store redacted each message before writing it, so the second scan normally finds
nothing. When it does find something — a recognizer added since, a row written by some
other path — the message is withheld from the export and only its finding types are
counted. The scan applies the rules of all three languages (``lang=None``), stricter than
the first pass, which used the conversation's language.

Bot replies repeat: texts that scanned clean are remembered by digest in a bounded LRU,
so memory stays constant and a repeated reply costs a hash, not a Presidio run.
"""
from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from typing import Callable, Optional, Tuple

CLEAN_CACHE_SIZE = 8192

Redact = Callable[..., object]


def _default_redact() -> Redact:
    from redaction import redact

    return redact


class SecondScan:
    """Decides, message by message, whether a text may be exported."""

    def __init__(self, redact: Optional[Redact] = None, cache_size: int = CLEAN_CACHE_SIZE) -> None:
        self._redact = redact or _default_redact()
        self._clean: "OrderedDict[bytes, None]" = OrderedDict()
        self._cache_size = cache_size
        self.withheld = 0
        self.types: Counter = Counter()
        self.scanned = 0
        self.cache_hits = 0

    def findings(self, text: str) -> Tuple[str, ...]:
        """The data types the redactor still finds in ``text`` (empty: safe to export)."""
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key in self._clean:
            self._clean.move_to_end(key)
            self.cache_hits += 1
            return ()
        self.scanned += 1
        result = self._redact(text, lang=None)
        types = tuple(getattr(result, "types", ()))
        if not types:
            self._clean[key] = None
            if len(self._clean) > self._cache_size:
                self._clean.popitem(last=False)
        return types

    def allows(self, text: str) -> bool:
        """True when nothing is found; otherwise counts the withheld message and its types."""
        types = self.findings(text)
        if not types:
            return True
        self.withheld += 1
        self.types.update(types)
        return False
