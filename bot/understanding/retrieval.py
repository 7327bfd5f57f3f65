"""Lexical retrieval over the training examples and the knowledge base: a second signal beside DIET.

Every document is one short text labelled with an intent: an NLU training example, or a
knowledge-base topic's title or answer text. A message is normalised the same way
(:mod:`bot.understanding.text`), words unknown to the index are mapped to the closest known word
(typos: "opbevarer"/"opbevare", "recrutment"), and BM25 (bm25s) scores every document; an
intent's score is its best document's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from bot.understanding.synonyms import Expansion, expand
from bot.understanding.text import normalise

# Typo correction: only words of at least this length, and only to a word this similar (0-100).
MIN_FUZZY_LENGTH = 4
FUZZY_CUTOFF = 82


@dataclass
class RetrievalIndex:
    """BM25 over labelled short documents, with lemma table and typo-tolerant vocabulary."""

    texts: List[str]
    labels: List[str]
    lemmas: Dict[str, str]
    # Everyday phrase -> the policy's words (bot/understanding/synonyms.yml); none by default.
    expansions: List[Expansion] = field(default_factory=list)
    _bm25: bm25s.BM25 = field(init=False, repr=False)
    _vocab: List[str] = field(init=False, repr=False)
    _intents: List[str] = field(init=False, repr=False)
    _doc_intent: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        corpus = [normalise(t, self.lemmas) for t in self.texts]
        self._vocab = sorted({w for doc in corpus for w in doc})
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)
        self._intents = sorted(set(self.labels))
        position = {name: i for i, name in enumerate(self._intents)}
        self._doc_intent = np.array([position[label] for label in self.labels])
        self._known = set(self._vocab)
        self._correct = lru_cache(maxsize=20000)(self._closest)
        # A message that is word for word a document ("hej", "tak", "cookies?") is that document's
        # intent: BM25 alone ranks "hej" under goodbye ("hej hej", "hej då" repeat the word).
        self._exact: Dict[str, set] = {}
        for doc, label in zip(corpus, self.labels):
            if doc:
                self._exact.setdefault(" ".join(doc), set()).add(label)

    def _closest(self, word: str) -> str:
        if word in self._known or len(word) < MIN_FUZZY_LENGTH:
            return word
        hit = process.extractOne(word, self._vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return hit[0] if hit else word

    def query_terms(self, text: str) -> List[str]:
        """The normalised, typo-corrected words of ``text`` that the index knows."""
        words = expand(normalise(text, self.lemmas), self.expansions)
        return [w for w in (self._correct(w) for w in words) if w in self._known]

    def exact_intents(self, text: str) -> List[str]:
        """The intents of the documents that ``text`` is word for word (after normalisation)."""
        return sorted(self._exact.get(" ".join(normalise(text, self.lemmas)), ()))

    def intent_scores(self, text: str) -> List[Tuple[str, float]]:
        """(intent, best BM25 score among its documents), best first; [] when no word is known."""
        terms = self.query_terms(text)
        if not terms:
            return []
        scores = self._bm25.get_scores(terms)
        best = np.zeros(len(self._intents))
        np.maximum.at(best, self._doc_intent, scores)
        order = np.argsort(-best)
        return [(self._intents[i], float(best[i])) for i in order if best[i] > 0]


# Only the best few intents share the retrieval's probability mass: common words ("how", "you")
# give small scores to dozens of intents, which would otherwise flatten the distribution.
TOP_K = 5


def to_distribution(scores: Sequence[Tuple[str, float]], temperature: float, top_k: int = TOP_K) -> Dict[str, float]:
    """Softmax of the ``top_k`` best BM25 scores (best first), relative to the best (``temperature`` in score units)."""
    scores = list(scores)[:top_k]
    if not scores:
        return {}
    values = np.array([s for _, s in scores])
    weights = np.exp((values - values.max()) / temperature)
    weights /= weights.sum()
    return {name: float(w) for (name, _), w in zip(scores, weights)}
