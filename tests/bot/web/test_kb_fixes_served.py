"""Issue 14 end to end: the served bot (real app, trained model, REST webhook) sends the fixed answers.

tests/actions/test_kb_facts.py checks every fix through the action; these few questions go the
whole way (NLU, policy, in-process action, web server) for fixes to topics every trained model
knows, so a model or a server that answers from somewhere else than the knowledge base fails here.
"""
from __future__ import annotations

import uuid
from typing import Sequence

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]

CASES = [
    # (page company, question, must contain, must not contain)
    ("OK", "Hvem kan se optagelserne fra jeres videoovervågning på tankstationen?",
     ("følges i realtid af få udvalgte medarbejdere",), ()),
    ("OJCO", "How long do you keep my personal data?",
     ("8.1 and 8.2", "until you withdraw your consent or object"), ("longer only where",)),
    ("OK", "hur kontaktar jag er?", ("+45 70 10 20 33", "mejla OK"), ("per telefon på",)),
    ("OK", "Hvordan får jeg indsigt i de oplysninger, I har om mig?", ("forlænges med 2 måneder",), ()),
    ("OJCO", "Where can I file a complaint about how you handle my data?",
     ("Article 77", "Datatilsynet", "IMY"), ("General GDPR information",)),
]


@pytest.mark.parametrize("company, question, present, absent", CASES, ids=[c[1][:30] for c in CASES])
async def test_the_served_bot_sends_the_fixed_answer(
    make_client, company: str, question: str, present: Sequence[str], absent: Sequence[str]
) -> None:
    client = await make_client()
    response = await client.post(
        "/webhooks/rest/webhook",
        json={"sender": str(uuid.uuid4()), "message": question, "metadata": {"company": company}},
    )
    assert response.status == 200
    text = "\n".join(m.get("text", "") for m in await response.json())
    for wanted in present:
        assert wanted in text, f"missing {wanted!r} in {text!r}"
    for unwanted in absent:
        assert unwanted not in text, f"still says {unwanted!r} in {text!r}"
