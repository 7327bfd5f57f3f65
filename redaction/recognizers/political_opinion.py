"""Political opinions (art. 9): party membership, votes, political identity."""
from __future__ import annotations

from redaction.recognizers.special_category import SpecialCategoryRecognizer

_DA_PARTIES = [r"socialdemokratiet", r"socialdemokraterne", r"venstre", r"dansk\s+folkeparti", r"df", r"sf",
               r"socialistisk\s+folkeparti", r"enhedslisten", r"radikale\s+venstre", r"de\s+radikale", r"radikale",
               r"det\s+konservative\s+folkeparti", r"de\s+konservative", r"konservative", r"liberal\s+alliance",
               r"nye\s+borgerlige", r"moderaterne", r"danmarksdemokraterne", r"alternativet", r"kristendemokraterne",
               r"borgernes\s+parti", r"dkp", r"kommunistisk\s+parti"]
_SV_PARTIES = [r"socialdemokraterna", r"sossarna", r"moderaterna", r"sverigedemokraterna", r"sd", r"vänsterpartiet",
               r"centerpartiet", r"liberalerna", r"kristdemokraterna", r"kd", r"miljöpartiet", r"mp",
               r"feministiskt\s+initiativ", r"piratpartiet"]
_EN_PARTIES = [r"labour", r"the\s+labour\s+party", r"(?:the\s+)?conservatives", r"the\s+conservative\s+party",
               r"(?:the\s+)?tories", r"(?:the\s+)?lib\s+dems", r"(?:the\s+)?liberal\s+democrats", r"(?:the\s+)?greens",
               r"the\s+green\s+party", r"ukip", r"reform\s+uk", r"(?:the\s+)?snp", r"(?:the\s+)?democrats",
               r"(?:the\s+)?republicans", r"the\s+democratic\s+party", r"the\s+republican\s+party",
               r"the\s+communist\s+party", r"trump", r"biden", r"harris"]


class PoliticalOpinionRecognizer(SpecialCategoryRecognizer):
    """"jeg stemmer på Enhedslisten", "jag är medlem i Moderaterna", "I voted Labour"."""

    ENTITY = "POLITICAL_OPINION"
    MAX_FILLER_AFTER_LINK = 1
    LEXICON = {
        "da": {
            "links": [r"stemmer\s+på", r"stemte\s+på", r"har\s+stemt\s+på", r"vil\s+stemme\s+på", r"er\s+medlem\s+af",
                      r"er\s+medlem\s+i", r"er\s+aktiv\s+i", r"støtter", r"sympatiserer\s+med", r"er", r"var",
                      r"sidder\s+i\s+byrådet\s+for", r"stiller\s+op\s+for", r"er\s+kandidat\s+for",
                      r"er\s+folketingskandidat\s+for", r"er\s+valgt\s+for"],
            "terms": _DA_PARTIES + [r"socialdemokrat", r"socialist", r"kommunist", r"venstremand", r"konservativ",
                                    r"nationalist", r"anarkist", r"marxist", r"højreorienteret", r"venstreorienteret",
                                    r"højrenational", r"politisk\s+aktiv"],
            "possessive_terms": [r"partimedlemskab", r"parti"],
        },
        "sv": {
            "links": [r"röstar\s+på", r"röstade\s+på", r"har\s+röstat\s+på", r"kommer\s+att\s+rösta\s+på", r"röstar",
                      r"röstade", r"är\s+medlem\s+i", r"är\s+medlem\s+av", r"är\s+med\s+i", r"är\s+aktiv\s+i",
                      r"stödjer", r"stöder", r"sympatiserar\s+med", r"är", r"var",
                      r"sitter\s+i\s+kommunfullmäktige\s+för", r"är\s+politiker\s+för", r"kandiderar\s+för"],
            "terms": _SV_PARTIES + [r"sosse", r"socialdemokrat", r"moderat", r"vänsterpartist", r"sverigedemokrat",
                                    r"kommunist", r"socialist", r"nationalist", r"anarkist", r"marxist",
                                    r"högerextrem", r"vänsterradikal", r"politiskt\s+aktiv"],
            "possessive_terms": [r"partimedlemskap", r"parti"],
        },
        "en": {
            "links": [r"vote\s+for", r"voted\s+for", r"will\s+vote\s+for", r"vote", r"voted", r"am\s+a\s+member\s+of",
                      r"'m\s+a\s+member\s+of", r"is\s+a\s+member\s+of", r"support", r"supports", r"campaign\s+for",
                      r"campaigned\s+for", r"am\s+active\s+in", r"am", r"'m", r"is", r"was",
                      r"am\s+a\s+candidate\s+for", r"am\s+standing\s+for", r"stand\s+for", r"am\s+a\s+councillor\s+for"],
            "terms": _EN_PARTIES + [r"(?:a\s+)?socialist", r"(?:a\s+)?communist", r"(?:a\s+)?tory", r"(?:a\s+)?republican",
                                    r"(?:a\s+)?democrat", r"(?:a\s+)?libertarian", r"(?:an\s+)?anarchist",
                                    r"(?:a\s+)?marxist", r"(?:a\s+)?nationalist", r"left-wing", r"right-wing",
                                    r"politically\s+active"],
            "possessive_terms": [r"party\s+membership"],
        },
    }
