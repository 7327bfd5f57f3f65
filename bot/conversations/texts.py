"""What the server says about the customer's rights over their chat, in da/sv/en.

The confirmations the server adds once it has carried out a request from the dialogue
(the bot's own answers come from data/knowledge_base.yml), and the headings of the
downloadable transcript.
"""
from __future__ import annotations

from typing import Optional

from actions.catalogue import LANGUAGES

TEXTS = {
    "deleted": {
        "da": "Samtalen er slettet. Intet af den er gemt længere. Skriver du igen, begynder en ny samtale.",
        "sv": "Samtalet är raderat. Inget av det finns sparat längre. Skriver du igen börjar ett nytt samtal.",
        "en": "The conversation has been deleted. Nothing of it is stored any more. "
        "If you write again, a new conversation begins.",
    },
    "opted_out": {
        "da": "Gemt: samtalen er udelukket fra træningsdata.",
        "sv": "Sparat: samtalet är undantaget från träningsdata.",
        "en": "Saved: this conversation is excluded from training data.",
    },
    "download_offer": {
        "da": "Vælg et format for at hente samtalen:",
        "sv": "Välj ett format för att ladda ner samtalet:",
        "en": "Choose a format to download the conversation:",
    },
    "download_elsewhere": {
        "da": "Her kan samtalen ikke hentes som fil. Chatten på hjemmesiden tilbyder det under \"Dine data\".",
        "sv": "Här kan samtalet inte laddas ner som fil. Chatten på webbplatsen erbjuder det under \"Dina uppgifter\".",
        "en": "This channel cannot hand out files. The chat on the website offers the download under \"Your data\".",
    },
    "failed": {
        "da": "Det lykkedes ikke lige nu. Prøv igen om lidt.",
        "sv": "Det gick inte just nu. Försök igen om en stund.",
        "en": "That did not work just now. Please try again shortly.",
    },
    # transcript headings
    "transcript_title": {
        "da": "Din samtale med chatbotten ({company})",
        "sv": "Ditt samtal med chattboten ({company})",
        "en": "Your conversation with the chatbot ({company})",
    },
    "transcript_id": {"da": "Samtale-id", "sv": "Samtals-id", "en": "Conversation id"},
    "transcript_made": {"da": "Hentet", "sv": "Hämtat", "en": "Downloaded"},
    "transcript_note": {
        "da": "Sådan er samtalen gemt: personoplysninger er erstattet af pladsholdere som <DK_CPR>. "
        "Hver besked slettes senest på den viste dato.",
        "sv": "Så här är samtalet sparat: personuppgifter är ersatta med platshållare som <SE_PERSONNUMMER>. "
        "Varje meddelande raderas senast det visade datumet.",
        "en": "This is the conversation as stored: personal data is replaced by placeholders such as <DK_CPR>. "
        "Each message is deleted at the latest on the date shown.",
    },
    "transcript_empty": {
        "da": "Der er ingen gemte beskeder.",
        "sv": "Det finns inga sparade meddelanden.",
        "en": "No messages are stored.",
    },
    "transcript_user": {"da": "Dig", "sv": "Du", "en": "You"},
    "transcript_bot": {"da": "Chatbot", "sv": "Chattbot", "en": "Chatbot"},
    "transcript_expires": {"da": "Slettes senest", "sv": "Raderas senast", "en": "Deleted at the latest"},
    "transcript_opt_out": {
        "da": "Bruges til træning af chatbotten: {answer}",
        "sv": "Används för träning av chattboten: {answer}",
        "en": "Used for training the chatbot: {answer}",
    },
    "yes": {"da": "ja", "sv": "ja", "en": "yes"},
    "no": {"da": "nej", "sv": "nej", "en": "no"},
}


def language(lang: Optional[str]) -> str:
    """``lang`` if it is one of ours, else English."""
    return lang if lang in LANGUAGES else "en"


def text(key: str, lang: Optional[str], **values: object) -> str:
    """The text ``key`` in ``lang`` (English when the language is unknown)."""
    return TEXTS[key][language(lang)].format(**values)
