"""Custom actions run in the server process, through rasa-sdk, without an action server."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.agent import in_process_action_endpoint

BAD_RESPONSE = {"events": [{"event": "no_such_event"}], "responses": "not a list"}


def test_in_process_endpoint_runs_the_projects_actions() -> None:
    endpoint = in_process_action_endpoint()
    assert "action_answer_policy" in endpoint.executor.actions
    assert "action_conversation_rights" in endpoint.executor.actions


async def test_in_process_endpoint_answers_an_action_call_like_an_action_server() -> None:
    endpoint = in_process_action_endpoint()
    call = {
        "next_action": "action_respond_general",
        "sender_id": "t-1",
        "tracker": {
            "sender_id": "t-1",
            "slots": {},
            "latest_message": {"intent": {"name": "greet", "confidence": 1.0}, "entities": [], "text": "hej"},
            "events": [{"event": "user", "text": "hej", "parse_data": {"intent": {"name": "greet"}}, "metadata": {"company": "OK", "lang": "da"}}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {},
    }
    result = await endpoint.request(json=call, method="post")
    assert result["responses"], "the action said nothing"
    assert any("OK" in (r.get("text") or "") for r in result["responses"])


def test_schema_check_is_skipped_only_for_in_process_actions() -> None:
    # Rasa's JSON-schema check cost half the CPU per message; our own actions skip it,
    # a real HTTP action server's answers are still checked.
    in_process = RemoteAction("action_answer_policy", in_process_action_endpoint())
    assert in_process._validate_action_result(BAD_RESPONSE)
    remote = RemoteAction("action_answer_policy", EndpointConfig(url="http://127.0.0.1:5055/webhook"))
    with pytest.raises(jsonschema.ValidationError):
        remote._validate_action_result(BAD_RESPONSE)
