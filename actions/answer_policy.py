"""`action_answer_policy`: answers every ask_<topic> intent, choose_company and compare_companies."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.company import resolve_company
from actions.compose import OVERVIEW_TOPICS, comparison_answer, contacts_for, topic_answer
from actions.knowledge_base import COMPANY_IDS, KnowledgeBase, load_knowledge_base
from actions.turn import (
    CONTINUATION_INTENTS,
    intent_ranking,
    latest_intent,
    previous_user_intents,
    resolve_language,
)

logger = logging.getLogger(__name__)

# An ask_ intent ranked below compare_companies still names the compared topic when at least this sure.
# Calibrated on the first full NLU model: topical comparisons put their topic second at 0.06-0.26,
# topic-less ones ("compare OK and OJCO") leave ask_ intents at <= 0.004, but an unrelated topic can
# reach 0.07 ("jämför OK och OJCO ... radering": ask_social_media 0.073). A wrong topic misleads more
# than the short overview, hence 0.1. Better still: NLU data that keeps compare_companies topic-free,
# so topical comparisons classify as ask_<topic> and the cue words make the answer cover both.
RANKING_MIN_CONFIDENCE = 0.1

# Read and validate the knowledge base when the action server imports the actions: a broken file
# stops the server at start-up (KnowledgeBaseError) and the first answer pays no loading time.
load_knowledge_base()


def choose_company_payload(company_id: str) -> str:
    """The button payload that answers "which company?" with ``company_id``."""
    return '/choose_company{"company":"' + company_id + '"}'


def previous_topic(tracker: Tracker, kb: KnowledgeBase) -> Optional[str]:
    """The topic of the question this turn continues ("and OJCO?", "compare them"), if any.

    Walks back over earlier user turns, skipping choose_company / compare_companies turns; the first
    ask_ intent is the topic, any other intent ends the search.
    """
    for intent in previous_user_intents(tracker):
        if intent in CONTINUATION_INTENTS:
            continue
        topic = kb.topic_for_intent(intent)
        return topic.id if topic else None
    return None


def ranked_topic(tracker: Tracker, kb: KnowledgeBase) -> Optional[str]:
    """The best-ranked ask_ intent of this message, if the classifier is reasonably sure of it."""
    for intent, confidence in intent_ranking(tracker):
        topic = kb.topic_for_intent(intent)
        if topic and confidence >= RANKING_MIN_CONFIDENCE:
            return topic.id
    return None


def _known_topic(value: Any, kb: KnowledgeBase) -> Optional[str]:
    return value if isinstance(value, str) and value in kb.topics else None


class ActionAnswerPolicy(Action):
    """Answer a policy question for the resolved company, both companies, or ask which company."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_answer_policy"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Utter the answer and set `lang`, `company` and `pending_topic`."""
        kb = load_knowledge_base()
        lang = resolve_language(tracker)
        intent = latest_intent(tracker)
        resolution = resolve_company(tracker, kb)
        pending = _known_topic(tracker.get_slot("pending_topic"), kb)
        events: List[EventType] = [SlotSet("lang", lang)]

        topic = kb.topic_for_intent(intent)
        if topic is not None:
            topic_id: Optional[str] = topic.id
        elif intent == "compare_companies":
            topic_id = ranked_topic(tracker, kb) or pending or previous_topic(tracker, kb)
        elif intent == "choose_company":
            topic_id = pending or previous_topic(tracker, kb)
        else:
            # Routed here by mistake (a rule/story naming an intent this action does not know).
            logger.warning("action_answer_policy: unexpected intent %s", intent)
            dispatcher.utter_message(text=kb.phrase("fallback", lang, contacts=contacts_for(COMPANY_IDS, lang, kb)))
            return events

        if resolution.company:
            events.append(SlotSet("company", resolution.company))

        # The classifier's compare_companies alone is weak evidence ("kan I bare ændre jeres
        # politik?" scored it): a question about one known company gets that company's answer
        # unless the text itself asks for a comparison or names both companies.
        single_company_question = (
            intent == "compare_companies" and topic_id is not None and resolution.company is not None
        )
        if resolution.compare or (intent == "compare_companies" and not single_company_question):
            topics = [topic_id] if topic_id else list(OVERVIEW_TOPICS)
            dispatcher.utter_message(text=comparison_answer(kb, topics, lang))
            logger.info("answered comparison: topics=%s lang=%s", ",".join(topics), lang)
            return events + _clear_pending(pending)

        if topic_id is None:
            # choose_company with nothing to answer yet.
            if resolution.company:
                display = kb.company(resolution.company).display_name
                dispatcher.utter_message(text=kb.phrase("company_chosen", lang, company_display=display))
                return events
            return events + self._ask_company(dispatcher, kb, lang, None)

        if resolution.company is None:
            return events + self._ask_company(dispatcher, kb, lang, topic_id)

        dispatcher.utter_message(text=topic_answer(kb, topic_id, resolution.company, lang))
        logger.info(
            "answered topic=%s company=%s source=%s lang=%s", topic_id, resolution.company, resolution.source, lang
        )
        return events + _clear_pending(pending)

    @staticmethod
    def _ask_company(
        dispatcher: CollectingDispatcher, kb: KnowledgeBase, lang: str, topic_id: Optional[str]
    ) -> List[EventType]:
        buttons = [
            {"title": kb.company(cid).display_name, "payload": choose_company_payload(cid)} for cid in COMPANY_IDS
        ]
        dispatcher.utter_message(text=kb.phrase("ask_company", lang), buttons=buttons)
        logger.info("asked which company: topic=%s lang=%s", topic_id, lang)
        return [SlotSet("pending_topic", topic_id)]


def _clear_pending(pending: Optional[str]) -> List[EventType]:
    return [SlotSet("pending_topic", None)] if pending else []
