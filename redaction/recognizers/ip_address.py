"""IPv4 and IPv6 addresses."""
from __future__ import annotations

import ipaddress
import re
from typing import Optional

from redaction.recognizers._shared import REFERENCE_WORDS
from redaction.recognizers.base import NordicPatternRecognizer


# "22.33.44.55" is as often a Danish phone number in dotted pairs: not validated, so it
# needs an IP word to beat the phone reading (dk_phone_dotted_pairs, 0.62).
_PHONE_PAIRS = re.compile(r"^[2-9]\d\.\d\d\.\d\d\.\d\d$")


class IpAddressRecognizer(NordicPatternRecognizer):
    """Dotted quads with octets up to 255, and IPv6 addresses that parse."""

    ENTITY = "IP_ADDRESS"
    PATTERNS = (
        ("ipv4", r"(?<![\d.])(?P<value>(?:\d{1,3}\.){3}\d{1,3})(?!\.?\d)", 0.6),
        ("ipv6", r"(?<![\w:])(?P<value>(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4})(?![\w:])", 0.6),
    )
    CONTEXT = {"*": ["ip", "ip-adresse", "ip-adress", "address", "adresse", "router", "server", "serveren", "servern",
                     "vpn", "host", "login", "logins", "gateway"]}
    NEGATIVE_CONTEXT = {
        "da": ["version", "afsnit", "punkt"],
        "sv": ["version", "avsnitt", "punkt"],
        "en": ["version", "section", "clause"],
    }

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Parses as an IP address (IPv6 needs at least two groups with digits)."""
        if _PHONE_PAIRS.match(pattern_text):
            return None
        try:
            address = ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        if address.version == 6 and sum(1 for g in pattern_text.split(":") if g) < 2:
            return False
        return True
