"""Property-based: valid identifiers in every written form, embedded in text, are removed.

Forms: separators or none, dots/spaces inside, full-width digits, glued to words
and punctuation, in da/sv/en text or text of unknown language. Phone numbers are
embedded with a phone word, because a bare 8-digit number is indistinguishable
from an order number and is deliberately kept (see docs/redaction.md).
"""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction import redact, synthetic
from redaction_asserts import assert_removed

LANGS = st.sampled_from(["da", "sv", "en", None])
FILLER = {
    "da": ["Hej", "tak for svaret", "kan I hjælpe", "hvad gemmer I", "venlig hilsen"],
    "sv": ["Hej", "tack för svaret", "kan ni hjälpa", "vad sparar ni", "hälsningar"],
    "en": ["Hi", "thanks for the reply", "can you help", "what do you keep", "best wishes"],
}
# (before, after) glue around the identifier: words and punctuation stuck to it.
GLUE = [(" ", " "), ("(", ")"), (":", "."), ("nr.", ","), ('"', '"'), ("[", "]"), (" ", "!"), (" ", "?"), ("\n", "\n"), ("=", ";")]

settings.register_profile("redaction", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("redaction")


@st.composite
def embedded(draw, make_value, label_words):
    """(text, value, lang): ``value`` from ``make_value(rng, draw)`` in a sentence."""
    rng = draw(st.randoms(use_true_random=False))
    lang = draw(LANGS)
    value = make_value(rng, draw)
    if draw(st.booleans()) and any(ch.isdigit() for ch in value):
        value = synthetic.fullwidth(value)
    before, after = draw(st.sampled_from(GLUE))
    words = FILLER[lang or "da"]
    label = draw(st.sampled_from(label_words[lang or draw(st.sampled_from(["da", "sv", "en"]))]))
    text = f"{draw(st.sampled_from(words))}, {label}{before}{value}{after}{draw(st.sampled_from(words))}"
    return text, value, lang


def _cpr(rng, draw):
    digits = synthetic.dk_cpr(rng, mod11=draw(st.sampled_from([None, False])))
    return synthetic.format_cpr(digits, draw(st.sampled_from(synthetic.CPR_STYLES)))


def _pnr(coordination):
    def make(rng, draw):
        born, digits = synthetic.se_personnummer(rng, coordination)
        return synthetic.format_personnummer(born, digits, draw(st.sampled_from(synthetic.PNR_STYLES)))

    return make


def _card(rng, draw):
    return synthetic.format_card(synthetic.payment_card(rng), draw(st.sampled_from(synthetic.CARD_STYLES)))


def _iban(rng, draw):
    return synthetic.format_iban(synthetic.iban(rng), draw(st.sampled_from(["plain", "groups"])))


def _dk_phone(rng, draw):
    return synthetic.format_dk_phone(synthetic.dk_phone(rng), draw(st.sampled_from(synthetic.DK_PHONE_STYLES)))


def _se_phone(rng, draw):
    return synthetic.format_se_phone(synthetic.se_mobile(rng), draw(st.sampled_from(synthetic.SE_PHONE_STYLES)))


def _email(rng, draw):
    return synthetic.email(rng)


NO_LABEL = {"da": [""], "sv": [""], "en": [""]}
CPR_LABEL = {"da": ["", "cpr ", "mit cpr-nr. er ", "CPR"], "sv": ["", "cpr "], "en": ["", "my CPR is ", "CPR"]}
PNR_LABEL = {"da": ["", "personnummer "], "sv": ["", "personnummer ", "mitt pnr är "], "en": ["", "personal number "]}
SAMORD_LABEL = {"da": ["samordningsnummer "], "sv": ["samordningsnummer ", "mitt samordningsnummer är "], "en": ["coordination number "]}
PHONE_LABEL = {"da": ["ring på ", "tlf", "mit mobilnummer er "], "sv": ["ring mig på ", "tel", "mitt mobilnummer är "], "en": ["call me on ", "phone", "my mobile is "]}


def _removed(example, entity_types):
    text, value, lang = example
    result = redact(text, lang)
    folded_value = value
    assert_removed(text, folded_value, result)
    covering = [f for f in result.findings if f.start <= text.index(value) and f.end >= text.index(value) + len(value)]
    assert covering[0].type in entity_types, (covering[0].type, text)


# kind: (how the value is made, the words written before it, the types it may be found as)
IDENTIFIERS = {
    # Without a context word a CPR number that is also a valid personnummer may be
    # labelled Swedish; either way it is removed.
    "cpr": (_cpr, CPR_LABEL, {"DK_CPR", "SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER"}),
    "personnummer": (_pnr(False), PNR_LABEL, {"SE_PERSONNUMMER", "DK_CPR"}),
    "samordningsnummer": (_pnr(True), SAMORD_LABEL, {"SE_SAMORDNINGSNUMMER"}),
    "payment-card": (_card, NO_LABEL, {"CREDIT_CARD"}),
    "iban": (_iban, NO_LABEL, {"IBAN_CODE"}),
    "email": (_email, NO_LABEL, {"EMAIL_ADDRESS"}),
    "danish-phone-with-a-phone-word": (_dk_phone, PHONE_LABEL, {"PHONE_NUMBER"}),
    "swedish-phone-with-a-phone-word": (_se_phone, PHONE_LABEL, {"PHONE_NUMBER"}),
}


@pytest.mark.parametrize("kind", IDENTIFIERS)
@given(data=st.data())
def test_every_valid_identifier_is_removed(kind, data):
    make_value, label_words, entity_types = IDENTIFIERS[kind]
    _removed(data.draw(embedded(make_value, label_words)), entity_types)


@given(st.randoms(use_true_random=False), LANGS)
def test_several_identifiers_in_one_message_are_all_removed(rng: random.Random, lang):
    cpr = synthetic.format_cpr(synthetic.dk_cpr(rng), "hyphen")
    mail = synthetic.email(rng)
    card = synthetic.format_card(synthetic.payment_card(rng), "space")
    born, pnr = synthetic.se_personnummer(rng)
    pnr = synthetic.format_personnummer(born, pnr, "long_hyphen")
    text = f"cpr {cpr}, mail {mail}; kort {card} og personnummer {pnr}."
    result = redact(text, lang)
    for value in (cpr, mail, card, pnr):
        assert_removed(text, value, result)
