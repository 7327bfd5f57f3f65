"""Offset-preserving folding of look-alike characters before recognition.

People and copy-paste produce full-width digits (０１０２０３), typographic dashes
and non-breaking spaces inside numbers. Every character here maps to exactly one
character, so offsets found in the folded text are offsets in the original text.
"""
from __future__ import annotations

from typing import Dict

_TABLE: Dict[int, str] = {}
# Full-width ASCII block (digits, letters, @ . - + etc.) -> ASCII.
for _code in range(0xFF01, 0xFF5F):
    _TABLE[_code] = chr(_code - 0xFEE0)
# Other decimal digit sets people paste (Arabic-Indic, mathematical, ...) are rare;
# full-width is what phones and East-Asian keyboards produce.
for _dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63":
    _TABLE[ord(_dash)] = "-"
for _space in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _TABLE[ord(_space)] = " "
_TABLE[ord("\u3002")] = "."  # ideographic full stop
_TABLE[ord("\u2024")] = "."  # one dot leader
_TABLE[ord("\u2018")] = "'"
_TABLE[ord("\u2019")] = "'"


def fold(text: str) -> str:
    """Return ``text`` with look-alike characters replaced one-for-one by ASCII."""
    return text.translate(_TABLE)
