"""Criminal convictions and offences (art. 10)."""
from __future__ import annotations

from redaction.recognizers.special_category import SpecialCategoryRecognizer

_W_DA = r"[\wæøå\-]+"
_W_SV = r"[\wåäö\-]+"
_W_EN = r"[\w\-]+"
# The offence may be two words ("drunk driving"), but not "fraud in 2010".
_NOT_OFFENCE = r"(?:i|in|på|on|at|og|och|and|for|för|til|till|to|da|när|when|som|as|back|last|sidste|förra|år|years?|ago|siden|sedan)"


class CriminalRecordRecognizer(SpecialCategoryRecognizer):
    """"jeg er dømt for vold", "jag har suttit i fängelse", "I was convicted of fraud"."""

    ENTITY = "CRIMINAL_RECORD"
    LEXICON = {
        "da": {
            "links": [r"er", r"var", r"blev", r"er\s+blevet", r"har\s+været", r"har", r"havde", r"har\s+fået", r"fik",
                      r"sidder", r"sad", r"har\s+siddet", r"har\s+afsonet", r"afsoner", r"afsonede"],
            "terms": [rf"dømt\s+for\s+{_W_DA}(?:\s+(?!{_NOT_OFFENCE}(?![\w\-])){_W_DA})?", r"dømt\s+til\s+(?:\d+\s+\w+\s+)?(?:fængsel|samfundstjeneste|fodlænke)", r"straffet(?:\s+for\s+" + _W_DA + ")?",
                      r"tidligere\s+straffet", r"i\s+fængsel", r"fængslet", rf"en\s+dom\s+for\s+{_W_DA}",
                      r"en\s+plettet\s+straffeattest", r"plettet\s+straffeattest", r"en\s+fængselsdom", r"en\s+dom",
                      r"en\s+betinget\s+dom", r"en\s+ubetinget\s+dom", r"betinget\s+dom", rf"sigtet\s+for\s+{_W_DA}",
                      rf"anholdt(?:\s+for\s+{_W_DA})?", rf"tiltalt\s+for\s+{_W_DA}", r"på\s+prøveløsladelse",
                      r"prøveløsladt", r"varetægtsfængslet", r"i\s+fodlænke", r"en\s+fodlænke", r"samfundstjeneste",
                      r"kriminel", r"en\s+straf", r"en\s+fængselsstraf", r"en\s+bødestraf\s+for\s+" + _W_DA],
            "possessive_terms": [r"plettede\s+straffeattest", r"dom", r"fængselsdom", r"straffesag", r"afsoning",
                                 r"prøveløsladelse", r"sigtelse", r"tiltale", r"fodlænke"],
        },
        "sv": {
            "links": [r"är", r"var", r"blev", r"har\s+blivit", r"har\s+varit", r"har", r"hade", r"har\s+fått", r"fick",
                      r"sitter", r"satt", r"har\s+suttit", r"har\s+avtjänat", r"avtjänar", r"avtjänade",
                      r"finns", r"förekommer"],
            "terms": [rf"dömd\s+för\s+{_W_SV}(?:\s+(?!{_NOT_OFFENCE}(?![\w\-])){_W_SV})?", r"dömd\s+till\s+(?:\d+\s+\w+\s+)?(?:fängelse|samhällstjänst|fotboja)", r"straffad(?:\s+för\s+" + _W_SV + ")?",
                      r"tidigare\s+straffad", r"i\s+fängelse", r"fängslad", rf"en\s+dom\s+för\s+{_W_SV}",
                      r"ett\s+fängelsestraff", r"fängelse\s+i\s+\d+\s+(?:år|månader)", r"en\s+villkorlig\s+dom", r"villkorlig\s+dom", r"en\s+dom",
                      rf"misstänkt\s+för\s+{_W_SV}", rf"gripen(?:\s+för\s+{_W_SV})?", rf"åtalad\s+för\s+{_W_SV}",
                      r"villkorligt\s+frigiven", r"häktad", r"i\s+belastningsregistret", r"belastningsregistret",
                      r"fotboja", r"samhällstjänst", r"kriminell", r"ett\s+straff", r"skyddstillsyn"],
            "possessive_terms": [r"dom", r"fängelsestraff", r"brottmål", r"avtjänande", r"åtal", r"fotboja"],
        },
        "en": {
            "links": [r"am", r"'m", r"is", r"'s", r"was", r"were", r"have\s+been", r"'ve\s+been", r"has\s+been", r"got",
                      r"have", r"'ve", r"has", r"had", r"'d", r"served", r"have\s+served", r"spent", r"did"],
            "terms": [rf"convicted\s+of\s+{_W_EN}(?:\s+(?!{_NOT_OFFENCE}(?![\w\-])){_W_EN})?", r"convicted", rf"found\s+guilty\s+of\s+{_W_EN}",
                      r"(?:a\s+)?criminal\s+record", rf"(?:a\s+)?conviction(?:\s+for\s+{_W_EN})?",
                      r"time\s+in\s+(?:prison|jail)", r"in\s+prison", r"in\s+jail", r"jailed", r"imprisoned",
                      r"(?:a\s+)?prison\s+sentence", r"(?:a\s+)?suspended\s+sentence", r"(?:a\s+)?jail\s+sentence",
                      r"on\s+parole", r"on\s+probation", rf"arrested(?:\s+for\s+{_W_EN})?",
                      rf"charged\s+with\s+{_W_EN}", r"(?:a\s+)?felony", r"(?:a\s+)?felon", r"(?:an\s+)?ex-con",
                      r"community\s+service", r"(?:an\s+)?electronic\s+tag"],
            "verb_terms": [r"(?:have\s+|'ve\s+|has\s+)?(?:served|did|done)\s+time", r"spent\s+time\s+in\s+(?:prison|jail)"],
            "possessive_terms": [r"conviction", r"prison\s+sentence", r"parole",
                                 r"probation", r"criminal\s+case", r"arrest"],
        },
    }
