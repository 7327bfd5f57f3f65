"""The dialogue state and what to do with a turn: answer which topic for which company, or reply in kind.

State lives in slots: `company` (in play), `last_topic` (of the last answer), `pending_topic` (asked
without a company; the bot asked "which company?"), `lang` (of the conversation). :func:`plan_turn`
reads them with the latest message and returns a :class:`Plan`; the same plan results whichever of
action_answer_policy / action_respond_general the rules ran, so a customer typing "ok" after
"which company?" (classified as the everyday "okay") still gets the answer to the question asked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from rasa_sdk import Tracker

from actions.company import normalise_company, resolve_company
from actions.details import missing_details
from actions.focus import question_text
from actions.followup import (
    cue_follow_up, is_fragment, refers_back, retention_follow_up, retention_question, vague_follow_up, word_count,
)
from actions.catalogue import COMPANIES, LANGUAGES
from actions.knowledge_base import KnowledgeBase
from actions.references import (
    BOTH, LANGUAGE_REQUEST, company_reference, content_words, only_a_company, only_a_language_wish, without_language_wish,
)
from actions.retention import record_retention, specific_retention
from actions.turn import (
    CONTINUATION_INTENTS,
    intent_ranking,
    is_payload,
    latest_intent,
    latest_metadata,
    latest_text,
    previous_user_intents,
    slot_before_latest_turn,
)

# An ask_ intent ranked below compare_companies still names the compared topic when at least this sure.
# Calibrated on the first full NLU model: topical comparisons put their topic second at 0.06-0.26,
# topic-less ones ("compare OK and OJCO") leave ask_ intents at <= 0.004. A wrong topic misleads more
# than the short overview, hence 0.1.
RANKING_MIN_CONFIDENCE = 0.1
# A cue follow-up ("how fast?") beats the classifier's topic when the message is this short or the
# classifier this unsure.
CUE_MAX_WORDS = 6
CUE_MAX_CONFIDENCE = 0.5
# Intents whose turn may still be a vague continuation of the last topic ("and those?").
VAGUE_INTENTS = ("nlu_fallback", "out_of_scope", "affirm", "deny", "choose_company", "compare_companies")
# Conversational intents a short back-referring follow-up is often mistaken for ("påvirker det noget?"
# read as small talk): the last topic wins when the classifier still ranks it at least this high
# and is itself no surer than SOCIAL_MAX_CONFIDENCE.
SOCIAL_INTENTS = ("smalltalk", "bot_challenge", "goodbye", "greet", "thank")
LAST_TOPIC_MIN_CONFIDENCE = 0.05
SOCIAL_MAX_CONFIDENCE = 0.5
# Reasons whose answer continues the previous question: its details ("a DPO?") still apply.
CONTINUING_REASONS = ("company follow-up", "company follow-up, last topic")
# A back-reference ("how does that compare?") beats the classifier's topic only when the classifier
# is this unsure of it: "sammenlign de to firmaers kontaktmail" names its topic plainly.
BACK_REFERENCE_MAX_TOPIC_CONFIDENCE = 0.3

# A long message the classifier put out of scope or to the fallback still gets its best-ranked topic
# when that is at least this sure: a customer who writes a story to this bot asks about their data.
LONG_MESSAGE_MIN_CONFIDENCE = 0.15

ANSWER = "answer"  # one company's answer on `topic`
COMPARE = "compare"  # both companies on `topic` (or the short overview when no topic)
ASK_COMPANY = "ask_company"  # the topic is known, the company not
COMPANY_CHOSEN = "company_chosen"  # a company picked with no question yet
GENERAL = "general"  # greeting, thanks, fallback ...: action_respond_general's phrases


@dataclass(frozen=True)
class Plan:
    """What to do with this turn."""

    kind: str
    topic: Optional[str] = None
    company: Optional[str] = None
    reason: str = ""  # for the log: which rule decided


def known_topic(value: Any, kb: KnowledgeBase) -> Optional[str]:
    """``value`` if it is a topic id of the knowledge base."""
    return value if isinstance(value, str) and value in kb.topics else None


def previous_topic(tracker: Tracker, kb: KnowledgeBase) -> Optional[str]:
    """The topic of the last earlier user turn with an ask_ intent (when no `last_topic` slot is set)."""
    for intent in previous_user_intents(tracker):
        if intent in CONTINUATION_INTENTS:
            continue
        topic = kb.topic_for_intent(intent)
        return topic.id if topic else None
    return None


def ranked_topic(tracker: Tracker, kb: KnowledgeBase, min_confidence: float = RANKING_MIN_CONFIDENCE) -> Optional[str]:
    """The best-ranked ask_ intent of this message, if the classifier is at least ``min_confidence`` sure of it."""
    for intent, confidence in intent_ranking(tracker):
        topic = kb.topic_for_intent(intent)
        if topic and confidence >= min_confidence:
            return topic.id
    return None


def company_in_play(tracker: Tracker, kb: KnowledgeBase) -> Optional[str]:
    """The company the conversation was about before this message (slot, else the page's)."""
    return normalise_company(slot_before_latest_turn(tracker, "company"), kb) or normalise_company(
        latest_metadata(tracker).get("company"), kb
    )


def last_answer_compared(tracker: Tracker, kb: KnowledgeBase) -> bool:
    """Whether the bot's last answer put both companies side by side (it opens with a comparison intro)."""
    openings = tuple(kb.phrase(key, lang) for key in ("compare_intro", "compare_overview") for lang in LANGUAGES)
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            return str(event["text"]).startswith(openings)
    return False


def _for(topic: str, company: Optional[str], reason: str) -> Plan:
    if company == BOTH:
        return Plan(COMPARE, topic, None, reason)
    if company is None:
        return Plan(ASK_COMPANY, topic, None, reason)
    return Plan(ANSWER, topic, company, reason)


def last_topic_ranked(tracker: Tracker, kb: KnowledgeBase, last: Optional[str]) -> bool:
    """Whether the classifier still ranks the last topic's intent among its candidates for this message."""
    if not last:
        return False
    intent = kb.topic(last).intent
    return any(name == intent and conf >= LAST_TOPIC_MIN_CONFIDENCE for name, conf in intent_ranking(tracker)[:5])


def _topic_of(kb: KnowledgeBase) -> Callable[[str], Optional[str]]:
    """intent name -> its topic id (None for intents that are no topic)."""
    def topic_of(intent: str) -> Optional[str]:
        topic = kb.topic_for_intent(intent)
        return topic.id if topic else None
    return topic_of


def _topic_confidence(tracker: Tracker, kb: KnowledgeBase) -> float:
    """The confidence of the best-ranked ask_ intent of this message (0 if none)."""
    return max((conf for name, conf in intent_ranking(tracker) if kb.topic_for_intent(name)), default=0.0)


def _confidence(tracker: Tracker) -> float:
    ranking = intent_ranking(tracker)
    return ranking[0][1] if ranking else 0.0


def plan_turn(tracker: Tracker, kb: KnowledgeBase) -> Plan:
    """Decide what this turn asks, from the message and the dialogue state."""
    # A long message is read by its question: a country or company in the story must not switch company.
    text = question_text(latest_text(tracker))
    long_message = text != latest_text(tracker)
    intent = latest_intent(tracker) or "nlu_fallback"
    payload = is_payload(text)
    pending = known_topic(tracker.get_slot("pending_topic"), kb)
    last = known_topic(tracker.get_slot("last_topic"), kb) or previous_topic(tracker, kb)
    in_play = company_in_play(tracker, kb)
    resolution = resolve_company(tracker, kb)

    # A button: /choose_company{"company": ...} answers the question asked, /ask_<topic> asks one.
    if payload:
        if intent == "choose_company":
            topic = pending or last
            if topic:
                return _for(topic, resolution.company, "button")
            return Plan(COMPANY_CHOSEN, None, resolution.company, "button") if resolution.company else Plan(
                ASK_COMPANY, None, None, "button"
            )
        topic_obj = kb.topic_for_intent(intent)
        if topic_obj:
            return _for(topic_obj.id, resolution.company, "button")
        return Plan(GENERAL, reason="button")

    # The bot asked "which company?": a message naming only a company answers the pending question.
    if pending:
        reference = only_a_company(text, kb, in_play, lenient=True)
        if reference:
            return _for(pending, reference, "pending")

    # "and OJCO?", "den anden?", "the Swedish one?", "and in English?": the last topic again.
    if last:
        reference = only_a_company(text, kb, in_play)
        if reference:
            return _for(last, reference, "company follow-up")
        if only_a_language_wish(text, kb):
            return _for(last, resolution.company, "language follow-up")

    # "sorry, in English please: and phone calls?": the language wish is handled by the language
    # detection; the rest is read as any follow-up.
    follow_up = without_language_wish(text) if LANGUAGE_REQUEST.search(text) else text

    # The company of a full question: named, "the other one", a country, the slot, the page.
    company: Optional[str] = BOTH if resolution.compare else resolution.company
    if resolution.source != "message" and not resolution.compare:
        reference = company_reference(text, kb, in_play)
        if reference:
            company = reference

    # After a side-by-side answer, a fragment naming no company ("og adresserne?", "and
    # registration numbers?") continues the comparison.
    if company != BOTH and resolution.source != "message" and is_fragment(follow_up) and last_answer_compared(tracker, kb):
        company = BOTH

    topic_obj = kb.topic_for_intent(intent)
    topic = topic_obj.id if topic_obj else None
    # "how does that compare with OK?", "and does either of them do it?": a comparison or company
    # follow-up that points back ("that", "it", "det") is about the last topic, not the runner-up.
    back = last if last and refers_back(follow_up) and _topic_confidence(tracker, kb) < BACK_REFERENCE_MAX_TOPIC_CONFIDENCE else None
    if intent == "compare_companies":
        topic = back or ranked_topic(tracker, kb) or pending or last
        if company != BOTH and (topic is None or resolution.company is None):
            company = BOTH
    elif intent == "choose_company" and content_words(text, kb):
        # More than a company ("what are the addresses of OK and OJCO?"): the topic it also names;
        # "does the Swedish company have one?" names none, so it asks the last topic again.
        topic = back or ranked_topic(tracker, kb)
        if topic is None and last and company is not None:
            return _for(last, company, "company follow-up, last topic")

    cue = cue_follow_up(last, follow_up)
    if cue and (topic is None or word_count(follow_up) <= CUE_MAX_WORDS or _confidence(tracker) < CUE_MAX_CONFIDENCE):
        return _for(cue, company, "cue follow-up")
    if topic:
        topic = (
            retention_follow_up(topic, last, follow_up) or retention_question(topic, follow_up)
            or record_retention(topic, last, follow_up) or (specific_retention(topic, intent_ranking(tracker), _topic_of(kb)) if long_message else None)
            or topic
        )
        return _for(topic, company, "nlu")
    if intent in ("nlu_fallback", "out_of_scope") and long_message:
        # A long message (read by its question): the story's words ("we heat the summer house with
        # oil from you") pull the classifier off scope; its likeliest topic tells more than a fallback.
        likely = ranked_topic(tracker, kb, LONG_MESSAGE_MIN_CONFIDENCE)
        if likely:
            likely = (
                retention_question(likely, text) or record_retention(likely, last, text)
                or specific_retention(likely, intent_ranking(tracker), _topic_of(kb)) or likely
            )
            return _for(likely, company, "long message, likeliest topic")
    if (
        intent in SOCIAL_INTENTS and last and _confidence(tracker) < SOCIAL_MAX_CONFIDENCE
        and vague_follow_up(last, follow_up) and last_topic_ranked(tracker, kb, last)
    ):
        return _for(last, company, "follow-up read as small talk")
    if intent == "compare_companies":
        return Plan(COMPARE, None, None, "overview")
    if intent == "nlu_fallback" and company == BOTH:
        # "what are the addresses of OK and OJCO?": both answers on the likeliest topic tell the
        # customer more than a fallback (each answer names its section, so a wrong topic shows).
        likely = ranked_topic(tracker, kb)
        if likely:
            return Plan(COMPARE, likely, None, "both named, likeliest topic")
    if intent in VAGUE_INTENTS and company in COMPANIES:
        # "will you tell me if you are hacked?", "also with Google?": a detail the policy never
        # mentions throws the classifier off its topic. A short follow-up is about the last topic,
        # a full question about the likeliest one; under the "says nothing about …" lead either
        # tells the customer more than a fallback.
        short = last if last and word_count(text) <= CUE_MAX_WORDS else None
        candidates = ((short, "silent detail, last topic"), (ranked_topic(tracker, kb), "silent detail, likeliest topic"))
        for candidate, reason in candidates:
            if candidate and missing_details(text, candidate, company, kb, "en"):
                return Plan(ANSWER, candidate, company, reason)
    if intent in VAGUE_INTENTS:
        vague = vague_follow_up(last, follow_up)
        if vague:
            # "and if I get turned down?" after a job-application answer: that record's end, its retention.
            return _for(record_retention(vague, last, follow_up) or vague, company, "vague follow-up")
    if intent == "choose_company":
        if company in COMPANIES:
            return Plan(COMPANY_CHOSEN, None, company, "choose")
        return Plan(ASK_COMPANY, None, None, "choose")
    return Plan(GENERAL, None, company if company in COMPANIES else None, "general")
