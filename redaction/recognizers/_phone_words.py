"""Context words for phone numbers, shared by the phone recognizers."""
PHONE_CONTEXT = {
    "*": ["tlf", "tel", "phone", "mobil", "sms", "+45", "+46"],
    "da": ["telefon", "telefonnummer", "nummer", "nr", "ring", "ringe", "ringes", "opkald",
           "kontakt", "fastnet", "mobilnummer", "træffes", "på"],
    "sv": ["telefon", "telefonnummer", "nummer", "nr", "ring", "ringa", "samtal", "kontakt",
           "mobilnummer", "mobilnr", "nås", "på"],
    "en": ["telephone", "number", "call", "ring", "reach", "contact", "cell", "text me", "on", "at"],
}
