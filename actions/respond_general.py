"""`action_respond_general`: greetings, thanks, goodbyes, "are you a bot?", hand-off, out of scope, fallback, yes/no."""
from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.company import resolve_company
from actions.compose import companies_in_scope, contacts_for, scope
from actions.knowledge_base import KnowledgeBase, load_knowledge_base
from actions.turn import intent_ranking, latest_intent, resolve_language

logger = logging.getLogger(__name__)

# Intent -> phrase in the knowledge base. Anything else gets the fallback phrase.
PHRASE_FOR_INTENT: Dict[str, str] = {
    "greet": "greeting",
    "goodbye": "goodbye",
    "thank": "thanks",
    "bot_challenge": "bot_challenge",
    "human_handoff": "human_handoff",
    "out_of_scope": "out_of_scope",
    "smalltalk": "smalltalk",
    "nlu_fallback": "fallback",
    # yes / no outside the deletion question (data/rules.yml routes those here)
    "affirm": "acknowledge",
    "deny": "acknowledge",
}

# When the NLU falls back, topics it still ranked at least this high are offered as buttons
# (the payload /ask_<topic> then gets the answer). Lower than RANKING_MIN_CONFIDENCE: a wrong
# suggestion costs the customer one glance, a wrong comparison a misleading answer.
SUGGESTION_MIN_CONFIDENCE = 0.05
MAX_SUGGESTIONS = 3


def suggested_topics(tracker: Tracker, kb: KnowledgeBase) -> List[str]:
    """Topic ids the classifier considered for this message, best first (at most 3)."""
    topics = []
    for intent, confidence in intent_ranking(tracker):
        topic = kb.topic_for_intent(intent)
        if topic and confidence >= SUGGESTION_MIN_CONFIDENCE:
            topics.append(topic.id)
    return topics[:MAX_SUGGESTIONS]


class ActionRespondGeneral(Action):
    """Reply to the conversational intents in the customer's language, with contact details where useful."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_respond_general"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Utter the phrase for the latest intent; set `lang` (and `company` when the turn names one)."""
        kb = load_knowledge_base()
        lang = resolve_language(tracker)
        intent = latest_intent(tracker) or "nlu_fallback"
        key = PHRASE_FOR_INTENT.get(intent, "fallback")
        resolution = resolve_company(tracker, kb)
        # A comparison cue in small talk says nothing about a company: talk about both.
        company = None if resolution.compare else resolution.company
        in_scope = companies_in_scope(company)
        text = kb.phrase(
            key, lang, scope=scope(in_scope, lang, kb), contacts=contacts_for(in_scope, lang, kb)
        )
        suggestions = suggested_topics(tracker, kb) if intent == "nlu_fallback" else []
        if suggestions:
            buttons = [
                {"title": kb.topic(t).title[lang], "payload": "/" + kb.topic(t).intent} for t in suggestions
            ]
            dispatcher.utter_message(text=text + " " + kb.phrase("suggestions", lang), buttons=buttons)
        else:
            dispatcher.utter_message(text=text)
        logger.info(
            "general reply: intent=%s lang=%s company=%s suggestions=%d", intent, lang, company or "-", len(suggestions)
        )
        events: List[EventType] = [SlotSet("lang", lang)]
        if company:
            events.append(SlotSet("company", company))
        return events
