"""Normalisation before matching, with every character mapped back to the original.

Obfuscation and copy-paste hide identifiers from plain patterns: a zero-width space
or a soft hyphen inside a CPR number, Arabic-Indic or mathematical digits, the letter
O for a zero, underscores or doubled separators. Recognizers therefore run on a
normalised copy of the text, and each finding's offsets are mapped back so that the
ORIGINAL characters are removed, invisible ones included.

Steps, in order:

1. zero-width and other format characters (Unicode category Cf: ZWSP, ZWJ, word
   joiner, BOM, bidi marks) and the soft hyphen are dropped;
2. Unicode NFKC per character (full-width and mathematical letters and digits,
   ligatures), every Unicode decimal digit to 0-9, typographic dashes and spaces
   to ASCII;
3. inside a number of at least six digits: O/o read as 0 and l/I as 1 where they
   are glued to a digit or joined to the digits by one punctuation mark; a run of one separator repeated ("--", "  ", "__") becomes
   one, and an underscore becomes a hyphen.

``normalise`` returns a :class:`Normalised` whose ``span`` turns offsets in the
normalised text into offsets in the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

_TABLE: Dict[int, str] = {}
for _dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2043":
    _TABLE[ord(_dash)] = "-"
for _space in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _TABLE[ord(_space)] = " "
_TABLE[ord("\u3002")] = "."  # ideographic full stop
_TABLE[ord("\u2024")] = "."  # one dot leader
_TABLE[ord("\u2018")] = "'"
_TABLE[ord("\u2019")] = "'"
_DROP = {"\u00ad", "\u034f", "\u115f", "\u1160", "\u3164", "\uffa0"}  # soft hyphen, fillers

# A number: digits and look-alike letters, with separator runs between them; not part of a word.
_NUMBER = re.compile(r"(?<![^\W\d_])[0-9OoIl](?:[0-9OoIl]|[ \t._\-/]+(?=[0-9OoIl]))*(?![^\W\d_])")
_CHUNK = re.compile(r"[0-9OoIl]+|[ \t._\-/]+")
_LOOK_ALIKE = str.maketrans("OoIl", "0011")
MIN_DIGITS = 6  # identifiers are long; "5l" or "I 2" are left alone


@dataclass(frozen=True)
class Normalised:
    """The normalised text and, per character, the original span it came from."""

    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> Tuple[int, int]:
        """Original offsets of ``text[start:end]`` (characters dropped inside are included)."""
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]

    @property
    def identity(self) -> bool:
        """True when nothing changed (offsets are the same)."""
        return self.text is self.original


def fold(text: str) -> str:
    """Normalised text only (no offsets): what the recognizers see."""
    return normalise(text).text


def _char_pieces(text: str) -> Tuple[str, List[int], List[int]]:
    out: List[str] = []
    starts: List[int] = []
    ends: List[int] = []
    pending = None  # start of dropped characters waiting for the next kept one
    for i, ch in enumerate(text):
        code = ord(ch)
        if code < 128:
            piece = ch
        elif code in _TABLE:
            piece = _TABLE[code]
        elif ch in _DROP or unicodedata.category(ch) == "Cf":
            if pending is None:
                pending = i
            continue
        elif ch.isdecimal():
            piece = str(unicodedata.decimal(ch))
        elif unicodedata.combining(ch) and out:
            # A combining mark composes with the letter before it (e + ́ -> é).
            composed = unicodedata.normalize("NFC", out[-1] + ch)
            if len(composed) == 1:
                out[-1] = composed
                ends[-1] = i + 1
                continue
            piece = ch
        else:
            piece = unicodedata.normalize("NFKC", ch)
            if not piece:
                continue
            piece = "".join(str(unicodedata.decimal(c)) if c.isdecimal() and ord(c) > 127 else c for c in piece)
        begin = i if pending is None else pending
        pending = None
        for c in piece:
            out.append(c)
            starts.append(begin)
            ends.append(i + 1)
    if pending is not None and ends:
        ends[-1] = len(text)  # trailing invisible characters go with the last kept one
    return "".join(out), starts, ends


def _glued(chunks, index: int) -> bool:
    """A letters-only chunk inside a long number is read as digits when it is two letters
    or more ("lO 11 57 2222"), an O ("O 9 O 2 ..."), or joined by one punctuation mark
    ("I.11.57"); a lone I or l before a space stays (the pronoun: "I 010203-1234")."""
    piece = chunks[index].group()
    if len(piece) >= 2 or piece in "Oo":
        return True
    for near in (index - 1, index + 1):
        if 0 <= near < len(chunks):
            sep = chunks[near].group()
            if len(sep) == 1 and sep in "._-/":
                return True
    return False


def _fix_numbers(text: str, starts: List[int], ends: List[int]) -> Tuple[str, List[int], List[int]]:
    out: List[str] = []
    new_starts: List[int] = []
    new_ends: List[int] = []
    cursor = 0
    for match in _NUMBER.finditer(text):
        token = match.group()
        if sum(ch.isdigit() for ch in token) < MIN_DIGITS:
            continue
        a = match.start()
        out.append(text[cursor:a])
        new_starts.extend(starts[cursor:a])
        new_ends.extend(ends[cursor:a])
        chunks = list(_CHUNK.finditer(token))
        for index, chunk in enumerate(chunks):
            s, e = a + chunk.start(), a + chunk.end()
            piece = chunk.group()
            if piece[0] in " \t._-/":
                piece = piece.replace("_", "-")
                if len(piece) > 1 and len(set(piece)) == 1:
                    # A doubled separator reads as one; it covers the whole original run.
                    out.append(piece[0])
                    new_starts.append(starts[s])
                    new_ends.append(ends[e - 1])
                    continue
            elif any(ch.isdigit() for ch in piece) or _glued(chunks, index):
                piece = piece.translate(_LOOK_ALIKE)
            out.append(piece)
            new_starts.extend(starts[s:e])
            new_ends.extend(ends[s:e])
        cursor = match.end()
    if cursor == 0:
        return text, starts, ends
    out.append(text[cursor:])
    new_starts.extend(starts[cursor:])
    new_ends.extend(ends[cursor:])
    return "".join(out), new_starts, new_ends


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for matching; see the module docstring for the steps."""
    if text.isascii():
        starts: List[int] = list(range(len(text)))
        ends: List[int] = list(range(1, len(text) + 1))
        folded = text
    else:
        folded, starts, ends = _char_pieces(text)
    fixed, starts, ends = _fix_numbers(folded, starts, ends)
    if fixed == text and len(fixed) == len(text):
        return Normalised(text, text, starts, ends)
    return Normalised(text, fixed, starts, ends)
