"""The action server finds every action the domain names, and the domain's topic intents match the KB."""
from __future__ import annotations

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

from actions.knowledge_base import load_knowledge_base

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"


def test_the_action_server_registers_every_custom_action_of_the_domain() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    wanted = {a for a in domain["actions"] if a.startswith("action_")}
    assert wanted <= set(executor.actions)
    assert {"action_answer_policy", "action_respond_general", "action_conversation_rights"} <= set(executor.actions)


def test_every_topic_intent_of_the_domain_is_answered_by_the_knowledge_base() -> None:
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    domain_topics = [i for i in domain["intents"] if isinstance(i, str) and i.startswith("ask_")]
    assert sorted(domain_topics) == sorted(load_knowledge_base().intents)
