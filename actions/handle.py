"""One turn: plan it from the dialogue state (:mod:`actions.dialogue`), say it, update the state slots."""
from __future__ import annotations

import logging
from typing import List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.compose import OVERVIEW_TOPICS, comparison_answer, topic_answer
from actions.dialogue import (
    ANSWER, ASK_COMPANY, COMPANY_CHOSEN, COMPARE, CONTINUING_REASONS, GENERAL, Plan, company_in_play, known_topic,
    plan_turn,
)
from actions.greetings import greeting_or_goodbye
from actions.catalogue import COMPANIES
from actions.knowledge_base import KnowledgeBase, load_knowledge_base
from actions.general_reply import general_reply
from actions.payloads import choose_company_payload
from actions.details import missing_details
from actions.turn import (
    chat_retention_days, latest_intent, latest_text, previous_user_intents, previous_user_text, resolve_language,
)

logger = logging.getLogger(__name__)


def handle_turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Reply to the latest user message; returns the slot events of the new dialogue state."""
    kb = load_knowledge_base()
    lang = resolve_language(tracker)
    plan = plan_turn(tracker, kb)
    pending = known_topic(tracker.get_slot("pending_topic"), kb)
    events: List[EventType] = [SlotSet("lang", lang)]
    logger.info(
        "turn: plan=%s topic=%s company=%s reason=%s lang=%s",
        plan.kind, plan.topic or "-", plan.company or "-", plan.reason, lang,
    )
    text = latest_text(tracker)
    days = chat_retention_days(tracker)
    if plan.kind == ANSWER and plan.topic and plan.company:
        # "and the Swedish company?" after "do you have a DPO?": the detail asked before still applies.
        question = f"{previous_user_text(tracker)}\n{text}" if plan.reason in CONTINUING_REASONS else text
        missing = missing_details(question, plan.topic, plan.company, kb, lang)
        dispatcher.utter_message(
            text=topic_answer(kb, plan.topic, plan.company, lang, missing=missing, chat_retention_days=days)
        )
        return events + [SlotSet("company", plan.company), SlotSet("last_topic", plan.topic)] + _clear(pending)
    if plan.kind == COMPARE:
        topics = [plan.topic] if plan.topic else list(OVERVIEW_TOPICS)
        missing = (
            {cid: missing_details(text, plan.topic, cid, kb, lang) for cid in COMPANIES} if plan.topic else {}
        )
        dispatcher.utter_message(
            text=comparison_answer(kb, topics, lang, missing=missing, chat_retention_days=days)
        )
        # The company entity mapping may have put the last-named company into the slot: a
        # comparison leaves the company in play what it was.
        events.append(SlotSet("company", company_in_play(tracker, kb)))
        return events + ([SlotSet("last_topic", plan.topic)] if plan.topic else []) + _clear(pending)
    if plan.kind == ASK_COMPANY:
        return events + _ask_company(dispatcher, kb, lang, plan.topic or pending)
    if plan.kind == COMPANY_CHOSEN and plan.company:
        display = kb.company(plan.company).display_name
        dispatcher.utter_message(text=kb.phrase("company_chosen", lang, company_display=display))
        return events + [SlotSet("company", plan.company)]
    intent = greeting_or_goodbye(latest_intent(tracker) or "nlu_fallback", text, lang, bool(previous_user_intents(tracker)))
    general_reply(dispatcher, tracker, kb, intent, lang, plan.company)
    return events + ([SlotSet("company", plan.company)] if plan.company else [])


def _ask_company(
    dispatcher: CollectingDispatcher, kb: KnowledgeBase, lang: str, topic_id: Optional[str]
) -> List[EventType]:
    buttons = [{"title": kb.company(cid).display_name, "payload": choose_company_payload(cid)} for cid in COMPANIES]
    dispatcher.utter_message(text=kb.phrase("ask_company", lang), buttons=buttons)
    return [SlotSet("pending_topic", topic_id)]


def _clear(pending: Optional[str]) -> List[EventType]:
    return [SlotSet("pending_topic", None)] if pending else []


__all__ = ["handle_turn", "Plan", "GENERAL"]
