"""The notice telling a user, in their language, what was removed from their message and why.

Entity types come from the redactor (``redaction.redact(...).types``). Known types get a
precise name; a type this module has not heard of still gets a truthful generic one
("personal data"), so a new recognizer never produces a notice that names nothing.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Tuple

# (substring of the entity type, kind); first match wins, so specific before general.
_KINDS: Tuple[Tuple[str, str], ...] = (
    ("CPR", "cpr"),
    ("SAMORDNING", "coordination"),
    ("PERSONNUMMER", "personnummer"),
    ("PHONE", "phone"),
    ("EMAIL", "email"),
    ("CREDIT_CARD", "card"),
    ("PAYMENT_CARD", "card"),
    ("IBAN", "iban"),
    ("BANK", "bank"),
    ("PLATE", "plate"),
    ("LICEN", "plate"),
    ("IP_ADDRESS", "ip"),
    ("HEALTH", "health"),
    ("RELIGIO", "religion"),
    ("ETHNIC", "ethnic"),
    ("SEXUAL", "sexual"),
    ("POLITIC", "political"),
    ("UNION", "union"),
    ("CRIMINAL", "criminal"),
    ("PERSON", "name"),
    ("NAME", "name"),
)

_NAMES: Dict[str, Dict[str, str]] = {
    "da": {
        "cpr": "et CPR-nummer",
        "personnummer": "et svensk personnummer",
        "coordination": "et svensk samordningsnummer",
        "phone": "et telefonnummer",
        "email": "en e-mailadresse",
        "card": "et betalingskortnummer",
        "iban": "et IBAN-kontonummer",
        "bank": "et bankkontonummer",
        "plate": "en nummerplade",
        "ip": "en IP-adresse",
        "name": "et navn",
        "health": "helbredsoplysninger",
        "religion": "oplysninger om religion",
        "ethnic": "oplysninger om etnisk oprindelse",
        "sexual": "oplysninger om seksuel orientering",
        "political": "oplysninger om politisk overbevisning",
        "union": "oplysninger om fagforeningsmedlemskab",
        "criminal": "oplysninger om strafbare forhold",
        "other": "personoplysninger",
    },
    "sv": {
        "cpr": "ett danskt CPR-nummer",
        "personnummer": "ett personnummer",
        "coordination": "ett samordningsnummer",
        "phone": "ett telefonnummer",
        "email": "en e-postadress",
        "card": "ett betalkortsnummer",
        "iban": "ett IBAN-nummer",
        "bank": "ett bankkontonummer",
        "plate": "ett registreringsnummer",
        "ip": "en IP-adress",
        "name": "ett namn",
        "health": "hälsouppgifter",
        "religion": "uppgifter om religion",
        "ethnic": "uppgifter om etniskt ursprung",
        "sexual": "uppgifter om sexuell läggning",
        "political": "uppgifter om politiska åsikter",
        "union": "uppgifter om fackligt medlemskap",
        "criminal": "uppgifter om lagöverträdelser",
        "other": "personuppgifter",
    },
    "en": {
        "cpr": "a CPR number",
        "personnummer": "a Swedish personal identity number",
        "coordination": "a Swedish co-ordination number",
        "phone": "a phone number",
        "email": "an e-mail address",
        "card": "a payment card number",
        "iban": "an IBAN",
        "bank": "a bank account number",
        "plate": "a number plate",
        "ip": "an IP address",
        "name": "a name",
        "health": "health information",
        "religion": "information about religion",
        "ethnic": "information about ethnic origin",
        "sexual": "information about sexual orientation",
        "political": "information about political opinions",
        "union": "information about trade-union membership",
        "criminal": "information about criminal offences",
        "other": "personal data",
    },
}

_AND = {"da": "og", "sv": "och", "en": "and"}

_TEMPLATES = {
    "da": (
        "Jeg har fjernet {things} fra din besked, før den blev gemt. "
        "Skriv ikke den slags oplysninger her: chatten har ikke brug for dem for at svare, "
        "og samtaler gemmes i op til {days} dage og bruges til at forbedre chatbotten."
    ),
    "sv": (
        "Jag har tagit bort {things} från ditt meddelande innan det sparades. "
        "Skriv inte sådana uppgifter här: chatten behöver dem inte för att svara, "
        "och samtal sparas i upp till {days} dagar och används för att förbättra chattboten."
    ),
    "en": (
        "I removed {things} from your message before it was stored. "
        "Please don't write that kind of information here: the chat doesn't need it to answer, "
        "and conversations are kept for up to {days} days and used to improve the chatbot."
    ),
}


def kind_of(entity_type: str) -> str:
    """The notice's kind for a redactor entity type (``other`` when unknown)."""
    upper = entity_type.upper()
    for needle, kind in _KINDS:
        if needle in upper:
            return kind
    return "other"


def _join(items: List[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {_AND[lang]} {items[-1]}"


def describe(types: Iterable[str], lang: str) -> str:
    """The removed kinds of data as a phrase, e.g. ``et CPR-nummer og en e-mailadresse``."""
    lang = lang if lang in _NAMES else "en"
    kinds: List[str] = []
    for entity_type in types:
        kind = kind_of(entity_type)
        if kind not in kinds:
            kinds.append(kind)
    return _join([_NAMES[lang][k] for k in kinds] or [_NAMES[lang]["other"]], lang)


def notice(types: Iterable[str], lang: str, retention_days: int) -> str:
    """The whole notice; it names kinds of data only, never the values removed."""
    lang = lang if lang in _TEMPLATES else "en"
    return _TEMPLATES[lang].format(things=describe(types, lang), days=retention_days)


# What a placeholder such as ``<DK_CPR>`` is shown as: "[CPR-nummer fjernet]".
# Swedish participles agree with the noun (nummer borttaget, adress borttagen).
_LABEL_NOUNS: Dict[str, Dict[str, str]] = {
    "da": {
        "cpr": "CPR-nummer", "personnummer": "personnummer", "coordination": "samordningsnummer",
        "phone": "telefonnummer", "email": "e-mailadresse", "card": "kortnummer", "iban": "IBAN",
        "bank": "kontonummer", "plate": "nummerplade", "ip": "IP-adresse", "name": "navn",
        "health": "helbredsoplysning", "religion": "oplysning om religion",
        "ethnic": "oplysning om etnisk oprindelse", "sexual": "oplysning om seksualitet",
        "political": "oplysning om politisk holdning", "union": "oplysning om fagforening",
        "criminal": "oplysning om strafbare forhold", "other": "personoplysning",
    },
    "sv": {
        "cpr": "CPR-nummer borttaget", "personnummer": "personnummer borttaget",
        "coordination": "samordningsnummer borttaget", "phone": "telefonnummer borttaget",
        "email": "e-postadress borttagen", "card": "kortnummer borttaget", "iban": "IBAN borttaget",
        "bank": "kontonummer borttaget", "plate": "registreringsnummer borttaget",
        "ip": "IP-adress borttagen", "name": "namn borttaget", "health": "hälsouppgift borttagen",
        "religion": "uppgift om religion borttagen", "ethnic": "uppgift om etniskt ursprung borttagen",
        "sexual": "uppgift om sexualitet borttagen", "political": "uppgift om politisk åsikt borttagen",
        "union": "uppgift om facklig tillhörighet borttagen",
        "criminal": "uppgift om lagöverträdelse borttagen", "other": "personuppgift borttagen",
    },
    "en": {
        "cpr": "CPR number", "personnummer": "personal identity number",
        "coordination": "co-ordination number", "phone": "phone number", "email": "e-mail address",
        "card": "card number", "iban": "IBAN", "bank": "account number", "plate": "number plate",
        "ip": "IP address", "name": "name", "health": "health information",
        "religion": "information about religion", "ethnic": "information about ethnic origin",
        "sexual": "information about sexuality", "political": "information about political opinions",
        "union": "information about union membership", "criminal": "information about offences",
        "other": "personal data",
    },
}
_LABEL_TEMPLATES = {"da": "[{noun} fjernet]", "sv": "[{noun}]", "en": "[{noun} removed]"}
PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]{1,40})>")


def label(entity_type: str, lang: str) -> str:
    """A placeholder's readable label in ``lang``, e.g. ``[CPR-nummer fjernet]``."""
    lang = lang if lang in _LABEL_NOUNS else "en"
    return _LABEL_TEMPLATES[lang].format(noun=_LABEL_NOUNS[lang][kind_of(entity_type)])


def placeholder_types(text: str) -> List[str]:
    """The entity types of the placeholders in a stored text, in order, each once."""
    found: List[str] = []
    for entity_type in PLACEHOLDER.findall(text or ""):
        if entity_type not in found:
            found.append(entity_type)
    return found


def labels(texts: Iterable[str], lang: str) -> Dict[str, str]:
    """Every placeholder in ``texts`` (``"<DK_CPR>"``) with its readable label in ``lang``."""
    return {
        f"<{entity_type}>": label(entity_type, lang)
        for text in texts
        for entity_type in placeholder_types(text)
    }
