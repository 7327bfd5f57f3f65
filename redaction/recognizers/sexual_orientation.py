"""Sex life or sexual orientation (art. 9)."""
from __future__ import annotations

from redaction.recognizers.special_category import SpecialCategoryRecognizer


class SexualOrientationRecognizer(SpecialCategoryRecognizer):
    """"jeg er homoseksuel", "jag är bisexuell", "my son came out as gay".
    Gender identity (trans) is included: it reveals sex life as much as orientation does."""

    ENTITY = "SEXUAL_ORIENTATION"
    MAX_FILLER_AFTER_LINK = 1
    LEXICON = {
        "da": {
            "links": [r"er", r"var", r"blev", r"er\s+kommet\s+ud\s+som", r"sprang\s+ud\s+som", r"er\s+sprunget\s+ud\s+som",
                      r"lever\s+i", r"er\s+i", r"identificerer\s+mig\s+som", r"har"],
            "terms": [r"homoseksuel", r"homo", r"bøsse", r"lesbisk", r"lesbiker", r"biseksuel", r"bi", r"panseksuel",
                      r"aseksuel", r"queer", r"transkønnet", r"trans", r"interkønnet", r"et\s+homoseksuelt\s+forhold",
                      r"et\s+lesbisk\s+forhold", r"en\s+kæreste\s+af\s+samme\s+køn", r"en\s+mandlig\s+kæreste",
                      r"en\s+kvindelig\s+kæreste", r"gay", r"polyamorøs"],
            "possessive_terms": [r"kønsskifte"],
            "verb_terms": [r"er\s+gift\s+med\s+en\s+(?:mand|kvinde)\s+og\s+er\s+selv\s+(?:mand|kvinde)"],
        },
        "sv": {
            "links": [r"är", r"var", r"blev", r"kom\s+ut\s+som", r"har\s+kommit\s+ut\s+som", r"lever\s+i",
                      r"identifierar\s+mig\s+som", r"har"],
            "terms": [r"homosexuell", r"bög", r"flata", r"lesbisk", r"bisexuell", r"bi", r"pansexuell", r"asexuell",
                      r"queer", r"transperson", r"trans", r"intersexuell", r"ett\s+samkönat\s+förhållande",
                      r"en\s+partner\s+av\s+samma\s+kön", r"gay", r"polyamorös"],
            "possessive_terms": [r"könskorrigering"],
        },
        "en": {
            "links": [r"am", r"'m", r"is", r"'s", r"was", r"are", r"'re", r"came\s+out\s+as", r"have\s+come\s+out\s+as",
                      r"has\s+come\s+out\s+as", r"identify\s+as", r"identifies\s+as", r"live\s+in", r"have", r"has"],
            "terms": [r"gay", r"(?:a\s+)?lesbian", r"bisexual", r"bi", r"homosexual", r"queer", r"pansexual", r"asexual",
                      r"transgender", r"trans", r"intersex", r"(?:a\s+)?same-sex\s+(?:relationship|partner|marriage)",
                      r"(?:a\s+)?same\s+sex\s+(?:relationship|partner|marriage)", r"polyamorous"],
            "possessive_terms": [
                                 r"boyfriend\s+and\s+i\s+are\s+both\s+men", r"girlfriend\s+and\s+i\s+are\s+both\s+women"],
        },
    }
