"""Defence in depth: every exported message goes through the redactor once more.

The store redacted each message before writing it, so the second scan normally finds
nothing. When it does find something — a recognizer added since, a row written by some
other path — the message is withheld from the export and only its finding types are
counted. The scan applies the rules of all three languages (``lang=None``), stricter than
the first pass, which used the conversation's language.

Bot replies repeat: texts that scanned clean are remembered by digest in a bounded LRU,
so memory stays constant and a repeated reply costs a hash, not a Presidio run.

An identifier split over two consecutive user messages ("mit cpr er 010203" ... "1234")
is clean in each message alone; :meth:`SecondScan.split_pairs` joins each pair the way
the store's write path does (:func:`redaction.across.split_identifiers`) and both
messages are withheld when they form one.
"""
from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from typing import Callable, List, Optional, Sequence, Set, Tuple

from redaction import redact
from redaction.across import split_identifiers

CLEAN_CACHE_SIZE = 8192

Redact = Callable[..., object]
Split = Callable[[str, str], Sequence[object]]


def _default_redact() -> Redact:
    return redact


def _default_split(earlier: str, later: str) -> Sequence[object]:
    # All three languages, as for single messages.
    return split_identifiers(earlier, later, None)


class SecondScan:
    """Decides, message by message, whether a text may be exported."""

    def __init__(
        self, redact: Optional[Redact] = None, cache_size: int = CLEAN_CACHE_SIZE, split: Optional[Split] = None
    ) -> None:
        self._redact = redact or _default_redact()
        self._split = split or _default_split
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

    def split_pairs(self, user_texts: Sequence[str]) -> Set[int]:
        """Indexes of consecutive user messages that together hold an identifier.

        The types found are counted once per pair; the withheld messages are counted
        by :meth:`withhold` when the caller leaves them out.
        """
        found: Set[int] = set()
        for index in range(1, len(user_texts)):
            splits: List[object] = list(self._split(user_texts[index - 1], user_texts[index]))
            if splits:
                found.update((index - 1, index))
                self.types.update(getattr(split, "type", "SPLIT") for split in splits)
        return found

    def withhold(self) -> None:
        """Count one message left out for a reason other than its own findings."""
        self.withheld += 1
