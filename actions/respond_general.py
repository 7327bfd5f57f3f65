"""`action_respond_general`: greetings, thanks, goodbyes, "are you a bot?", hand-off, out of scope, fallback, yes/no.

The dialogue state may still make the turn an answer (a company typed after "which company?",
"and OJCO?"): :func:`actions.handle.handle_turn` decides, and :func:`actions.general_reply.general_reply`
is what this action says when the turn is small talk.
"""
from __future__ import annotations

from rasa_sdk import Action

from actions.general_reply import PHRASE_FOR_INTENT, general_reply, suggested_topics
from actions.turn_action import run_handled_turn

__all__ = ["ActionRespondGeneral", "PHRASE_FOR_INTENT", "general_reply", "suggested_topics"]


class ActionRespondGeneral(Action):
    """Reply to the conversational intents in the customer's language, with contact details where
    useful (or answer, when the dialogue state says so); set `lang` and the state slots."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_respond_general"

    run = run_handled_turn
