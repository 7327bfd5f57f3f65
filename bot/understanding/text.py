"""Text normalisation shared by the tokenizer and the retrieval index.

Customers write "laenge"/"længe", "hur lange"/"hur länge", "gemmer"/"gemt", and redacted
messages carry placeholders such as ``<DK_CPR>``. Everything here maps those variants onto one
form: placeholders out, lower case, lemma (spaCy lookup tables for da/sv/en, no model download),
then Scandinavian letters and their ASCII spellings folded together.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List

import spacy_lookups_data

from actions.catalogue import LANGUAGES

# What redaction/ leaves in a message instead of the personal data: "<DK_CPR>", "<EMAIL_ADDRESS>".
PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
# Typed stand-ins for æøåäö: "laenge", "soeg", "paa". Folded the same way as the letters.
_ASCII_SPELLINGS = re.compile(r"ae|oe|aa")


def strip_placeholders(text: str) -> str:
    """``text`` with every redaction placeholder replaced by a space."""
    return PLACEHOLDER.sub(" ", text or "")


def fold(word: str) -> str:
    """Lower case with æøåäö and "ae"/"oe"/"aa" folded to a/o."""
    word = word.lower().translate(_FOLD)
    return _ASCII_SPELLINGS.sub(lambda m: m.group(0)[0], word)


def words(text: str) -> List[str]:
    """Lower-case words of ``text`` without placeholders, digits kept."""
    return [w.lower() for w in _WORD.findall(strip_placeholders(text))]


@lru_cache(maxsize=1)
def full_lemma_table() -> Dict[str, str]:
    """word -> lemma from spacy-lookups-data for Danish, Swedish and English (first language wins)."""
    base = Path(spacy_lookups_data.__file__).parent / "data"
    table: Dict[str, str] = {}
    # The languages customers write in, the first declared (Danish) last, so it wins on shared spellings.
    for lang in reversed(LANGUAGES):
        with gzip.open(base / f"{lang}_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
            table.update({k.lower(): v.lower() for k, v in json.load(handle).items()})
    return table


def reduced_lemma_table(vocabulary: Iterable[str]) -> Dict[str, str]:
    """The entries of the full table whose lemma is the lemma of a word of ``vocabulary``.

    A query word whose lemma never occurs in the training data cannot match anything, so the
    model only needs these entries (thousands instead of a million).
    """
    table = full_lemma_table()
    wanted = {table.get(w, w) for w in vocabulary}
    return {word: lemma for word, lemma in table.items() if lemma in wanted}


def normalise(text: str, lemmas: Dict[str, str]) -> List[str]:
    """Folded lemmas of ``text``'s words (single letters dropped)."""
    return [fold(lemmas.get(w, w)) for w in words(text) if len(w) > 1]
