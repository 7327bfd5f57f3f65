"""`action_answer_policy`: answers every ask_<topic> intent, choose_company and compare_companies.

What is answered for which company is decided by :func:`actions.dialogue.plan_turn` from the
message and the dialogue state; :func:`actions.handle.handle_turn` says it.
"""
from __future__ import annotations

from rasa_sdk import Action

from actions.turn_action import run_handled_turn
from actions.knowledge_base import load_knowledge_base
from actions.payloads import choose_company_payload

__all__ = ["ActionAnswerPolicy", "choose_company_payload"]

# Read and validate the knowledge base when the action server imports the actions: a broken file
# stops the server at start-up (KnowledgeBaseError) and the first answer pays no loading time.
load_knowledge_base()


class ActionAnswerPolicy(Action):
    """Answer a policy question for the resolved company, both companies, or ask which company;
    set `lang`, `company`, `last_topic` and `pending_topic`."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_answer_policy"

    run = run_handled_turn
