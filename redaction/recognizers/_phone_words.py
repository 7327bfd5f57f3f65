"""Context words for phone numbers, shared by the phone recognizers."""
PHONE_CONTEXT = {
    "*": ["tlf", "tel", "phone", "mobil", "sms", "+45", "+46"],
    "da": ["telefon", "telefonnummer", "nummer", "ring", "ringe", "ringes", "opkald",
           "kontakt", "fastnet", "mobilnummer", "træffes"],
    "sv": ["telefon", "telefonnummer", "nummer", "ring", "ringa", "samtal", "kontakt",
           "mobilnummer", "mobilnr", "nås", "mitt nr", "telnr"],
    "en": ["telephone", "number", "call", "ring", "reach", "contact", "cell", "text me"],
}
