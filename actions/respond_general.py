"""`action_respond_general`: greetings, thanks, goodbyes, "are you a bot?", hand-off, out of scope, fallback, yes/no."""
from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.company import resolve_company
from actions.compose import companies_in_scope, contacts_for, scope
from actions.knowledge_base import load_knowledge_base
from actions.turn import latest_intent, resolve_language

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
        dispatcher.utter_message(text=text)
        logger.info("general reply: intent=%s lang=%s company=%s", intent, lang, company or "-")
        events: List[EventType] = [SlotSet("lang", lang)]
        if company:
            events.append(SlotSet("company", company))
        return events
