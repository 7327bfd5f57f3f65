"""One store holding everything an export must leave out, next to what it must keep.

Collected relative to ``now``: kept conversations (one with a CPR number the first pass
redacted, a low-confidence message, a fallback and a button payload), a fully expired
one, one half expired, one whose customer opted out, and one with rows planted past the
first redaction pass (a raw CPR number in a customer's message, a raw e-mail address in
a bot message). Marker words make each message findable in the output.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from export_store import action, bot, converse, cpr, plant, user
from redaction import synthetic


@dataclass(frozen=True)
class Scenario:
    """What was stored, and the strings that must (not) appear in an export."""

    now: datetime
    typed_cpr: str
    planted_cpr: str
    planted_email: str
    kept_markers: tuple = ("kiwimarker", "mangomarker", "limemarker", "figmarker", "plummarker")
    absent_markers: tuple = ("expiredmarker", "halfexpiredmarker", "optedoutmarker", "plantedmarker", "plantedbotmarker")


def build(engine: Engine, now: datetime) -> Scenario:
    """Fill the (empty) store; returns what was put in."""
    typed_cpr = cpr(11)
    planted_cpr = cpr(12, "plain")
    planted_email = synthetic.email(random.Random(13))
    day = timedelta(days=1)

    converse(engine, "kept-da", [
        action("action_session_start", 1.0),
        user(f"kiwimarker hvor længe gemmer I chatten? Mit cpr er {typed_cpr}", 2.0, "ask_retention_chat", 0.93),
        bot("Vi gemmer chatbeskeder i højst 180 dage.", 3.0),
        user("tak for hjælpen [det var](godt) {x} mangomarker", 4.0, "thank", 0.41),
        user('/choose_company{"company":"OK"}', 5.0, "choose_company", 1.0),
        user("limemarker noget helt uforståeligt", 6.0, "nlu_fallback", 0.35,
             [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "ask_cookies", "confidence": 0.31}]),
    ], now - 10 * day)
    converse(engine, "kept-sv", [
        user("figmarker hur länge sparar ni mina uppgifter?", 2.0, "ask_retention_general", 0.88),
        bot("OJCO sparar uppgifterna så länge det behövs.", 3.0),
    ], now - 100 * day, company="OJCO", language="sv")
    converse(engine, "expired", [
        user("expiredmarker gammel besked", 2.0, "greet", 0.9),
        bot("expiredmarker svar", 3.0),
    ], now - 181 * day)
    converse(engine, "half-expired", [user("halfexpiredmarker fra dengang", 2.0, "greet", 0.9)], now - 181 * day)
    converse(engine, "half-expired", [user("plummarker hej igen", 9.0, "greet", 0.95)], now - day)
    converse(engine, "opted-out", [user("optedoutmarker brug ikke mig", 2.0, "greet", 0.9)], now - 5 * day,
             opted_out=True)
    converse(engine, "planted", [user("hvem er dataansvarlig", 2.0, "ask_controller", 0.97)], now - 3 * day)
    plant(engine, "planted", user(f"plantedmarker mit cpr-nummer er {planted_cpr}", 3.0, "ask_cpr_number", 0.9),
          now - 3 * day)
    plant(engine, "planted", bot(f"plantedbotmarker skriv til {planted_email}", 4.0), now - 3 * day)
    return Scenario(now=now, typed_cpr=typed_cpr, planted_cpr=planted_cpr, planted_email=planted_email)
