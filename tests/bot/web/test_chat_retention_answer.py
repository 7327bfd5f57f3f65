"""On OJCO's page the bot says OJCO's policy is silent on chat retention and, apart from that,
how long this chat service keeps the conversation: the server's own setting, as the notice says."""
from __future__ import annotations

import uuid

import pytest

pytestmark = [pytest.mark.model]


async def test_the_answer_names_the_servers_retention_apart_from_the_policys_silence(make_client) -> None:
    client = await make_client(retention_days=90)
    response = await client.post(
        "/webhooks/rest/webhook",
        json={
            "sender": f"retention-{uuid.uuid4()}",
            "message": "hur länge sparar ni den här chatten?",
            "metadata": {"company": "OJCO", "lang": "sv"},
        },
    )
    assert response.status == 200
    answer = " ".join(m.get("text", "") for m in await response.json())
    assert "OJCO" in answer and "säger ingenting" in answer  # the policy's silence, said first
    assert "90 dagar" in answer and "180" not in answer  # the service's configured period
