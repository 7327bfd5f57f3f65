"""The question of a long message: the sentence(s) that ask, without the story told before them.

Customers often explain before they ask: "Hi. I moved from Sweden to Copenhagen last spring ... Why
do you run a credit check?". The story's words (a country, a city, another company named in
passing, "newsletter", "job") pull the classifier and the company resolution away from what is
asked. For a long message, :func:`question_spans` gives the character spans of the sentences that
ask, so the tokenizer, the retrieval signal and the company resolution can read those first.
Short messages are left whole: there the "story" is the question.

This module has no Rasa or bot dependency, so both the NLU components (bot/understanding/) and the
actions can use it.
"""
from __future__ import annotations

import re
from typing import List, Tuple

# A message needs this many words, and a sentence before its question, to count as long: below it,
# a context sentence is usually part of the question ("I'm a customer. Can I get my data?").
LONG_MIN_WORDS = 25
# A question part shorter than this also keeps the sentence just before it: "Hvad gemmer I om os?"
# only makes sense with "... hvad I har af oplysninger om os som personer".
MIN_QUESTION_WORDS = 8

# A sentence ends at . ! ? (or a run of them) followed by white space; "a.m.b.a." and "ok.dk" stay whole
# because no space follows their inner dots.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|[.!?]+$")
_WORD = re.compile(r"[^\W_]+")
# A sentence that asks without a question mark opens with a question word.
_QUESTION_OPENING = re.compile(
    r"^\W*(?:why|how|what|which|who|when|where|can|could|do|does|is|are|will|would|should|may|"
    r"hvorfor|hvordan|hvad|hvilke\w*|hvem|hvorn[åa]a?r|hvor|kan|kunne|må|maa|skal|vil|gemmer|bruger|deler|"
    r"varför|varfor|hur|vad|vilk\w*|vem|när|nar|var|får|far|ska|sparar|använder|anvander|delar)(?!\w)",
    re.IGNORECASE,
)


def word_count(text: str) -> int:
    """Number of words in ``text``."""
    return len(_WORD.findall(text or ""))


def sentence_spans(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space trimmed, in order."""
    spans: List[Tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > begin + lead:
            trimmed.append((begin + lead, end - trail))
    return trimmed


def _asks(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(_QUESTION_OPENING.match(sentence))


def question_spans(text: str) -> List[Tuple[int, int]]:
    """Spans of the asking sentences of a long message; [] when the whole message should be read.

    A message is long when it has at least ``LONG_MIN_WORDS`` words and a sentence before its
    question. The asking sentences are those ending in "?" (else the last one opening with a
    question word); a short question part keeps the sentence just before it.
    """
    text = text or ""
    if word_count(text) < LONG_MIN_WORDS:
        return []
    spans = sentence_spans(text)
    if len(spans) < 2:
        return []
    asking = [i for i, (s, e) in enumerate(spans) if text[s:e].rstrip().endswith("?")]
    if not asking:
        asking = [i for i, (s, e) in enumerate(spans) if _asks(text[s:e])][-1:]
    if not asking or asking[0] == 0 and len(asking) == len(spans):
        return []
    if sum(word_count(text[spans[i][0]:spans[i][1]]) for i in asking) < MIN_QUESTION_WORDS and asking[0] > 0:
        asking = [asking[0] - 1] + asking
    if len(asking) == len(spans):
        return []
    return [spans[i] for i in asking]


def question_text(text: str) -> str:
    """The asking sentences of a long message joined by a space, else ``text`` unchanged."""
    spans = question_spans(text)
    if not spans:
        return text or ""
    return " ".join(text[s:e] for s, e in spans)
