"""Short texts the server itself says to chat users (not the bot's answers), in da/sv/en.

Used where the client can only show bot messages (socket.io clients such as
rasa-webchat), so errors reach the person instead of vanishing in a console.
"""
from __future__ import annotations

TEXTS = {
    "rate_limited": {
        "da": "Du sender beskeder for hurtigt. Vent {seconds} sekunder, og prøv igen.",
        "sv": "Du skickar meddelanden för snabbt. Vänta {seconds} sekunder och försök igen.",
        "en": "You are sending messages too quickly. Wait {seconds} seconds and try again.",
    },
    "message_too_long": {
        "da": "Din besked er for lang. Skriv højst {max_chars} tegn.",
        "sv": "Ditt meddelande är för långt. Skriv högst {max_chars} tecken.",
        "en": "Your message is too long. Please write at most {max_chars} characters.",
    },
    "unavailable": {
        "da": "Chatten er midlertidigt utilgængelig, og din besked blev ikke modtaget. Prøv igen om lidt.",
        "sv": "Chatten är tillfälligt otillgänglig och ditt meddelande togs inte emot. Försök igen om en stund.",
        "en": "The chat is temporarily unavailable and your message was not received. Please try again shortly.",
    },
    "bad_request": {
        "da": "Beskeden kunne ikke behandles.",
        "sv": "Meddelandet kunde inte behandlas.",
        "en": "The message could not be processed.",
    },
}


def text(key: str, lang: str | None, **values: object) -> str:
    """The text ``key`` in ``lang`` (English when the language is unknown)."""
    variants = TEXTS[key]
    return variants.get(lang or "en", variants["en"]).format(**values)
