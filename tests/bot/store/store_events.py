"""Rasa events for store tests: one of every event type, each carrying identifiers."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Dict, List

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AgentUttered,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    Event,
    FollowupAction,
    LegacyForm,
    LegacyFormValidation,
    LoopInterrupted,
    ReminderCancelled,
    ReminderScheduled,
    Restarted,
    SessionStarted,
    SlotSet,
    StoryExported,
    UserUttered,
    UserUtteranceReverted,
)

DOMAIN = Domain.from_dict(
    {
        "intents": ["inform", "greet"],
        "entities": ["email"],
        "slots": {
            "email": {"type": "text", "mappings": [{"type": "custom"}]},
            "profile": {"type": "any", "mappings": [{"type": "custom"}]},
        },
        "responses": {"utter_greet": [{"text": "Hej"}]},
        "actions": ["action_answer"],
    }
)


def user(text: str, timestamp: float, intent: str = "inform") -> UserUttered:
    """A user message with a parse result, as Rasa's NLU would leave it."""
    return UserUttered(
        text,
        intent={"name": intent, "confidence": 0.93},
        parse_data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.93},
            "intent_ranking": [{"name": intent, "confidence": 0.93}],
            "entities": [],
        },
        timestamp=timestamp,
        input_channel="rest",
        message_id=f"m{int(timestamp * 1000)}",
    )


def turn(text: str, answer: str, timestamp: float) -> List[Event]:
    """One chat turn: user message, bot answer, back to listening."""
    return [
        user(text, timestamp),
        ActionExecuted("utter_greet", policy="RulePolicy", confidence=1.0, timestamp=timestamp + 0.001),
        BotUttered(answer, metadata={"utter_action": "utter_greet"}, timestamp=timestamp + 0.002),
        ActionExecuted("action_listen", timestamp=timestamp + 0.003),
    ]


def every_event_type(ids: Dict[str, str], t0: float) -> List[Event]:
    """One event of each Rasa event type; every free-text field carries identifiers."""
    cpr, pnr, email, phone = ids["cpr"], ids["personnummer"], ids["email"], ids["phone"]
    text = f"Mit CPR-nummer er {cpr} og min mail er {email}"
    meta = {"note": f"kunden skrev {email}", "nested": [{"phone": f"ring på {phone}"}]}
    entity = {"entity": "email", "value": email, "start": 34, "end": 34 + len(email),
              "extractor": "RegexEntityExtractor"}
    events: List[Event] = [
        SessionStarted(metadata=meta),
        ActionExecuted("action_listen", metadata=meta),
        UserUttered(
            text,
            intent={"name": "inform", "confidence": 0.91},
            entities=[entity],
            parse_data={
                "text": text,
                "intent": {"name": "inform", "confidence": 0.91},
                "intent_ranking": [{"name": "inform", "confidence": 0.91}],
                "entities": [entity],
            },
            input_channel="rest",
            message_id="msg-1",
            metadata={"customer": f"personnummer {pnr}"},
        ),
        DefinePrevUserUtteredFeaturization(False, metadata=meta),
        EntitiesAdded(entities=[entity], metadata=meta),
        SlotSet("email", email, metadata=meta),
        SlotSet("profile", {"cpr": cpr, "phones": [phone], "note": f"mail {email}"}, metadata=meta),
        ActionExecuted(action_text=f"Tak, jeg har noteret {cpr}", metadata=meta),
        ActionExecuted("action_answer", policy="RulePolicy", confidence=1.0, metadata=meta),
        BotUttered(
            f"Vi skriver til {email} eller ringer på {phone}",
            data={"buttons": [{"title": f"Ring {phone}", "payload": "/greet"}], "custom": {"echo": cpr}},
            metadata=meta,
        ),
        AgentUttered(f"Agenten noterede {pnr}", data={"copy": email}, metadata=meta),
        ActiveLoop("contact_form", metadata=meta),
        LegacyForm("contact_form", metadata=meta),
        LegacyFormValidation(True, metadata=meta),
        LoopInterrupted(True, metadata=meta),
        ActionExecutionRejected("action_answer", metadata=meta),
        FollowupAction("action_answer", metadata=meta),
        ReminderScheduled(
            "greet",
            trigger_date_time=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc),
            entities=[{"entity": "email", "value": email}],
            name="reminder_1",
            metadata=meta,
        ),
        ReminderCancelled(name="reminder_1", intent="greet", entities=[{"entity": "email", "value": email}],
                          metadata=meta),
        ConversationPaused(metadata=meta),
        ConversationResumed(metadata=meta),
        StoryExported(path=f"stories_{cpr}.yml", metadata=meta),
        UserUtteranceReverted(metadata=meta),
        ActionReverted(metadata=meta),
        AllSlotsReset(metadata=meta),
        Restarted(metadata=meta),
    ]
    for i, event in enumerate(events):
        event.timestamp = t0 + i
    return events
