"""The wording conventions of docs/knowledge-base.md, enforced on every text the bot can send.

The texts are every topic passage (answer, related, general), every topic title (shown as
suggestion buttons) and every phrase rendered the way the actions render it: with one company
and with both companies in scope. One test per convention, so a failure names the rule broken
and the places that break it.
"""
from __future__ import annotations

import re
from typing import Iterable, List, Pattern, Sequence, Tuple

import pytest

from actions.compose import contact_line, contacts_for, scope, section_label
from actions.catalogue import COMPANIES, LANGUAGES
from actions.knowledge_base import PHRASE_FIELDS, KnowledgeBase, iter_texts, load_knowledge_base

KB = load_knowledge_base()
Text = Tuple[str, str, str]  # (place, lang, text)


def rendered_phrases(kb: KnowledgeBase) -> Iterable[Text]:
    """Every phrase filled as the actions fill it, once per company and once for both companies."""
    for key, fields in PHRASE_FIELDS.items():
        for lang in LANGUAGES:
            for ids in (("OK",), ("OJCO",), COMPANIES):
                cid = ids[0]
                company = kb.company(cid)
                values = {
                    "company": company.short_name,
                    "company_display": company.display_name,
                    "sections": section_label(cid, ["3"], lang, kb),
                    "text": "…",
                    "possessive": company.possessive[lang],
                    "contact": contact_line(cid, lang, kb),
                    "contacts": contacts_for(ids, lang, kb),
                    "scope": scope(ids, lang, kb),
                    "email": company.email,
                    "phone": company.phone,
                    "detail": "…",
                    "days": "180",
                }
                yield f"phrases.{key}[{'+'.join(ids)}]", lang, kb.phrase(key, lang, **{f: values[f] for f in fields})


def all_texts(kb: KnowledgeBase) -> List[Text]:
    """Topic passages, titles and rendered phrases."""
    texts = list(iter_texts(kb))
    texts += [(f"{t.id}.title", lang, title) for t in kb.topics.values() for lang, title in t.title.items()]
    texts += list(rendered_phrases(kb))
    return texts


TEXTS = all_texts(KB)


def offending(pattern: str, langs: Sequence[str] = LANGUAGES, flags: int = 0) -> List[str]:
    """Places (with the offending words) where ``pattern`` occurs in a text of ``langs``."""
    compiled: Pattern[str] = re.compile(pattern, flags)
    return [
        f"{place}/{lang}: …{text[max(0, m.start() - 30):m.end() + 30]}…"
        for place, lang, text in TEXTS
        if lang in langs
        for m in compiled.finditer(text)
    ]


def test_the_texts_cover_every_topic_and_phrase() -> None:
    places = {place.split(".")[0] for place, _, _ in TEXTS}
    assert set(KB.topics) <= places and "phrases" in places
    assert len(TEXTS) > 900


# --------------------------------------------------------------------------- every language


def test_the_customer_is_du_never_de_or_ni() -> None:
    # Danish formal De/Dem/Deres and Swedish capitalised Ni/Er mid-sentence.
    assert not offending(r"\b(Dem|Deres)\b|(?<=[a-zæøå,] )De\b", ["da"])
    assert not offending(r"(?<=[a-zåäö,] )(Ni|Er|Ert|Era)\b", ["sv"])


def test_phone_numbers_carry_their_country_code() -> None:
    # Danish numbers (8 digits in pairs) always after +45; OJCO's always as +46 (0)10 179 72 80.
    assert not offending(r"(?<![\d+])(?<!\+45 )\b\d\d \d\d \d\d \d\d\b(?! \d)")
    assert not offending(r"(?<!\+46 \(0\))10 179 72 80")
    assert not offending(r"\b\d{8}\b(?!\d)(?<!39170418)")  # no unspaced numbers other than the CVR number


def test_two_policies_are_never_one_policy() -> None:
    both = [(p, lang, t) for p, lang, t in TEXTS if "OK a.m.b.a." in t and "OJCO AB" in t]
    assert both, "no text names both companies: the check below would prove nothing"
    singular = re.compile(r"(persondatapolitikken|integritetspolicyn|the privacy policy|privacy policy of)[^.;]*"
                          r"OK a\.m\.b\.a\. (og|och|and) OJCO AB")
    assert not [p for p, _, t in both if singular.search(t)]
    intro = {lang: KB.phrase("compare_intro", lang) for lang in LANGUAGES}
    assert "persondatapolitikker" in intro["da"] and "integritetspolicyerna" in intro["sv"] and "privacy policies" in intro["en"]


def test_general_information_is_labelled_data_protection_not_gdpr() -> None:
    markers = {lang: KB.phrase("general_marker", lang, company="OK") for lang in LANGUAGES}
    assert markers == {
        "da": "Generel information om databeskyttelse, ikke et løfte fra OK:",
        "sv": "Allmän information om dataskydd, inte ett löfte från OK:",
        "en": "General data-protection information, not a promise from OK:",
    }


def test_no_place_name_after_the_version_date() -> None:
    assert not offending(r"\(Viby\)")


def test_imy_is_always_named_in_full() -> None:
    full = {"da": "Integritetsskyddsmyndigheten (IMY)", "sv": "Integritetsskyddsmyndigheten (IMY)",
            "en": "Swedish Authority for Privacy Protection (IMY)"}
    for place, lang, text in TEXTS:
        if "IMY" in text:
            assert full[lang] in text, (place, lang)
    assert not offending(r"databeskyttelsesmyndighed IMY", ["da"])


# --------------------------------------------------------------------------- Danish


def test_danish_legitimate_interest_is_one_term() -> None:
    # OK says "legitim interesse", OJCO "interesseafvejning": a comparison must not read as two things.
    assert not offending(r"(?<!legitim interesse \()interesseafvejning", ["da"], re.IGNORECASE)


def test_danish_terms() -> None:
    assert not offending(r"marketing[ -]cookies", ["da"])
    assert not offending(r"registerudtræk", ["da"])
    assert not offending(r"abonnerer hos", ["da"])
    assert not offending(r"\bemail\b|chat-bot|\bwebside", ["da"], re.IGNORECASE)


# --------------------------------------------------------------------------- Swedish


def test_swedish_legitimate_interest_is_one_term() -> None:
    assert not offending(r"(?<!berättigat intresse \()intresseavvägning", ["sv"], re.IGNORECASE)


def test_swedish_terms() -> None:
    assert not offending(r"chattbott", ["sv"], re.IGNORECASE)
    assert not offending(r"\bkak", ["sv"], re.IGNORECASE)  # "cookies", "cookiepolicyn"
    assert not offending(r"(?<!intresseformulär \()leadkort(?!\))", ["sv"], re.IGNORECASE)
    assert not offending(r"prenumererar|prenumerationen hos", ["sv"], re.IGNORECASE)
    assert not offending(r"ensamt ansvarig", ["sv"])
    assert not offending(r"Erhvervsstyrelsen och", ["sv"])
    assert not offending(r"\bhemsida|\be-mail\b|\bemail\b", ["sv"], re.IGNORECASE)


def test_swedish_phrasing_a_native_speaker_writes() -> None:
    for clumsy in ("är kund för ", "via e-post på", "per telefon på", "per telefon till", "delas krypterat", "använd tid",
                   "på grund av en rättslig förpliktelse", "som det länkas till", "Fråga gärna"):
        assert not offending(re.escape(clumsy), ["sv"]), clumsy


# --------------------------------------------------------------------------- English


def test_english_terms() -> None:
    assert not offending(r"licen[cs]e plate", ["en"], re.IGNORECASE)  # "number plate", as the answers say
    assert not offending(r"register extract", ["en"], re.IGNORECASE)
    assert not offending(r"\bemail\b|\bweb site\b", ["en"], re.IGNORECASE)


@pytest.mark.parametrize("lang, word", [("da", "afsnit"), ("sv", "avsnitt"), ("en", "section")])
def test_section_words_per_language(lang: str, word: str) -> None:
    assert {KB.company(cid).section_word[lang] for cid in COMPANIES} == {word}
