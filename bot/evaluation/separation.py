"""Keeping the held-out sets held out: one normalisation, and the held-out texts in that form.

A held-out text must never be a training example or an item of a set we tune on. Texts are
compared after :func:`fold` (case, accents, æ/ø, punctuation and spacing folded), so a copy with
cosmetic changes still counts as a copy. The training-data generator uses :func:`heldout_folded`
to skip any text it would otherwise write; ``tests/bot/test_heldout_separation.py`` checks every
training file and tuning set.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, FrozenSet

from bot.evaluation.sets import HELDOUT_CONVERSATIONS, HELDOUT_QUESTIONS, load_conversations, load_questions

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l"})


def fold(text: str) -> str:
    """Case, accents (æøåäö), punctuation and spacing folded: "Hvor længe?!" -> "hvor laenge"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def heldout_texts() -> Dict[str, str]:
    """id -> text of every held-out question and conversation turn."""
    texts = {q.id: q.text for q in load_questions(HELDOUT_QUESTIONS)}
    for conversation in load_conversations(HELDOUT_CONVERSATIONS):
        texts.update({turn.id: turn.text for turn in conversation.turns})
    return texts


@lru_cache(maxsize=1)
def heldout_folded() -> FrozenSet[str]:
    """Every held-out text, folded (empty when the held-out files are absent)."""
    if not HELDOUT_QUESTIONS.exists() or not HELDOUT_CONVERSATIONS.exists():
        return frozenset()
    return frozenset(fold(text) for text in heldout_texts().values())
