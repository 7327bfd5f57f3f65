"""Query expansion for the retrieval signal: customers' everyday words for what the policies name otherwise.

"Could my details end up with your sister companies?" shares no word with "group companies" or
"koncernselskaber", so BM25 finds nothing and DIET guesses. `synonyms.yml` lists, per concept, the
everyday phrases (`say`) and the policy's words (`means`); a message containing a `say` phrase is
searched with the `means` words too. A word list, not a model: it helps only the concepts it names.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml

from bot.understanding.text import normalise

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")

# (say phrase as folded lemmas, means words as folded lemmas)
Expansion = Tuple[Tuple[str, ...], Tuple[str, ...]]


@lru_cache(maxsize=1)
def _groups() -> Tuple[Tuple[Tuple[str, ...], Tuple[str, ...]], ...]:
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or []
    return tuple((tuple(g.get("say") or ()), tuple(g.get("means") or ())) for g in data)


def vocabulary() -> List[str]:
    """Every word of the synonym lists (so the lemma table keeps their entries)."""
    return [w for say, means in _groups() for phrase in (*say, *means) for w in phrase.lower().split()]


def expansions(lemmas: Dict[str, str]) -> List[Expansion]:
    """The synonym groups as (say phrase, means words), normalised like the index's documents."""
    result: List[Expansion] = []
    for say, means in _groups():
        means_words = tuple(w for phrase in means for w in normalise(phrase, lemmas))
        for phrase in say:
            words = tuple(normalise(phrase, lemmas))
            if words:
                result.append((words, means_words))
    return result


def expand(terms: Sequence[str], table: Sequence[Expansion]) -> List[str]:
    """``terms`` plus the `means` words of every `say` phrase found in them, each group once."""
    added: List[str] = []
    for say, means in table:
        n = len(say)
        if any(tuple(terms[i:i + n]) == say for i in range(len(terms) - n + 1)) and not set(means) <= set(added):
            added += [w for w in means if w not in added]
    return list(terms) + added
