"""What action_respond_general says when a turn is small talk: the intent's phrase; on a fallback the closest topics."""
from __future__ import annotations

from typing import Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.compose import companies_in_scope, contacts_for, scope, topic_answer
from actions.knowledge_base import KnowledgeBase
from actions.phrases import NEAREST_PASSAGE
from actions.turn import intent_ranking

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
# (the payload /ask_<topic> then gets the answer). A wrong suggestion costs the customer one glance.
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


def general_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker, kb: KnowledgeBase, intent: str, lang: str,
    company: Optional[str],
) -> None:
    """Utter the phrase for ``intent``; on a fallback also the closest topics and passage."""
    key = PHRASE_FOR_INTENT.get(intent, "fallback")
    in_scope = companies_in_scope(company)
    text = kb.phrase(key, lang, scope=scope(in_scope, lang, kb), contacts=contacts_for(in_scope, lang, kb))
    suggestions = suggested_topics(tracker, kb) if key == "fallback" else []
    if not suggestions:
        dispatcher.utter_message(text=text)
        return
    buttons = [{"title": kb.topic(t).title[lang], "payload": "/" + kb.topic(t).intent} for t in suggestions]
    parts = [text, kb.phrase("suggestions", lang)]
    if company:
        # The passage nearest to what was asked, for the company in play, so the customer has
        # something to read even when no button fits.
        parts.append(NEAREST_PASSAGE[lang] + " " + topic_answer(kb, suggestions[0], company, lang, invite_contact=False))
    dispatcher.utter_message(text=" ".join(parts[:2]) + ("\n" + parts[2] if len(parts) > 2 else ""), buttons=buttons)
