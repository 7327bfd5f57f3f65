"""Build rasa_sdk trackers the way the action server receives them, and run actions on them.

No trained model and no server: the tracker carries the parse data a real NLU would produce
(text, intent, entities, ranking) and the user event with the widget's metadata.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


def user_event(
    text: str,
    intent: str,
    *,
    entities: Sequence[Dict[str, Any]] = (),
    metadata: Optional[Dict[str, Any]] = None,
    ranking: Sequence[Dict[str, Any]] = (),
) -> Dict[str, Any]:
    """A serialised UserUttered event."""
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.95},
        "entities": list(entities),
        "intent_ranking": list(ranking) or [{"name": intent, "confidence": 0.95}],
    }
    return {"event": "user", "text": text, "parse_data": parse, "metadata": metadata or {}}


def bot_event(text: str, buttons: Sequence[Dict[str, str]] = ()) -> Dict[str, Any]:
    """A serialised BotUttered event."""
    return {"event": "bot", "text": text, "data": {"buttons": list(buttons) or None}, "metadata": {}}


def slot_event(name: str, value: Any) -> Dict[str, Any]:
    """A serialised SlotSet event."""
    return {"event": "slot", "name": name, "value": value}


def make_tracker(
    text: str,
    intent: str,
    *,
    entities: Sequence[Dict[str, Any]] = (),
    metadata: Optional[Dict[str, Any]] = None,
    slots: Optional[Dict[str, Any]] = None,
    history: Sequence[Dict[str, Any]] = (),
    ranking: Sequence[Dict[str, Any]] = (),
) -> Tracker:
    """A tracker whose latest event is the user message ``text`` classified as ``intent``."""
    latest = user_event(text, intent, entities=entities, metadata=metadata, ranking=ranking)
    all_slots = {"company": None, "lang": None, "pending_topic": None, "last_topic": None}
    all_slots.update(slots or {})
    events = list(history) + [latest]
    return Tracker("test-sender", all_slots, latest["parse_data"], events, False, None, {}, "action_listen")


@dataclass
class Outcome:
    """What an action said and which events it returned."""

    messages: List[Dict[str, Any]]
    events: List[Dict[str, Any]]

    @property
    def text(self) -> str:
        """All texts the bot sent, joined by newlines."""
        return "\n".join(m["text"] for m in self.messages if m.get("text"))

    @property
    def buttons(self) -> List[Dict[str, Any]]:
        """All buttons the bot sent."""
        return [b for m in self.messages for b in (m.get("buttons") or [])]

    @property
    def custom(self) -> List[Dict[str, Any]]:
        """All custom (json_message) payloads the bot sent."""
        return [m["custom"] for m in self.messages if m.get("custom")]

    def slot(self, name: str) -> Any:
        """The value the action set for ``name`` (KeyError if it did not set it)."""
        values = [e["value"] for e in self.events if e.get("event") == "slot" and e.get("name") == name]
        if not values:
            raise KeyError(name)
        return values[-1]

    def sets(self, name: str) -> bool:
        """Whether the action set slot ``name``."""
        return any(e.get("event") == "slot" and e.get("name") == name for e in self.events)


def run_action(action: Action, tracker: Tracker) -> Outcome:
    """Run ``action`` on ``tracker`` with a collecting dispatcher."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return Outcome(dispatcher.messages, list(events))
