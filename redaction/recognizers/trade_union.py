"""Trade-union membership (art. 9)."""
from __future__ import annotations

from redaction.recognizers.special_category import SpecialCategoryRecognizer

_DA_UNIONS = [r"en\s+fagforening", r"fagforeningen", r"fagforening", r"3f", r"hk", r"dansk\s+metal", r"metal", r"foa",
              r"bupl", r"djøf", r"ida", r"krifa", r"det\s+faglige\s+hus", r"dansk\s+sygeplejeråd", r"dsr",
              r"danmarks\s+lærerforening", r"lærerforeningen", r"serviceforbundet", r"blik\s+og\s+rør",
              r"dansk\s+el-forbund", r"fødevareforbundet(?:\s+nnf)?", r"teknisk\s+landsforbund", r"tl",
              r"ingeniørforeningen", r"dansk\s+journalistforbund", r"finansforbundet", r"socialpædagogerne",
              r"lederne", r"fag\s+og\s+arbejde", r"faglig\s+fælles\s+forbund"]
_SV_UNIONS = [r"facket", r"ett\s+fackförbund", r"fackförbundet", r"en\s+fackförening", r"fackföreningen", r"lo",
              r"tco", r"saco", r"unionen", r"kommunal", r"if\s+metall", r"vision", r"vårdförbundet",
              r"lärarförbundet", r"sveriges\s+lärare", r"sveriges\s+ingenjörer", r"byggnads", r"handels",
              r"transport", r"seko", r"akademikerförbundet\s+ssr", r"fastighets", r"ledarna", r"st", r"jusek",
              r"akavia", r"journalistförbundet", r"elektrikerförbundet", r"livs", r"gs-facket"]
_EN_UNIONS = [r"(?:a|the)\s+(?:trade\s+|labou?r\s+)?union(?!\s+(?:rep|representative|member|dues))", r"unite", r"unison", r"gmb", r"(?:the\s+)?teamsters",
              r"(?:the\s+)?rmt", r"(?:the\s+)?nhs\s+union", r"(?:the\s+)?nurses'?\s+union",
              r"(?:the\s+)?teachers'?\s+union", r"(?:the\s+)?neu", r"(?:the\s+)?rcn"]


class TradeUnionRecognizer(SpecialCategoryRecognizer):
    """"jeg er medlem af 3F", "jag är med i facket", "I'm a union rep"."""

    ENTITY = "TRADE_UNION"
    MAX_FILLER_AFTER_LINK = 1
    LEXICON = {
        "da": {
            "links": [r"er\s+medlem\s+af", r"er\s+medlem\s+i", r"er\s+med\s+i", r"er\s+organiseret\s+i",
                      r"betaler\s+kontingent\s+til", r"meldte\s+mig\s+ind\s+i", r"har\s+meldt\s+mig\s+ind\s+i",
                      r"er\s+i", r"er", r"var",
                      r"er\s+blevet"],
            "terms": _DA_UNIONS + [r"(?:fælles)?tillids(?:repræsentant|mand)(?:\s+(?:i|for|hos)\s+(?:" + "|".join(_DA_UNIONS) + r"))?",
                                   r"fagforeningsmedlem", r"fagligt\s+aktiv"],
            "possessive_terms": [r"fagforening", r"fagforeningen", r"fagforeningskontingent", r"tillidsrepræsentant"],
        },
        "sv": {
            "links": [r"är\s+medlem\s+i", r"är\s+medlem\s+av", r"är\s+med\s+i", r"är\s+organiserad\s+i",
                      r"betalar\s+avgift\s+till", r"gick\s+med\s+i", r"har\s+gått\s+med\s+i", r"är", r"var"],
            "terms": _SV_UNIONS + [r"(?:fackligt\s+förtroendevald|skyddsombud|förtroendevald)(?:\s+(?:i|för|på)\s+(?:" + "|".join(_SV_UNIONS) + r"))?", r"fackligt\s+aktiv",
                                   r"fackmedlem", r"fackligt\s+ansluten"],
            "possessive_terms": [r"fack", r"fackförening", r"fackförbund", r"fackavgift", r"fackmedlemskap"],
        },
        "en": {
            "links": [r"am\s+a\s+member\s+of", r"'m\s+a\s+member\s+of", r"is\s+a\s+member\s+of", r"am\s+in",
                      r"'m\s+in", r"belong\s+to", r"belongs\s+to", r"joined", r"have\s+joined", r"pay\s+dues\s+to",
                      r"am\s+a\s+rep\s+for", r"am", r"'m", r"is", r"was"],
            "terms": _EN_UNIONS + [r"(?:a\s+)?union\s+member", r"(?:a\s+)?union\s+rep(?:resentative)?",
                                   r"(?:a\s+)?shop\s+steward", r"unioni[sz]ed", r"(?:a\s+)?trade\s+unionist"],
            "possessive_terms": [r"union", r"trade\s+union", r"union\s+rep", r"union\s+membership", r"union\s+dues"],
        },
    }
