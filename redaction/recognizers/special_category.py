"""Base for GDPR art. 9/10 special categories disclosed about a person.

A disclosure is grammar, not a keyword: a person ("jeg", "min søn", "I", "my wife")
linked by a verb ("har", "er", "lider af", "was convicted of") to a value term
("diabetes", "gravid", "muslim", "fraud") within one clause. Only the value is
redacted: "jeg har <HEALTH>". A question about the topic ("må I behandle
helbredsoplysninger?") names no person and no value and stays as it is; filler
words such as "om"/"about"/"spørgsmål" between the verb and the term block a
match ("jeg har et spørgsmål om diabetes" is a question, not a disclosure).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml
from presidio_analyzer import RecognizerResult

from redaction.recognizers.base import ALL_LANGUAGES, LANGUAGES, NordicPatternRecognizer

# Word lists kept as data: redaction/data/special_categories/<entity>.yml adds
# links/terms/verb_terms/possessive_terms per language to a recognizer's LEXICON.
LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "special_categories"
# "diabetes og astma", "cancer, and depression": a second value right after a disclosed one.
_AND = {
    "da": r"og|samt|eller|plus|&|\+|men\s+også|og\s+også",
    "sv": r"och|samt|eller|plus|&|\+|men\s+också|och\s+även",
    "en": r"and|or|plus|&|\+|as\s+well\s+as|and\s+also",
}
_AS = {  # "som (en) ...", "as a ..." introducing who the writer is
    "da": r"[Ss]om(?:\s+(?:en|et))?|[Ss]åsom",
    "sv": r"[Ss]om(?:\s+(?:en|ett))?",
    "en": r"[Aa]s(?:\s+an?)?|[Bb]eing(?:\s+an?)?",
}
_AGAIN = {  # "... og jeg har også astma" repeats the subject and link
    # The subject may be left out after "og" ("fik en blodprop og har været sygemeldt").
    "da": r"(?:(?:jeg|han|hun|vi|hen)\s+)?(?:har\s+været|har\s+haft|har|er|tager|lider\s+af)(?:\s+også)?",
    "sv": r"(?:(?:jag|han|hon|vi|hen)\s+)?(?:har\s+varit|har\s+haft|har|är|tar|lider\s+av)(?:\s+också)?",
    "en": r"(?:(?:i|he|she|we)\s+)?(?:have\s+been|has\s+been|have|has|am|is|take|takes|suffer\s+from)(?:\s+also)?|also",
}


_FRAGMENT = re.compile(r"<<(\w+)>>")


def load_lexicon_file(entity: str) -> Dict[str, Dict[str, List[str]]]:
    """The data files' additions for ``entity``: ``<entity>.yml`` and any ``<entity>.<topic>.yml``
    (empty when there is none). A file's top-level ``fragments`` (name -> regex) are shared
    lists, such as party or union names, written ``<<name>>`` in any term of any file."""
    name = entity.lower()
    paths = [LEXICON_DIR / f"{name}.yml", *sorted(LEXICON_DIR.glob(f"{name}.*.yml"))]
    out: Dict[str, Dict[str, List[str]]] = {}
    fragments: Dict[str, str] = {}
    for path in paths:
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            fragments.update(data.pop("fragments", None) or {})
            out = merged_lexicon(out, data)
    if fragments:
        def expand(term: str) -> str:
            return _FRAGMENT.sub(lambda m: f"(?:{fragments[m.group(1)]})", term)

        out = {lang: {key: [expand(t) for t in terms] for key, terms in lex.items()} for lang, lex in out.items()}
    return out


def merged_lexicon(base: Mapping[str, Mapping[str, Sequence[str]]], extra: Mapping) -> Dict[str, Dict[str, List[str]]]:
    """``base`` with every list of ``extra`` appended (per language and key)."""
    out: Dict[str, Dict[str, List[str]]] = {lang: {k: list(v) for k, v in lex.items()} for lang, lex in base.items()}
    for lang, lex in (extra or {}).items():
        for key, words in (lex or {}).items():
            out.setdefault(lang, {}).setdefault(key, [])
            out[lang][key] += [w for w in words if w not in out[lang][key]]
    return out

_PEOPLE = {
    "da": r"søn|sønnen|sønner|datter|datteren|døtre|mand|kone|hustru|ægtefælle|kæreste|mor|far|forælder|forældre|bror|"
          r"søster|lillebror|storebror|lillesøster|storesøster|barn|børn|baby|svigermor|svigerfar|svigersøn|svigerdatter|"
          r"bedstemor|bedstefar|farmor|farfar|mormor|morfar|barnebarn|barnebarnet|børnebørn|oldebarn|onkel|tante|fætter|kusine|nevø|niece|partner|samlever|"
          r"ven|veninde|kollega|nabo|chef|pige|dreng|tvillinger|familie|stedsøn|steddatter|papsøn|papdatter",
    "sv": r"son|sonen|söner|dotter|dottern|döttrar|man|make|maka|fru|sambo|flickvän|pojkvän|partner|mamma|pappa|mor|far|"
          r"förälder|föräldrar|bror|syster|lillebror|storebror|lillasyster|storasyster|barn|bebis|svärmor|svärfar|"
          r"mormor|morfar|farmor|farfar|barnbarn|barnbarnet|farbror|morbror|moster|faster|kusin|vän|väninna|kollega|granne|chef|tjej|kille|"
          r"tvillingar|familj|styvson|styvdotter|bonusson|bonusdotter",
    "en": r"son|sons|daughter|daughters|husband|wife|spouse|partner|boyfriend|girlfriend|fianc[eé]e?|mother|mum|mom|"
          r"father|dad|parent|parents|brother|sister|child|children|kid|kids|baby|twins|grandmother|grandfather|grandma|"
          r"grandpa|granny|grandad|granddad|nan|nana|gran|stepfather|stepmother|stepdad|stepmum|stepmom|grandson|granddaughter|grandchild|grandchildren|uncle|aunt|cousin|nephew|niece|friend|colleague|neighbour|neighbor|boss|stepson|stepdaughter|"
          r"family",
}
# A person the message is about: a pronoun, or a possessive + (one word) + a person noun.
SUBJECTS = {
    "da": rf"jeg|vi|han|hun|(?:min|mit|mine|vores|hans|hendes)\s+(?:[\wæøå\-]+\s+)?(?:{_PEOPLE['da']})",
    "sv": rf"jag|vi|han|hon|hen|(?:min|mitt|mina|vår|vårt|våra|hans|hennes)\s+(?:[\wåäö\-]+\s+)?(?:{_PEOPLE['sv']})",
    "en": rf"i|we|he|she|(?:my|our|his|her)\s+(?:[\w\-]+\s+)?(?:{_PEOPLE['en']})",
}
POSSESSIVES = {
    "da": r"min|mit|mine|hans|hendes|vores",
    "sv": r"min|mitt|mina|hans|hennes|vår|vårt|våra",
    "en": r"my|his|her|our",
}
# Words that turn "<person> <verb> ... <term>" into talk ABOUT a topic.
BLOCKERS = {
    "da": r"om|omkring|angående|vedrørende|vedr|spørgsmål|spørgsmålet|oplysninger|oplysning|data|info|information|hvorvidt|læst|hørt|artikel|politik|privatlivspolitik",
    "sv": r"om|kring|angående|gällande|rörande|fråga|frågor|frågan|uppgifter|uppgift|data|info|information|huruvida|läst|hört|artikel|policy|integritetspolicy",
    "en": r"about|regarding|concerning|on|question|questions|data|information|info|whether|read|heard|article|policy|if",
}
_APOSTROPHE_LINK = re.compile(r"^'")


def _alternation(fragments: Sequence[str]) -> str:
    # Longest first, so "type 2-diabetes" wins over "type".
    return "|".join(sorted(set(fragments), key=len, reverse=True))


def _without_covered_clauses(results: List[RecognizerResult]) -> List[RecognizerResult]:
    """A clause-term reading ("medlem af Enhedslisten") is a fallback: where a linked reading
    of the same value exists ("Enhedslisten") only that one is kept, so no more is removed."""
    def is_clause(r: RecognizerResult) -> bool:
        return bool(r.analysis_explanation and r.analysis_explanation.pattern_name.endswith("_clause"))

    linked = [r for r in results if not is_clause(r)]
    if len(linked) == len(results):
        return results
    return linked + [r for r in results if is_clause(r) and not any(r.start < o.end and o.start < r.end for o in linked)]


class SpecialCategoryRecognizer(NordicPatternRecognizer):
    """Subclasses give LEXICON[lang] with keys:
    ``links`` (verbs joining person and value), ``terms`` (values needing a link),
    ``verb_terms`` (values that carry their own verb: "venter barn"),
    ``possessive_terms`` (values disclosed by "min"/"my": "min diabetes"),
    ``clause_terms`` (values naming an office or membership, taken after a person anywhere
    earlier in the sentence: "I'm ... and a member of the Green Party"),
    ``attributive_terms`` (adjectives between a possessive and a person: "min kurdiske svigermor"),
    ``cause_links`` (words naming a further value as the reason for a disclosed one: "for", "mot")."""

    LEXICON: ClassVar[Mapping[str, Mapping[str, Sequence[str]]]]
    MAX_FILLER_BEFORE_LINK: ClassVar[int] = 2
    MAX_FILLER_AFTER_LINK: ClassVar[int] = 3
    # Characters a clause term may stand after its person ("I'm ... and a member of ...").
    CLAUSE_REACH: ClassVar[int] = 80
    SCORE: ClassVar[float] = 0.85
    PATTERNS = ()

    @classmethod
    def build_patterns(cls) -> Dict[str, Tuple[Tuple[str, str, float], ...]]:
        """Regexes per language, from the lexicon."""
        out: Dict[str, Tuple[Tuple[str, str, float], ...]] = {}
        for lang, lex in cls.LEXICON.items():
            word = rf"(?!(?:{BLOCKERS[lang]})(?![\w\-]))[\w\-']+"
            subject = rf"(?<![\w'])(?:{SUBJECTS[lang]})(?![\w\-])"
            before = rf"(?:\s+{word}){{0,{cls.MAX_FILLER_BEFORE_LINK}}}?"
            # A filler may end in a comma: values of other categories listed before this one
            # ("I'm bisexual, half Kurdish and ...").
            after = rf"(?:\s+{word},?){{0,{cls.MAX_FILLER_AFTER_LINK}}}?"
            patterns: List[Tuple[str, str, float]] = []
            name = cls.ENTITY.lower()
            if lex.get("terms") and lex.get("links"):
                links = _alternation(lex["links"])
                patterns.append(
                    (
                        f"{name}_{lang}_disclosure",
                        rf"{subject}{before}(?:\s+|(?='))(?:{links}){after}\s+(?P<value>{_alternation(lex['terms'])})(?![\w\-])",
                        cls.SCORE,
                    )
                )
                # Chat style without a subject: "Har diabetes og ..." (never in a question).
                patterns.append(
                    (
                        f"{name}_{lang}_implicit",
                        rf"(?:^|(?<=[.!\n]\s)|(?<=[.!\n]))\s*(?:{links})(?:\s+{word}){{0,1}}?\s+(?P<value>{_alternation(lex['terms'])})(?![\w\-])(?![^.!?\n,]*\?)",
                        cls.SCORE,
                    )
                )
            if lex.get("clause_terms"):
                # A value that says who someone is by itself ("a member of the Green Party",
                # "tillidsmand i HK") counts after a person anywhere earlier in the same
                # sentence, with no topic word in between: "I'm a practising Hindu and a member
                # of the Green Party", "Jag är bisexuell och aktiv i Vänsterpartiet".
                gap = rf"(?:(?!(?<![\w\-])(?:{BLOCKERS[lang]})(?![\w\-]))[^.!?\n;]){{0,{cls.CLAUSE_REACH}}}?"
                patterns.append(
                    (
                        f"{name}_{lang}_clause",
                        # Not in a question ("do you store whether I'm a member of a union?").
                        rf"{subject}{gap}(?<![\w\-])(?P<value>{_alternation(lex['clause_terms'])})(?![\w\-])(?![^.!\n]*\?)",
                        cls.SCORE,
                    )
                )
            as_terms = list(lex.get("terms", ())) + list(lex.get("clause_terms", ()))
            if as_terms:
                # "Som kurder ...", "As a Roma woman I ...": the writer's own identity, at the
                # start of a sentence or clause (mid-sentence "som" lists examples: "data som diabetes").
                patterns.append(
                    (
                        f"{name}_{lang}_as",
                        # A second identity may follow "og/and" ("Som folketingskandidat for SF og
                        # tillidsrepræsentant i FOA").
                        rf"(?:^|(?<=[.!?,;:\n])|(?<=[.!?,;:\n]\s))\s*(?:{_AS[lang]})\s+(?:[\w\-]+(?:\s+[\w\-]+){{0,3}}?\s+(?:{_AND[lang]})\s+(?:an?\s+|en\s+|ett?\s+)?)??(?P<value>{_alternation(as_terms)})(?![\w\-])",
                        cls.SCORE,
                    )
                )
            if lex.get("verb_terms"):
                patterns.append(
                    (
                        f"{name}_{lang}_verb",
                        rf"{subject}{before}\s+(?P<value>{_alternation(lex['verb_terms'])})(?![\w\-])",
                        cls.SCORE,
                    )
                )
            if lex.get("attributive_terms"):
                # An adjective between a possessive and a person noun: "min kurdiske svigermor",
                # "my Muslim neighbour", "min judiska svärfar".
                patterns.append(
                    (
                        f"{name}_{lang}_attributive",
                        rf"(?<![\w'])(?:{POSSESSIVES[lang]})\s+(?P<value>{_alternation(lex['attributive_terms'])})\s+(?:{_PEOPLE[lang]})(?![\w\-])",
                        cls.SCORE,
                    )
                )
            if lex.get("possessive_terms"):
                patterns.append(
                    (
                        f"{name}_{lang}_possessive",
                        rf"(?<![\w'])(?:{POSSESSIVES[lang]})(?:\s+[\w\-]+)?\s+(?P<value>{_alternation(lex['possessive_terms'])})(?![\w\-])",
                        cls.SCORE,
                    )
                )
            out[lang] = tuple(patterns)
        return out

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "LEXICON" in cls.__dict__:
            cls.LEXICON = merged_lexicon(cls.LEXICON, load_lexicon_file(cls.ENTITY))
            cls.LANGUAGE_PATTERNS = cls.build_patterns()

    def __init__(self, supported_language: str = "da") -> None:
        super().__init__(supported_language)
        langs = LANGUAGES if supported_language == ALL_LANGUAGES else (supported_language,)
        parts = []
        for lang in langs:
            lex = self.LEXICON.get(lang, {})
            terms = (list(lex.get("terms", ())) + list(lex.get("possessive_terms", ())) + list(lex.get("verb_terms", ()))
                     + list(lex.get("clause_terms", ())))
            if terms:
                alternation = _alternation(terms)
                again = rf"(?:(?:{_AGAIN[lang]})[ \t]+)?"
                # After a comma the next value follows at once; after "og/and" a verb and a
                # preposition may come between ("I have cancer and take sertraline", "har KOL og
                # sover med en CPAP-maskine").
                parts.append(rf"[ \t]*[,;][ \t]*{again}(?P<value_{lang}_c>{alternation})(?![\w\-])")
                # Two values side by side: "troende muslim", "cancer og kemo".
                parts.append(rf"[ \t]+(?P<value_{lang}_d>{alternation})(?![\w\-])")
                # Up to three words may come before "og/and" ("fik en blodprop i sommer og har været sygemeldt").
                parts.append(
                    rf"(?:[ \t]+[\w\-]+){{0,3}}?[ \t]*[,;]?[ \t]+(?:{_AND[lang]})[ \t]+{again}"
                    rf"(?:[\w\-]+[ \t]+){{0,2}}?(?P<value_{lang}_a>{alternation})(?![\w\-])"
                )
                if lex.get("cause_links"):
                    # A value named as the reason for a disclosed one: "får kemo for brystkræft",
                    # "äter sertralin mot depression", "in a wheelchair after a stroke".
                    parts.append(rf"[ \t]+(?:{_alternation(lex['cause_links'])})[ \t]+(?P<value_{lang}_p>{alternation})(?![\w\-])")
        self._continuation: Optional[re.Pattern] = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None

    def prefer(self, results: List[RecognizerResult]) -> List[RecognizerResult]:
        """Clause-term readings only where no linked reading of the same value exists."""
        return _without_covered_clauses(results)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> List[RecognizerResult]:
        """Every disclosure, including values listed after the first ("diabetes og astma")."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if not self._continuation:
            return results
        extra: List[RecognizerResult] = []
        for result in results:
            pos = result.end
            while True:
                match = self._continuation.match(text, pos)
                if not match:
                    break
                group = next(g for g, v in match.groupdict().items() if v is not None)
                start, end = match.span(group)
                extra.append(
                    RecognizerResult(
                        entity_type=self.ENTITY, start=start, end=end, score=result.score,
                        analysis_explanation=result.analysis_explanation,
                        recognition_metadata=dict(result.recognition_metadata),
                    )
                )
                pos = end
        return self.remove_duplicates(results + extra) if extra else results
