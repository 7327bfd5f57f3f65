"""Who is asking: the client address used for per-client rate limits."""
from __future__ import annotations

from typing import Mapping, Optional


def client_address(
    remote: Optional[str], headers: Mapping[str, str], trust_proxy: bool
) -> str:
    """The client's address.

    Behind a proxy we run (``PRIVACYBOT_TRUST_PROXY=true``) the address is the last
    entry of X-Forwarded-For: the one our proxy appended. Earlier entries were written
    by the client and would let it pick its own rate-limit bucket.
    """
    if trust_proxy:
        forwarded = headers.get("X-Forwarded-For", "")
        entries = [part.strip() for part in forwarded.split(",") if part.strip()]
        if entries:
            return entries[-1]
    return remote or "unknown"
