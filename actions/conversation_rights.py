"""`action_conversation_rights`: delete / download this conversation, opt out of training.

The action only talks and signals: it sends a bot message whose custom payload is
``{"privacybot": {"request": "delete_conversation" | "download_conversation" | "opt_out_training"}}``
and the web server carries the request out. Deleting asks first (buttons with payloads
``/confirm_delete_conversation`` and ``/deny``); the request is signalled only once confirmed.
A typed yes/no (affirm / deny) right after that question counts as the answer; at any other time
affirm / deny get a neutral acknowledgement. See docs/knowledge-base.md.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import KnowledgeBase, load_knowledge_base
from actions.turn import latest_intent, resolve_language

logger = logging.getLogger(__name__)

CONFIRM_DELETE_PAYLOAD = "/confirm_delete_conversation"
DENY_PAYLOAD = "/deny"
REQUESTS = ("delete_conversation", "download_conversation", "opt_out_training")


def request_payload(request: str) -> Dict[str, Any]:
    """The custom payload the web server acts on."""
    return {"privacybot": {"request": request}}


def awaiting_delete_confirmation(tracker: Tracker) -> bool:
    """Whether the bot's last message before this turn asked to confirm deleting the conversation."""
    last_user = max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=len(tracker.events))
    for event in reversed(tracker.events[:last_user]):
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            return any(b.get("payload") == CONFIRM_DELETE_PAYLOAD for b in buttons)
        if event.get("event") == "user":
            return False
    return False


class ActionConversationRights(Action):
    """Explain and signal the customer's requests about this conversation."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_conversation_rights"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Reply for delete / confirm / download / opt-out / affirm / deny; set `lang`."""
        kb = load_knowledge_base()
        lang = resolve_language(tracker)
        intent = latest_intent(tracker)
        if intent in ("affirm", "deny") and awaiting_delete_confirmation(tracker):
            intent = "confirm_delete_conversation" if intent == "affirm" else "cancel_delete_conversation"
        request = self._reply(dispatcher, kb, lang, intent)
        logger.info("conversation rights: intent=%s request=%s lang=%s", intent, request or "-", lang)
        return [SlotSet("lang", lang)]

    @staticmethod
    def _reply(dispatcher: CollectingDispatcher, kb: KnowledgeBase, lang: str, intent: Optional[str]) -> Optional[str]:
        """Utter the reply; return the request signalled to the web server, if any."""
        if intent == "delete_conversation":
            buttons = [
                {"title": kb.phrase("delete_button_yes", lang), "payload": CONFIRM_DELETE_PAYLOAD},
                {"title": kb.phrase("delete_button_no", lang), "payload": DENY_PAYLOAD},
            ]
            dispatcher.utter_message(text=kb.phrase("delete_explain", lang))
            dispatcher.utter_message(text=kb.phrase("delete_confirm", lang), buttons=buttons)
            return None
        if intent == "confirm_delete_conversation":
            dispatcher.utter_message(text=kb.phrase("delete_done", lang))
            dispatcher.utter_message(json_message=request_payload("delete_conversation"))
            return "delete_conversation"
        if intent == "cancel_delete_conversation":
            dispatcher.utter_message(text=kb.phrase("delete_cancelled", lang))
            return None
        if intent in ("download_conversation", "opt_out_training"):
            dispatcher.utter_message(text=kb.phrase(intent, lang))
            dispatcher.utter_message(json_message=request_payload(intent))
            return intent
        dispatcher.utter_message(text=kb.phrase("acknowledge", lang))
        return None
