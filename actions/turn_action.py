"""The ``run`` shared by the actions whose turn :func:`actions.handle.handle_turn` decides.

``action_answer_policy`` and ``action_respond_general`` differ only in name (the rules pick one
by intent); the dialogue state decides whether the turn is an answer or small talk.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.handle import handle_turn


def run_handled_turn(
    action: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
) -> List[EventType]:
    """``Action.run``: reply to the latest message; returns the slot events of the new dialogue state."""
    return handle_turn(dispatcher, tracker)
