"""Religious or philosophical beliefs (art. 9)."""
from __future__ import annotations

from redaction.recognizers.special_category import SpecialCategoryRecognizer


class ReligionRecognizer(SpecialCategoryRecognizer):
    """"jeg er muslim", "jag är med i Svenska kyrkan", "my husband is Jewish"."""

    ENTITY = "RELIGION"
    LEXICON = {
        "da": {
            "links": [r"er", r"var", r"blev", r"er\s+blevet", r"er\s+opdraget\s+som", r"bekender\s+mig\s+til",
                      r"tror\s+på", r"praktiserer", r"konverterede\s+til", r"er\s+konverteret\s+til",
                      r"går\s+i", r"kommer\s+i", r"er\s+medlem\s+af", r"er\s+meldt\s+ud\s+af", r"holder", r"fejrer",
                      r"beder\s+til"],
            "terms": [r"muslim", r"muslimsk", r"kristen", r"troende\s+kristen", r"katolik", r"katolsk", r"protestant",
                      r"jøde", r"jødisk", r"hindu", r"buddhist", r"buddhistisk", r"sikh", r"ateist", r"agnostiker",
                      r"jehovas\s+vidner?", r"et\s+jehovas\s+vidne", r"mormon", r"troende", r"religiøs", r"islam",
                      r"kristendommen", r"jødedommen", r"buddhismen", r"hinduismen", r"scientolog", r"scientology",
                      r"moskeen", r"moské(?:en)?", r"synagogen", r"pinsekirken", r"en\s+frikirke", r"frikirken",
                      r"indre\s+mission", r"folkekirken", r"den\s+katolske\s+kirke", r"gud", r"allah", r"jesus",
                      r"ramadan(?:en)?", r"sabbat(?:ten)?", r"shia-muslim", r"sunni-muslim", r"ortodoks(?:\s+jøde)?"],
            "possessive_terms": [r"gudstro", r"moské", r"menighed", r"imam",
                                 r"præst", r"rabbiner"],
        },
        "sv": {
            "links": [r"är", r"var", r"blev", r"har\s+blivit", r"är\s+uppvuxen\s+som", r"tror\s+på", r"praktiserar",
                      r"konverterade\s+till", r"har\s+konverterat\s+till", r"går\s+i", r"är\s+med\s+i",
                      r"är\s+medlem\s+i", r"har\s+gått\s+ur", r"firar", r"ber\s+till", r"håller"],
            "terms": [r"muslim", r"kristen", r"troende\s+kristen", r"katolik", r"katolsk", r"protestant", r"jude",
                      r"judisk", r"hindu", r"buddhist", r"sikh", r"ateist", r"agnostiker", r"jehovas\s+vittnen?",
                      r"mormon", r"troende", r"religiös", r"islam", r"kristendomen", r"judendomen", r"buddhismen",
                      r"scientolog", r"moskén", r"synagogan", r"pingstkyrkan", r"en\s+frikyrka", r"frikyrkan",
                      r"svenska\s+kyrkan", r"katolska\s+kyrkan", r"gud", r"allah", r"jesus", r"ramadan",
                      r"sabbaten", r"ortodox(?:\s+jude)?"],
            "possessive_terms": [r"gudstro", r"moské", r"församling", r"imam",
                                 r"präst", r"rabbin"],
        },
        "en": {
            "links": [r"am", r"'m", r"is", r"'s", r"was", r"are", r"'re", r"became", r"have\s+become",
                      r"was\s+raised", r"believe\s+in", r"believes\s+in", r"practi[sc]e", r"converted\s+to",
                      r"have\s+converted\s+to", r"go\s+to", r"goes\s+to", r"attend", r"attends", r"belong\s+to",
                      r"am\s+a\s+member\s+of", r"celebrate", r"observe", r"pray\s+to"],
            "terms": [r"(?:a\s+)?muslim", r"(?:a\s+)?christian", r"(?:a\s+)?catholic", r"(?:a\s+)?protestant", r"jewish",
                      r"(?:a\s+)?jew", r"(?:a\s+)?hindu", r"(?:a\s+)?buddhist", r"(?:a\s+)?sikh", r"(?:an\s+)?atheist",
                      r"(?:an\s+)?agnostic", r"(?:a\s+)?jehovah'?s\s+witness(?:es)?", r"(?:a\s+)?mormon", r"religious",
                      r"devout", r"islam", r"christianity", r"judaism", r"buddhism", r"hinduism",
                      r"(?:a\s+)?scientologist", r"(?:the\s+)?mosque", r"(?:the\s+)?synagogue", r"church",
                      r"(?:the\s+)?catholic\s+church", r"god", r"allah", r"jesus", r"ramadan", r"(?:the\s+)?sabbath",
                      r"orthodox(?:\s+jewish)?", r"(?:a\s+)?born-again\s+christian"],
            "possessive_terms": [r"mosque", r"church", r"congregation",
                                 r"imam", r"priest", r"rabbi", r"synagogue"],
        },
    }
