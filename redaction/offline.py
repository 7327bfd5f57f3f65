"""Keep third-party libraries from fetching anything at run time.

tldextract (used by e-mail validation, ours and Presidio's) downloads the Public
Suffix List on first use unless told otherwise; without network access that call
waits for a timeout. We use its bundled snapshot only.
"""
from __future__ import annotations

import threading
from typing import Optional

import tldextract
import tldextract.tldextract as _tld_module

_LOCK = threading.Lock()
_EXTRACTOR: Optional[tldextract.TLDExtract] = None


def offline_tld_extractor() -> tldextract.TLDExtract:
    """A TLDExtract that reads the snapshot shipped in the wheel and never fetches.

    It also replaces tldextract's module-level default extractor, which
    ``tldextract.extract`` (and so Presidio's own EmailRecognizer/UrlRecognizer)
    uses, so nothing in this process fetches the suffix list.
    """
    global _EXTRACTOR
    if _EXTRACTOR is None:
        with _LOCK:
            if _EXTRACTOR is None:
                extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
                _tld_module.TLD_EXTRACTOR = extractor
                _EXTRACTOR = extractor
    return _EXTRACTOR
