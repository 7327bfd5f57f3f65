"""Property-based (issue 11): valid identifiers in every spelling, obfuscated or not,
inside random da/sv/en sentences with random neighbouring words (including misleading
ones: "ordre", "ring", "kr", "call", "invoice"), never survive ``redact``, the store's
write path (``bot.store.redacting.redact_event`` + the split-message check on a real
SQLite store) or the export's second scan."""
from __future__ import annotations

import json
import random
from datetime import datetime, timezone

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.export.second_scan import SecondScan
from bot.store.redacting import redact_event
from redaction import redact, synthetic
from redaction.normalize import normalise
from redaction.recognizers._shared import digits_of
from redaction.recognizers.email_address import canonical_email

WORDS = {
    "da": ["hej", "mit", "nummer", "er", "ordre", "faktura", "ring", "til", "kr", "konto", "tak", "venlig", "hilsen",
           "kreditvurdering", "kunde", "i", "går", "og", "sagen", "om", "det", "her", "fra", "mig", "betalte"],
    "sv": ["hej", "mitt", "nummer", "är", "order", "faktura", "ring", "till", "kr", "konto", "tack", "hälsningar",
           "kreditupplysning", "kund", "igår", "och", "ärendet", "om", "det", "här", "från", "mig", "betalade"],
    "en": ["hi", "my", "number", "is", "order", "invoice", "call", "me", "kr", "account", "thanks", "regards",
           "credit", "check", "customer", "yesterday", "and", "the", "case", "about", "this", "from", "paid"],
}
GLUE = [(" ", " "), ("(", ")"), (":", "."), ('"', '"'), (" ", "!"), (" ", "?"), ("\n", "\n"), (" ", ", ")]


def _digits_form(rng: random.Random, kind: str) -> tuple:
    """(written value, canonical digits or address) of one identifier of ``kind``."""
    if kind == "cpr":
        digits = synthetic.dk_cpr(rng, mod11=rng.choice((None, False)))
        written = synthetic.format_cpr(digits, rng.choice(synthetic.CPR_STYLES))
    elif kind in ("pnr", "samord"):
        born, digits = synthetic.se_personnummer(rng, kind == "samord")
        written = synthetic.format_personnummer(born, digits, rng.choice(synthetic.PNR_STYLES))
        digits = digits_of(written)
    elif kind == "card":
        digits = synthetic.payment_card(rng)
        written = synthetic.format_card(digits, rng.choice(synthetic.CARD_STYLES))
    elif kind == "iban":
        compact = synthetic.iban(rng)
        written = synthetic.format_iban(compact, rng.choice(("plain", "groups"))).replace(" ", rng.choice((" ", "  ")))
        return synthetic.obfuscate(rng, written, rng.choice(("invisible", "digits", "none"))), compact[4:]
    else:
        written = rng.choice((synthetic.email(rng), synthetic.obfuscated_email(rng)))
        return written, canonical_email(written).split("@")[0]
    style = rng.choice(synthetic.OBFUSCATIONS + ("none", "none"))
    return synthetic.obfuscate(rng, written, style), digits


@st.composite
def messages(draw):
    rng = draw(st.randoms(use_true_random=False))
    lang = draw(st.sampled_from(["da", "sv", "en"]))
    kind = draw(st.sampled_from(["cpr", "pnr", "samord", "card", "iban", "email"]))
    value, canonical = _digits_form(rng, kind)
    words = WORDS[lang]
    before = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
    after = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
    left, right = rng.choice(GLUE)
    text = f"{before}{left}{value}{right}{after}".strip() or value
    return text, canonical, draw(st.sampled_from([lang, None]))


def _survives(canonical: str, out: str) -> bool:
    """True when the identifier can still be read from ``out`` (after normalisation)."""
    folded = normalise(out).text
    if canonical.isdigit():
        return canonical in digits_of(folded)
    return canonical.lower() in folded.lower().replace(" ", "")


settings.register_profile("fail_closed", deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


@settings(settings.get_profile("fail_closed"))
@given(messages())
def test_no_identifier_survives_redact(message):
    text, canonical, lang = message
    assert not _survives(canonical, redact(text, lang).text), text


@settings(settings.get_profile("fail_closed"))
@given(messages())
def test_no_identifier_survives_the_store_write_path_or_the_second_scan(message):
    text, canonical, lang = message
    event = {"event": "user", "timestamp": 1.0, "text": text, "parse_data": {"text": text, "intent": {"name": "inform"}}}
    stored, counts = redact_event(event, lang)
    assert not _survives(canonical, json.dumps(stored, ensure_ascii=False)), text
    assert counts
    assert not SecondScan().allows(text), text


@settings(settings.get_profile("fail_closed"), max_examples=15)
@given(messages())
def test_no_identifier_survives_the_real_tracker_store(tmp_path_factory, message):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    import asyncio

    from bot.store.tracker_store import RetentionTrackerStore

    text, canonical, lang = message
    path = tmp_path_factory.mktemp("store") / "store.db"
    store = RetentionTrackerStore(Domain.empty(), url=f"sqlite:///{path}", retention_days=30,
                                  clock=lambda: datetime(2026, 6, 1, tzinfo=timezone.utc))
    tracker = DialogueStateTracker.from_events("prop", [UserUttered(text, {"name": "inform"}, timestamp=1_780_000_000.0)], [])
    asyncio.run(store.save(tracker))
    with store.engine.connect() as connection:
        data = "\n".join(connection.execute(sa.text("SELECT data FROM events")).scalars())
    store.engine.dispose()
    assert not _survives(canonical, data), text
