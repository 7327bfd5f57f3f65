"""Follow-ups read against the previous answer's topic.

- A fragment naming a kind of record right after a retention answer ("og telefonoptagelser?",
  "and the chat logs?") asks how long *that* record is kept.
- Short questions that only make sense after an answer ("how fast?", "could you keep it longer?",
  "and if I say no?", "what should the e-mail contain?") continue the previous topic, or the
  topic that answers them for it (the response deadline after a rights answer).
"""
from __future__ import annotations

import re
from typing import Dict, Optional

# Topic about a kind of record -> the topic of how long that record is kept.
RETENTION_OF: Dict[str, str] = {
    "chat": "retention_chat",
    "phone_recording": "retention_phone",
    "cctv": "retention_cctv",
    "plate_recognition": "retention_plates",
    "recruitment": "retention_applicants",
    "cpr_number": "retention_cpr",
    "cpr_register": "retention_cpr",
    "email_policy": "retention_email",
    "surveys": "retention_test_panel",
    "user_panel_rewards": "retention_test_panel",
    "credit_check": "retention_credit_notes",
    "data_collected": "retention_master_data",
}
# Records too broad to name one retention rule when a full question asks how long they are kept:
# "how long do you keep my data?" classified as data_collected is the general retention question.
_BROAD_RECORDS = frozenset({"data_collected"})
# The reverse: a retention topic -> its record's own topic.
RECORD_OF: Dict[str, str] = {}
for _record, _retention in RETENTION_OF.items():
    RECORD_OF.setdefault(_retention, _record)

RIGHTS_TOPICS = frozenset({
    "rights_overview", "right_access", "right_erasure", "right_rectification", "right_restriction",
    "right_portability", "right_objection", "direct_marketing_objection", "exercise_rights",
    "response_deadline", "consent_withdrawal",
})

# Words that open a continuation: "and ...", "what about ...", "og ...", "hvad med ...", "och ...".
_CONTINUATION = re.compile(
    r"^\s*(?:and|also|plus|but|what about|how about|og|samt|men|hvad med|hvordan med|hvad så med|"
    r"och|hur är det med|hur ar det med|vad gäller|vad galler|än|an|then|så|sa)(?!\w)",
    re.IGNORECASE,
)
_SPEED = re.compile(
    r"how (?:fast|quick(?:ly)?|soon)|how long (?:does|will|would) (?:it|that|this) take|when will i (?:get|hear)|"
    r"hvor hurtigt|hvor lang tid (?:tager|går)|hvornår får jeg|hur snabbt|hur fort|hur lång tid tar|hur lang tid tar|"
    r"när får jag|nar far jag|more time|mere tid|mer tid|extend|forlæng|förläng|forlang|forläng|"
    r"takes? longer|længere tid|laengere tid|längre tid|langre tid",
    re.IGNORECASE,
)
_LONGER = re.compile(
    r"longer|shorter|sooner|earlier|forever|længere|laengere|kortere|tidligere|for evigt|"
    r"längre|langre|kortare|tidigare|för alltid|for alltid",
    re.IGNORECASE,
)
_REFUSE = re.compile(
    r"say no|if i (?:don't|do not|refuse|decline)|siger nej|sige nej|ikke vil|nægter|afviser|"
    r"säger nej|sager nej|inte vill|vägrar|vagrar|tackar nej",
    re.IGNORECASE,
)
_HOW_TO_ASK = re.compile(
    r"what should (?:the|my|it|that) (?:e-?mail|mail|letter|request)|what (?:do|must|should) i (?:write|include|send)|"
    r"hvad skal (?:der stå|mailen|e-?mailen|den|brevet)|hvad skal jeg skrive|"
    r"vad ska (?:det stå|mejlet|mailet|e-?posten|brevet)|vad ska jag skriva|where do i send|hvor sender jeg|vart skickar jag",
    re.IGNORECASE,
)
# "and if that doesn't help?", "what happens then?": the next step of the same topic.
_NEXT = re.compile(
    r"(?:if|hvis|om) (?:it|that|this|det|dette|detta) (?:doesn't|does not|won't|ikke|inte) (?:help|work|hjælper|hjaelper|virker|hjälper|hjalper|fungerar)|"
    r"what happens (?:next|then|after(?:wards)?)|and then what|what then|hvad (?:sker|så|skal jeg) (?:der )?(?:så|bagefter|derefter|nu)|"
    r"hvad så|vad händer (?:sen|sedan|då|efteråt)|vad hander (?:sen|sedan|da|efterat)|och sen då|och sen da|vad gör jag sen|vad gor jag sen",
    re.IGNORECASE,
)
# "why?", "hvorfor det?", "varför då?": the reason is in the passage just given.
_WHY = re.compile(
    r"^\W*(?:(?:and|but|og|men|och)\s+)?(?:why|how come|hvorfor|hvordan kan det være|varför|varfor|hur kommer det sig)"
    r"(?:\s+(?:is that|so|not|that|then|det|dog|ikke|då|da|inte|så|sa))*\W*$",
    re.IGNORECASE,
)
# "how long?", "when is it deleted?", "hvornår sletter I det?": how long the last topic's record is kept.
HOW_LONG = re.compile(
    r"how long|hvor l(?:æ|ae|a)nge|hur l(?:ä|a)nge|when (?:do|will|does|is|are) (?:you |it |they |that |those )?(?:delete|erase|deleted|erased|removed|gone)|"
    r"hvorn(?:å|aa|a)r (?:slett|bliver|forsvinder|fjerne)|n(?:ä|a)r (?:raderar|raderas|tar ni bort|försvinner|forsvinner|slänger)|"
    r"forsvinder (?:det|de|den)|försvinner (?:det|de|den)|get deleted|disappear",
    re.IGNORECASE,
)
# A fragment asking something else than "how long" ("og hvorfor optager I?"): not a retention follow-up.
_OTHER_QUESTION = re.compile(r"(?<!\w)(?:why|who|hvorfor|hvem|hvordan|varför|varfor|vem|how do|how does)(?!\w)", re.IGNORECASE)
# "hvad er deres nummer?", "what's their e-mail?": the contact details of the third party the last
# answer named (the supervisory authority after a complaint answer), not the company's own.
_THEIR_CONTACT = re.compile(
    r"(?<!\w)(?:their|deres|deras)\s+(?:\w+\s+)?(?:phone|number|nummer|telefon\w*|e-?mail\w*|mail\w*|mejl\w*|"
    r"address\w*|adress\w*|website|hjemmeside|webbplats|hemsida)",
    re.IGNORECASE,
)
_PRONOUN = re.compile(
    r"(?<!\w)(?:it|that|those|them|these|this|det|den|dem|dom|de|dette|disse|dessa|detta)(?!\w)", re.IGNORECASE
)
MAX_FRAGMENT_WORDS = 5
MAX_FOLLOW_UP_WORDS = 9


def word_count(text: str) -> int:
    """Number of words in ``text``."""
    return len(re.findall(r"[^\W_]+", text or ""))


def is_fragment(text: str) -> bool:
    """A short continuation: "og telefonoptagelser?", "and the chat logs?", "mine stamdata?"."""
    words = word_count(text)
    return words <= 3 or (words <= MAX_FRAGMENT_WORDS and bool(_CONTINUATION.search(text)))


def retention_follow_up(topic: Optional[str], last_topic: Optional[str], text: str) -> Optional[str]:
    """The retention topic for a record-type fragment right after a retention answer."""
    if not topic or not last_topic or not last_topic.startswith("retention_"):
        return None
    if topic in RETENTION_OF and is_fragment(text) and not _OTHER_QUESTION.search(text):
        return RETENTION_OF[topic]
    return None


def retention_question(topic: Optional[str], text: str) -> Optional[str]:
    """The retention topic when a how-long question was classified as the record itself.

    "billederne af min nummerplade, hvor længe ligger de hos jer?" names the record (plate
    recognition) and asks how long: the answer is the record's retention topic.
    """
    if topic in RETENTION_OF and topic not in _BROAD_RECORDS and HOW_LONG.search(text or "") and not _OTHER_QUESTION.search(text or ""):
        return RETENTION_OF[topic]
    return None


def cue_follow_up(last_topic: Optional[str], text: str) -> Optional[str]:
    """The topic a short cue question continues ("how fast?", "keep it longer?"), if any."""
    if not last_topic or word_count(text) > MAX_FOLLOW_UP_WORDS:
        return None
    if _SPEED.search(text):
        return "response_deadline" if last_topic in RIGHTS_TOPICS else last_topic
    if _HOW_TO_ASK.search(text):
        return "exercise_rights" if last_topic in RIGHTS_TOPICS else last_topic
    if _LONGER.search(text) and last_topic.startswith("retention_"):
        return last_topic
    if _REFUSE.search(text) or _NEXT.search(text) or _WHY.search(text):
        return last_topic
    if _THEIR_CONTACT.search(text) and last_topic not in ("contact", "controller"):
        return last_topic
    # "hvor længe?", "and how long do you keep those?", "when do you delete it?": the last record's
    # retention (other topics: the classifier's, usually the general retention rule).
    if HOW_LONG.search(text) and (_PRONOUN.search(text) or word_count(text) <= 3):
        return RETENTION_OF.get(last_topic, last_topic if last_topic.startswith("retention_") else None)
    return None


_SAME = re.compile(
    r"(?<!\w)(?:the same|det samme|den samme|detsamma|samma sak|likadant|likadan|do it|does it|gør det|gør de det|gör det|gör de det)(?!\w)",
    re.IGNORECASE,
)


# Narrower than _PRONOUN: "de"/"den" open many full Danish and Swedish questions ("de to firmaers mail").
_BACK = re.compile(r"(?<!\w)(?:it|that|those|them|this|det|dem|dom|dette|detta)(?!\w)", re.IGNORECASE)


def refers_back(text: str) -> bool:
    """Whether a short message points back at what was just answered ("how does that compare?", "the same?")."""
    return word_count(text) <= MAX_FOLLOW_UP_WORDS and bool(_BACK.search(text or "") or _SAME.search(text or ""))


def vague_follow_up(last_topic: Optional[str], text: str) -> Optional[str]:
    """The previous topic for a short continuation the classifier could not place."""
    if last_topic and word_count(text) <= MAX_FOLLOW_UP_WORDS and (
        _CONTINUATION.search(text) or _PRONOUN.search(text)
    ):
        return last_topic
    return None
