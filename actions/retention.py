"""Questions about a record's fate ("when do you throw it away?", "what happens to my application
now that I was turned down?") answered with that record's retention period.

:func:`actions.followup.retention_question` handles the plain how-long wording; customers also ask
about the end of a record in other words: throwing away, getting rid of, "ligger det kvar", or what
happens to it after a rejection or the end of a customership. The classifier then tends to give the
record's general topic, whose passage lacks the period (30 days, 90 days, 6 months).
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence, Tuple

from actions.followup import RETENTION_OF, word_count

# Ends a record: words that ask when it is discarded.
_DISCARD = re.compile(
    r"throw (?:it |them |that |those |this )?(?:away|out)|throw\w* away|discard|get rid of|dispose|bin (?:it|them)|"
    r"smid\w* (?:\w+ )?ud|smider|kasser\w*|skiller (?:jer|I) af med|ligger (?:det|de|den) (?:stadig )?(?:kvar|tilbage)|"
    r"liggende|sl(?:ä|a)nger|kastar|g(?:ö|o)r (?:er|ni) av med|ligger (?:det|de|den) kvar|finns (?:det|de|den) kvar|"
    r"keep (?:it|them|that|those) on file",
    re.IGNORECASE,
)
# What becomes of a record: its retention for recordings and images, else only with an end cue.
_FATE = re.compile(r"what happens (?:to|with)|hvad sker der med|vad händer med|vad hander med", re.IGNORECASE)
# What is done with a record: its use, unless an end cue says "afterwards".
_USE = re.compile(r"what do you do with|hvad gør I med|hvad gor i med|vad gör ni med|vad gor ni med", re.IGNORECASE)
# The end of the relationship the record belongs to: a rejection, a cancelled customership.
_END = re.compile(
    r"turned down|reject\w*|don'?t get (?:the|a) job|do not get (?:the|a) job|not (?:hired|offered)|"
    r"after (?:i|we) (?:stop|quit|cancel|leave|end)|(?:stopped|quit|cancelled|ended|left) (?:being|as)|"
    r"afslag|afvis\w*|ikke (?:fik|får|faar) (?:jobbet|stillingen)|når (?:jeg|vi) (?:stopper|opsiger|siger op)|"
    r"efter (?:at )?(?:jeg|vi) (?:er )?(?:stopp\w*|ophør\w*|opsag\w*|slutt\w*)|"
    r"avslag|inte (?:fick|får|far) (?:jobbet|tjänsten|tjansten)|när (?:jag|vi) (?:slutar|säger upp|sager upp)|"
    r"efter (?:att )?(?:jag|vi) (?:har )?(?:slutat|sagt upp)",
    re.IGNORECASE,
)
# Records that have no use but their keeping: "what happens to the pictures?" asks how long.
_KEPT_RECORDS = frozenset({"cctv", "phone_recording", "plate_recognition", "chat"})
# A follow-up this short after a record's answer ("and if I get turned down?") is about that record.
MAX_FOLLOW_UP_WORDS = 9


def asks_record_end(topic: Optional[str], text: str) -> bool:
    """Whether ``text`` asks when the record of ``topic`` is discarded or what becomes of it at the end."""
    if topic not in RETENTION_OF or topic == "data_collected":
        return False
    text = text or ""
    if _DISCARD.search(text):
        return True
    if _END.search(text):
        return bool(_FATE.search(text) or _USE.search(text))
    return bool(_FATE.search(text)) and topic in _KEPT_RECORDS


def record_retention(topic: Optional[str], last_topic: Optional[str], text: str) -> Optional[str]:
    """The retention topic of the record a question asks the end of, if any.

    The classifier's topic is the record ("when do you throw away my survey answers?" -> surveys);
    or, for a short follow-up ending the record of the last answer ("and if I get turned down?"
    after a recruitment answer), the last topic's record.
    """
    if asks_record_end(topic, text):
        return RETENTION_OF[topic]  # type: ignore[index]
    if (
        last_topic in RETENTION_OF and last_topic != "data_collected" and word_count(text) <= MAX_FOLLOW_UP_WORDS
        and (_END.search(text or "") or _DISCARD.search(text or ""))
    ):
        return RETENTION_OF[last_topic]  # type: ignore[index]
    return None


# A long message: the general retention answer ("as long as needed") when the classifier also ranks one
# record's own retention topic at least this sure and at least this share of the general one's
# confidence: the story names a record whose period the policy states (the CPR number). Only for long
# messages: on short ones a record ranked close behind is noise ("how long do OK and OJCO keep my data?").
SPECIFIC_MIN_CONFIDENCE = 0.1
SPECIFIC_MIN_SHARE = 0.5
GENERAL_RETENTION = "retention_general"
# Retention topics too broad to name one record.
_BROAD_RETENTIONS = frozenset({GENERAL_RETENTION, "retention_master_data"})


def specific_retention(topic: Optional[str], ranking: Sequence[Tuple[str, float]], topic_of: Callable[[str], Optional[str]]) -> Optional[str]:
    """A record's own retention topic instead of the general one, when the classifier ranks it close behind.

    ``ranking`` is the message's (intent, confidence) list, ``topic_of`` maps an intent to its topic id.
    """
    if topic != GENERAL_RETENTION:
        return None
    ranked = [(topic_of(name), conf) for name, conf in ranking[:3]]
    general = next((conf for t, conf in ranked if t == GENERAL_RETENTION), 0.0)
    for candidate, conf in ranked:
        if (
            candidate and candidate.startswith("retention_") and candidate not in _BROAD_RETENTIONS
            and conf >= SPECIFIC_MIN_CONFIDENCE and conf >= SPECIFIC_MIN_SHARE * general
        ):
            return candidate
    return None
