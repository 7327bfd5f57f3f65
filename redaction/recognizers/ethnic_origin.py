"""Racial or ethnic origin (art. 9)."""
from __future__ import annotations

from redaction.recognizers.special_category import SpecialCategoryRecognizer

_DA_GROUPS = [r"kurder", r"roma", r"sigøjner", r"inuit", r"grønlænder", r"same", r"tyrker", r"araber", r"somalier",
              r"pakistaner", r"palæstinenser", r"afghaner", r"iraker", r"iraner", r"syrer", r"libaneser",
              r"marokkaner", r"tamil", r"eritreer", r"etiopier", r"vietnameser", r"thailænder", r"filippiner",
              r"sort", r"farvet", r"brun", r"halvt\s+[\wæøå]+(?:sk|isk|esisk)", r"etnisk\s+[\wæøå]+", r"andengenerationsindvandrer",
              r"indvandrer", r"flygtning",
              r"af\s+[\wæøå\-]+\s+(?:oprindelse|afstamning|herkomst)", r"adopteret\s+fra\s+[\wæøå]+"]
_SV_GROUPS = [r"kurd", r"rom", r"zigenare", r"same", r"tornedaling", r"turk", r"arab", r"somalier", r"pakistanier",
              r"palestinier", r"afghan", r"irakier", r"iranier", r"syrier", r"eritreán", r"etiopier", r"assyrier",
              r"syrian", r"svart", r"färgad", r"halv\s+[\wåäö]+(?:sk|isk)", r"etnisk\s+[\wåäö]+", r"invandrare",
              r"andra\s+generationens\s+invandrare", r"flykting",
              r"av\s+[\wåäö\-]+\s+(?:härkomst|ursprung|börd)", r"adopterad\s+från\s+[\wåäö]+"]
_EN_GROUPS = [r"(?:a\s+)?kurd", r"kurdish", r"roma", r"(?:a\s+)?gypsy", r"sami", r"inuit", r"arab", r"(?:an\s+)?arab",
              r"somali", r"pakistani", r"palestinian", r"afghan", r"iraqi", r"iranian", r"syrian", r"black",
              r"asian", r"hispanic", r"latino", r"latina", r"mixed[\- ]race", r"half[\s\-][a-z]+(?:ish|ese|ian|an|i|ic)",
              r"ethnically\s+[\w]+", r"(?:an\s+)?immigrant", r"(?:a\s+)?refugee",
              r"of\s+[\w\-]+\s+(?:origin|descent|heritage|background)", r"adopted\s+from\s+[\w]+"]


class EthnicOriginRecognizer(SpecialCategoryRecognizer):
    """"jeg er kurder", "jag är av somalisk härkomst", "I am of Pakistani descent"."""

    ENTITY = "ETHNIC_ORIGIN"
    MAX_FILLER_AFTER_LINK = 1
    LEXICON = {
        "da": {"links": [r"er", r"var", r"blev", r"er\s+født\s+som"], "terms": _DA_GROUPS},
        "sv": {"links": [r"är", r"var", r"blev", r"föddes\s+som"], "terms": _SV_GROUPS},
        "en": {"links": [r"am", r"'m", r"is", r"'s", r"was", r"are", r"'re", r"was\s+born"], "terms": _EN_GROUPS},
    }
