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
3. a run of spaces and tabs anywhere becomes one space ("GB19  RUOW  7887", "YUC   866");
4. inside a number of at least six digits: O/o read as 0 and l/I as 1 where they
   are glued to a digit or joined to the digits by one punctuation mark; a separator
   run between two digit groups becomes one character: one kind of punctuation with
   spaces around or doubled (" -- ", " . ", "__", "- ") becomes that mark (an underscore
   a hyphen), a line break inside a number ("040890\n3641") one "\n"; digits spaced one by
   one ("8 7 4 8 4 3 4 9", four or more) are joined ("87484349"), other groups keep
   their single separator ("0 9 0 2 4 4 - 4 1 4 1" -> "090244-4141").

Patterns accept "\n" between the digits of a validated identifier (``_shared.ANY_SEP``)
but a number still ends at a line break, so a number ending a line is read alone too.

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
# One line break may stand inside a separator run when a digit follows it.
_NUMBER = re.compile(
    r"(?<![^\W\d_])[0-9OoIl](?:[0-9OoIl]|[ \t._\-/]*\r?\n[ \t._\-/]*(?=\d)|[ \t._\-/]+(?=[0-9OoIl]))*(?![^\W\d_])"
)
_CHUNK = re.compile(r"[0-9OoIl]+|[ \t._\-/\r\n]+")
_SPACE_RUN = re.compile(r"[ \t]{2,}|\t")
_PUNCT = "._-/"
SPACED_DIGITS = 4  # "8 7 4 8": four single digits in a row are one number spaced out
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


def _separator(piece: str) -> str:
    """One character for a separator run inside a number (see the module docstring)."""
    marks = {("-" if ch == "_" else ch) for ch in piece if ch in _PUNCT}
    if len(marks) == 1:
        return marks.pop()
    if marks:
        return piece.replace("_", "-")  # mixed marks ("-/"): no single reading
    if "\n" in piece:
        return "\n"
    return " "


def _spaced_digits(pieces: List[str]) -> List[bool]:
    """Separators to drop: single spaces inside a run of SPACED_DIGITS or more one-digit groups."""
    drop = [False] * len(pieces)
    run: List[int] = []  # indices of the one-digit groups of the current run

    def close() -> None:
        if len(run) >= SPACED_DIGITS:
            for k in range(run[0] + 1, run[-1], 2):
                drop[k] = True

    for index, piece in enumerate(pieces):
        if len(piece) == 1 and piece.isdigit():
            if run and run[-1] == index - 2 and pieces[index - 1] == " ":
                run.append(index)
            else:
                close()
                run = [index]
        elif not (piece == " " and run and run[-1] == index - 1):
            close()
            run = []
    close()
    return drop


def _fix_numbers(text: str, starts: List[int], ends: List[int]) -> Tuple[str, List[int], List[int]]:
    out: List[str] = []
    new_starts: List[int] = []
    new_ends: List[int] = []
    cursor = 0
    for match in _NUMBER.finditer(text):
        token = match.group()
        # Look-alike letters count when they share a group with a digit ("84 O5 3O 8O").
        if sum(len(c) for c in _CHUNK.findall(token) if any(ch.isdigit() for ch in c)) < MIN_DIGITS:
            continue
        a = match.start()
        out.append(text[cursor:a])
        new_starts.extend(starts[cursor:a])
        new_ends.extend(ends[cursor:a])
        chunks = list(_CHUNK.finditer(token))
        pieces: List[str] = []
        for index, chunk in enumerate(chunks):
            piece = chunk.group()
            if piece[0] in " \t._-/\r\n":
                pieces.append(_separator(piece) if len(piece) > 1 or piece in "_\n\r" else piece)
            elif any(ch.isdigit() for ch in piece) or _glued(chunks, index):
                pieces.append(piece.translate(_LOOK_ALIKE))
            else:
                pieces.append(piece)
        drop = _spaced_digits(pieces)
        for index, chunk in enumerate(chunks):
            s, e = a + chunk.start(), a + chunk.end()
            piece = pieces[index]
            if drop[index]:
                continue  # the characters stay covered: a span maps from its first to its last kept one
            if len(piece) == e - s:
                out.append(piece)
                new_starts.extend(starts[s:e])
                new_ends.extend(ends[s:e])
            else:
                # A run read as one separator covers the whole original run.
                out.append(piece)
                new_starts.append(starts[s])
                new_ends.append(ends[e - 1])
        cursor = match.end()
    if cursor == 0:
        return text, starts, ends
    out.append(text[cursor:])
    new_starts.extend(starts[cursor:])
    new_ends.extend(ends[cursor:])
    return "".join(out), new_starts, new_ends


def _collapse_spaces(text: str, starts: List[int], ends: List[int]) -> Tuple[str, List[int], List[int]]:
    """Every run of spaces/tabs (or a lone tab) becomes one space covering the run."""
    if "  " not in text and "\t" not in text:
        return text, starts, ends
    out: List[str] = []
    new_starts: List[int] = []
    new_ends: List[int] = []
    cursor = 0
    for match in _SPACE_RUN.finditer(text):
        s, e = match.span()
        out.append(text[cursor:s])
        new_starts.extend(starts[cursor:s])
        new_ends.extend(ends[cursor:s])
        out.append(" ")
        new_starts.append(starts[s])
        new_ends.append(ends[e - 1])
        cursor = e
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
    folded, starts, ends = _collapse_spaces(folded, starts, ends)
    fixed, starts, ends = _fix_numbers(folded, starts, ends)
    if fixed == text and len(fixed) == len(text):
        return Normalised(text, text, starts, ends)
    return Normalised(text, fixed, starts, ends)
