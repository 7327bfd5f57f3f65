"""Issue 14: each fix of the knowledge base, checked in the answer the bot sends.

Every case asks `action_answer_policy` a customer question (the tracker carries the intent a
trained NLU gives it and the page's company, see action_trackers.py) and checks the text the
bot would send: the qualification the policy makes is there and the wrong wording is not.
The served bot sends exactly this text (the web server relays the action's messages).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Tuple

import pytest

from action_trackers import make_tracker, run_action
from actions.answer_policy import ActionAnswerPolicy

ACTION = ActionAnswerPolicy()


def ask(question: str, topic: str, company: str, lang: str) -> str:
    """The bot's answer to ``question`` (classified as ask_<topic>) on ``company``'s page."""
    out = run_action(ACTION, make_tracker(question, f"ask_{topic}", metadata={"company": company}))
    assert out.slot("lang") == lang, (question, out.slot("lang"))
    assert len(out.messages) == 1
    return out.text


@dataclass(frozen=True)
class Case:
    """One question and what its answer must and must not say."""

    id: str
    topic: str
    company: str
    lang: str
    question: str
    present: Sequence[str]
    absent: Sequence[str] = field(default_factory=tuple)


def check(case: Case) -> None:
    text = ask(case.question, case.topic, case.company, case.lang)
    for wanted in case.present:
        assert wanted in text, f"{case.id}: missing {wanted!r} in {text!r}"
    for unwanted in case.absent:
        assert unwanted not in text, f"{case.id}: still says {unwanted!r} in {text!r}"


# --------------------------------------------------------------------------- missing qualifications

OJCO_RETENTION_TOPICS = (
    "retention_general", "retention_master_data", "retention_chat", "retention_phone", "retention_cctv",
    "retention_plates", "retention_applicants", "retention_cpr", "retention_bank", "retention_credit_notes",
    "retention_test_panel", "retention_job_agent", "retention_warranty",
)
RETENTION_QUESTION = {
    "da": "hvor længe gemmer I mine oplysninger?",
    "sv": "hur länge sparar ni mina uppgifter?",
    "en": "how long do you keep my data?",
}
RETENTION_82 = {
    "da": ("8.1 og 8.2", "så længe du køber, interagerer med eller viser interesse for OJCO",
           "indtil du tilbagekalder dit samtykke eller gør indsigelse"),
    "sv": ("8.1 och 8.2", "så länge du köper, interagerar med eller visar intresse för OJCO",
           "tills du återkallar ditt samtycke eller invänder"),
    "en": ("8.1 and 8.2", "as long as you buy from, interact with or show interest in OJCO",
           "until you withdraw your consent or object"),
}
RETENTION_ONLY = {"da": "længere kun hvis", "sv": "längre endast om", "en": "longer only where"}


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
@pytest.mark.parametrize("topic", OJCO_RETENTION_TOPICS)
def test_every_ojco_retention_answer_gives_8_1_and_8_2(topic: str, lang: str) -> None:
    check(Case("ojco-retention", topic, "OJCO", lang, RETENTION_QUESTION[lang], RETENTION_82[lang],
               (RETENTION_ONLY[lang],)))


OK_DEADLINE = {"da": "forlænges med 2 måneder", "sv": "förlängas med 2 månader", "en": "extended by 2 months"}
OK_RIGHTS = {
    "right_access": ("hvordan får jeg indsigt i mine oplysninger?", "hur får jag veta vilka uppgifter ni har om mig?",
                     "how do I get access to my data?"),
    "right_rectification": ("mine oplysninger er forkerte, hvordan får jeg dem rettet?",
                            "mina uppgifter är felaktiga, hur får jag dem rättade?",
                            "my details are wrong, how do I get them corrected?"),
    "right_restriction": ("kan jeg få begrænset behandlingen af mine oplysninger?",
                          "kan jag få behandlingen av mina uppgifter begränsad?",
                          "can I have the processing of my data restricted?"),
    "right_portability": ("kan jeg få mine oplysninger flyttet til et andet selskab?",
                          "kan jag få mina uppgifter flyttade till ett annat företag?",
                          "can I have my data moved to another company?"),
    "right_objection": ("kan jeg gøre indsigelse mod jeres behandling af mine oplysninger?",
                        "kan jag invända mot er behandling av mina uppgifter?",
                        "can I object to how you process my data?"),
}


@pytest.mark.parametrize("lang_index, lang", list(enumerate(["da", "sv", "en"])))
@pytest.mark.parametrize("topic", sorted(OK_RIGHTS))
def test_ok_rights_answers_say_the_month_can_be_extended_by_2_months(topic: str, lang_index: int, lang: str) -> None:
    check(Case("ok-deadline", topic, "OK", lang, OK_RIGHTS[topic][lang_index], (OK_DEADLINE[lang],)))


QUALIFICATIONS = [
    # cctv.OK: real-time viewing by a few staff; consent before disclosure for other reasons
    Case("cctv-da", "cctv", "OK", "da", "hvem kan se jeres videoovervågning på tanken?",
         ("følges i realtid af få udvalgte medarbejdere", "beder OK om dit samtykke")),
    Case("cctv-sv", "cctv", "OK", "sv", "vem kan titta på er kameraövervakning på macken?",
         ("följas i realtid av ett fåtal utvalda medarbetare", "ber OK om ditt samtycke")),
    Case("cctv-en", "cctv", "OK", "en", "who can watch your video surveillance at the filling station?",
         ("watched in real time by a few selected staff", "OK asks for your consent")),
    # recruitment.OK: legal bases, test results count, Job Agent references on legitimate interest
    Case("recruitment-da", "recruitment", "OK", "da", "hvad gør I med min jobansøgning?",
         ("nødvendigt forud for en ansættelseskontrakt", "legitime interesse i at gennemføre rekrutteringen",
          "indgår i vurderingen af din ansøgning", "referencer fra personer, du selv har angivet")),
    Case("recruitment-sv", "recruitment", "OK", "sv", "vad gör ni med min jobbansökan?",
         ("behövs inför ett anställningsavtal", "berättigade intresse av att genomföra rekryteringen",
          "ingår i bedömningen av din ansökan", "referenser från personer som du själv har angett")),
    Case("recruitment-en", "recruitment", "OK", "en", "what do you do with my job application?",
         ("necessary before an employment contract", "legitimate interest in carrying out the recruitment",
          "count in the assessment of your application", "references from people you have named yourself")),
    # direct_marketing_objection.OK: answered from §§2, 5, 7 and 8, not "silent"
    Case("dm-objection-da", "direct_marketing_objection", "OK", "da", "hvordan siger jeg nej tak til markedsføring?",
         ("OK, afsnit 2, 5, 7 og 8:", "ok@ok.dk", "+45 70 10 20 33", "marketingcookies"),
         ("siger ikke noget om dette",)),
    Case("dm-objection-sv", "direct_marketing_objection", "OK", "sv", "hur tackar jag nej till direktreklam?",
         ("OK, avsnitt 2, 5, 7 och 8:", "ok@ok.dk", "+45 70 10 20 33", "marknadsföringscookies"),
         ("säger ingenting om detta",)),
    Case("dm-objection-en", "direct_marketing_objection", "OK", "en", "how do I stop direct marketing?",
         ("OK, sections 2, 5, 7 and 8:", "ok@ok.dk", "+45 70 10 20 33", "marketing cookies"),
         ("does not say anything about this",)),
    # cookies.OK: marketing cookies share data with other companies
    Case("cookies-da", "cookies", "OK", "da", "hvilke cookies bruger I på hjemmesiden?",
         ("samarbejder OK med andre virksomheder og deler oplysninger med dem", "marketingcookies"),
         ("marketing cookies",)),
    Case("cookies-sv", "cookies", "OK", "sv", "vilka cookies använder ni på webbplatsen?",
         ("samarbetar OK med andra företag och delar uppgifter med dem", "cookiepolicyn"), ("kak", "Kak")),
    Case("cookies-en", "cookies", "OK", "en", "which cookies do you use on the website?",
         ("OK works with other companies and shares data with them",)),
    # complaint.OJCO: Datatilsynet for a customer living in Denmark (GDPR art. 77)
    Case("complaint-da", "complaint", "OJCO", "da", "hvor kan jeg klage over jer?",
         ("artikel 77", "Integritetsskyddsmyndigheten (IMY)", "bor du i Danmark, kan du også klage til Datatilsynet"),
         ("databeskyttelsesmyndighed IMY",)),
    Case("complaint-sv", "complaint", "OJCO", "sv", "var kan jag klaga på er?",
         ("artikel 77", "Integritetsskyddsmyndigheten (IMY)", "bor du i Danmark kan du också klaga till danska Datatilsynet")),
    Case("complaint-en", "complaint", "OJCO", "en", "where can I complain about you?",
         ("Article 77", "IMY", "if you live in Denmark, you can also complain to the Danish Data Protection Agency")),
    # retention_cpr.OK: the CPR subscription ends whenever the number is anonymised
    Case("retention-cpr-da", "retention_cpr", "OK", "da", "hvor længe gemmer I mit cpr-nummer?",
         ("Når dit CPR-nr. anonymiseres, afmeldes samtidig",),
         ("og samtidig afmeldes CPR-abonnementet",)),
    Case("retention-cpr-sv", "retention_cpr", "OK", "sv", "hur länge sparar ni mitt cpr-nummer?",
         ("När ditt CPR-nummer anonymiseras avslutas samtidigt", "Om du köper eldningsolja, service, el, gas, försäkringar eller mobiltelefoni av OK"),
         ("kund för eldningsolja", "prenumerationen")),
    Case("retention-cpr-en", "retention_cpr", "OK", "en", "how long do you keep my CPR number?",
         ("Whenever your CPR number is anonymised",),
         ("If you are a customer for", "and the CPR register subscription is cancelled at the same time")),
]

# --------------------------------------------------------------------------- small wrong facts

WRONG_FACTS = [
    Case("freeze-sv", "freeze_scheme", "OK", "sv", "vad gör ni med mina uppgifter i frysordningen för elräkningen?",
         ("Erhvervsstyrelsen eller Gældsstyrelsen",), ("Erhvervsstyrelsen och Gældsstyrelsen",)),
    Case("authorities-sv", "authorities", "OK", "sv", "lämnar ni ut mina uppgifter till myndigheter?",
         ("Erhvervsstyrelsen eller Gældsstyrelsen",), ("Erhvervsstyrelsen och Gældsstyrelsen",)),
    Case("profiling-da", "profiling", "OJCO", "da", "laver I profilering af mig?",
         ("de nyhedsbreve, du har interageret med", "afsnit 6.3", "ingen behandling, der udgør profilering"),
         ("nyhedsbreve og arrangementer, du har tilmeldt dig",)),
    Case("profiling-sv", "profiling", "OJCO", "sv", "profilerar ni mig?",
         ("vilka nyhetsbrev du har interagerat med", "avsnitt 6.3", "ingen behandling som utgör profilering"),
         ("nyhetsbrev och evenemang du anmält dig till",)),
    Case("profiling-en", "profiling", "OJCO", "en", "do you profile me?",
         ("the newsletters you interacted with", "section 6.3", "no processing that amounts to profiling")),
    Case("data-collected-da", "data_collected", "OK", "da", "hvilke oplysninger indsamler I om mig?",
         ("bankoplysninger, så OK automatisk kan opkræve betaling",), ("afhængigt af produktet også bankoplysninger",)),
    Case("data-collected-sv", "data_collected", "OK", "sv", "vilka uppgifter samlar ni in om mig?",
         ("bankuppgifter så att OK kan dra betalningen automatiskt",), ("beroende på produkt även bankuppgifter",)),
    Case("data-collected-en", "data_collected", "OK", "en", "what data do you collect about me?",
         ("bank details so that OK can collect payment automatically",), ("depending on the product also bank details",)),
    # General passages from other laws are labelled data-protection information and name their law.
    Case("general-email-en", "email_policy", "OK", "en", "do you need my consent to send marketing emails?",
         ("General data-protection information, not a promise from OK:", "Marketing Practices Act"),
         ("General GDPR information",)),
    Case("general-cookies-da", "cookies", "OJCO", "da", "bruger I cookies på hjemmesiden?",
         ("Generel information om databeskyttelse, ikke et løfte fra OJCO:", "elektronisk kommunikation"),
         ("Generel information om GDPR",)),
    Case("general-cctv-sv", "cctv", "OJCO", "sv", "har ni kameraövervakning?",
         ("Allmän information om dataskydd, inte ett löfte från OJCO:", "kamerabevakningslagen"),
         ("Allmän information om GDPR",)),
    Case("general-cpr-en", "cpr_number", "OJCO", "en", "why would you need my personal identity number?",
         ("General data-protection information, not a promise from OJCO:", "Swedish Data Protection Act"),
         ("General GDPR information",)),
]

# --------------------------------------------------------------------------- language

LANGUAGE = [
    # Swedish
    Case("sv-chattboten", "chat", "OK", "sv", "vad gör ni med det jag skriver i chatten?", ("chattbotens",), ("chattbott",)),
    Case("sv-phone", "contact", "OK", "sv", "hur kontaktar jag er?",
         ("mejla OK på ok@ok.dk eller ringa kundtjänst på +45 70 10 20 33",), ("via e-post på", "per telefon på")),
    Case("sv-datatilsynet", "complaint", "OK", "sv", "var kan jag klaga på er?", ("telefon +45 33 19 32 00",)),
    Case("sv-exercise", "exercise_rights", "OK", "sv", "hur använder jag mina rättigheter hos er?",
         ("Mejla OK på ok@ok.dk eller ring kundtjänst på +45 70 10 20 33",), ("per telefon till kundtjänst",)),
    Case("sv-cpr-register", "cpr_register", "OK", "sv", "får ni uppgifter från folkbokföringen om mig?",
         ("har abonnemang hos det danska CPR-registret",), ("prenumererar",)),
    Case("sv-ev-charger", "ev_charger", "OK", "sv", "vilka uppgifter samlar ni in om min laddbox?",
         ("laddningstid", "med stöd av en rättslig förpliktelse"), ("använd tid", "på grund av en rättslig förpliktelse")),
    Case("sv-marketing", "marketing", "OK", "sv", "hur använder ni mina uppgifter till marknadsföring?",
         ("delas i krypterad form",), ("delas krypterat",)),
    Case("sv-security", "security", "OK", "sv", "hur skyddar ni mina uppgifter?",
         ("webbplatser som OK länkar till",), ("som det länkas till",)),
    Case("sv-leadkort", "phone_recording", "OK", "sv", "spelar ni in telefonsamtal?",
         ("OK:s intresseformulär (leadkort)",), ("via OK:s leadkort",)),
    Case("sv-social", "social_media", "OK", "sv", "vad gör ni med mina uppgifter på sociala medier?",
         ("ensamt personuppgiftsansvarigt",), ("ensamt ansvarigt",)),
    # Danish
    Case("da-indsigt", "right_access", "OJCO", "da", "hvordan får jeg indsigt i mine oplysninger?",
         ("Bed om indsigt i dine oplysninger",), ("registerudtræk",)),
    Case("da-contact", "contact", "OJCO", "da", "hvordan kontakter jeg jer?", ("indsigt i dine oplysninger",), ("registerudtræk",)),
    Case("da-interesse", "legal_basis", "OJCO", "da", "hvilket retsgrundlag har I for at behandle mine oplysninger?",
         ("legitim interesse (interesseafvejning)",)),
    Case("da-cpr-register", "cpr_register", "OK", "da", "får I besked fra CPR-registret når jeg flytter?",
         ("har abonnement hos CPR-registret",), ("abonnerer hos",)),
    Case("da-credit", "credit_check", "OK", "da", "laver I kreditvurdering af mig?",
         ("har abonnement hos kreditoplysningsbureauerne",), ("abonnerer hos",)),
    Case("da-viby", "policy_changes", "OK", "da", "hvornår er persondatapolitikken sidst ændret?",
         ("3.7 fra maj 2023.",), ("(Viby)",)),
    # English
    Case("en-phone", "contact", "OK", "en", "how can I contact you?", ("+45 70 10 20 33",)),
    Case("en-datatilsynet", "complaint", "OK", "en", "where can I complain about you?", ("phone +45 33 19 32 00",)),
    Case("en-access", "right_access", "OJCO", "en", "how do I get a copy of my data?", ("Ask for access",), ("register extract",)),
    Case("en-viby", "policy_changes", "OK", "en", "when was the privacy policy last changed?",
         ("dated May 2023.",), ("(Viby)",)),
]


@pytest.mark.parametrize("case", QUALIFICATIONS, ids=lambda c: c.id)
def test_missing_qualifications_are_in_the_answer(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", WRONG_FACTS, ids=lambda c: c.id)
def test_small_wrong_facts_are_corrected(case: Case) -> None:
    check(case)


@pytest.mark.parametrize("case", LANGUAGE, ids=lambda c: c.id)
def test_language_fixes_reach_the_answer(case: Case) -> None:
    check(case)


# --------------------------------------------------------------------------- new topics

NEW_TOPICS: Sequence[Tuple[str, str, str, str, Sequence[str]]] = [
    # (topic, company, lang, question, facts)
    ("service_messages", "OK", "da", "hvorfor får jeg sms'er om min aftale?", ("OK, afsnit 2:", "sms", "servicemeddelelser", "opfylde aftalen")),
    ("service_messages", "OJCO", "en", "will you contact me if there is a problem with my order?", ("OJCO, sections 5.1 and 6.1:", "a problem arises with an order")),
    ("information_material", "OK", "sv", "om jag ber om en offert, vad gör ni med mina uppgifter?", ("OK, avsnitt 2:", "informationsmaterial", "berättigade intresse")),
    ("information_material", "OJCO", "en", "if I ask for a brochure, what do you do with my details?", ("does not say anything about this", "OJCO, sections 3.1 and 4.2:")),
    ("lead_cards", "OK", "da", "hvad sker der med mine oplysninger når jeg udfylder et leadkort?", ("OK, afsnit 2:", "leadkort", "samtalen optages")),
    ("lead_cards", "OK", "sv", "vad händer med mina uppgifter när jag fyller i ett intresseformulär?", ("intresseformulär (leadkort)", "spelas in")),
    ("lead_cards", "OJCO", "sv", "vad händer med mina uppgifter när jag fyller i ett intresseformulär?", ("säger ingenting om detta", "OJCO, avsnitt 4.2:")),
    ("family_members", "OK", "en", "can I give you details about my husband?", ("OK, section 2:", "family members", "consent first")),
    ("family_members", "OJCO", "da", "må jeg give jer oplysninger om min mand?", ("siger ikke noget om dette", "artikel 14")),
    ("web_forms", "OK", "da", "hvad betyder stjernen ved felterne i jeres formular?", ("OK, afsnit 2:", "stjerne (*)", "ikke bruge den ønskede funktion")),
    ("web_forms", "OJCO", "sv", "vad samlar ni in när jag fyller i ett webbformulär?", ("OJCO, avsnitt 4.2 och 5.2:", "yrkestitel", "inte vilka fält som är obligatoriska")),
    ("product_terms", "OK", "en", "are there other terms besides the privacy policy?", ("OK, the introduction and section 2:", "supplementary product-specific terms")),
    ("product_terms", "OJCO", "en", "are there other terms besides the privacy policy?", ("does not say anything about this", "OJCO, section 1.1:")),
    ("user_panel_rewards", "OK", "da", "hvorfor skal I have min adresse når jeg er med i brugerpanelet?", ("OK, afsnit 2:", "fysiske belønninger", "frivillige samtykke")),
    ("user_panel_rewards", "OJCO", "sv", "ger ni belöningar för att delta i undersökningar?", ("säger ingenting om detta", "OJCO, avsnitt 5.1:")),
    ("events_courses", "OJCO", "en", "what information do you collect when I sign up for an event?", ("OJCO, sections 3.2, 3.3, 4.1 and 4.2:", "events you have attended", "course")),
    ("events_courses", "OJCO", "da", "hvilke oplysninger indsamler I når jeg tilmelder mig et arrangement?", ("OJCO, afsnit 3.2, 3.3, 4.1 og 4.2:", "uddannelse")),
    ("events_courses", "OK", "sv", "vilka uppgifter samlar ni in när jag anmäler mig till ett evenemang?", ("säger ingenting om detta", "OK, avsnitt 2:", "inte profilering")),
    ("policy_scope", "OJCO", "sv", "vad omfattar er integritetspolicy?", ("OJCO, avsnitt 1 och 1.1:", "hyra av datakraft", "OJCO International AB")),
    ("policy_scope", "OJCO", "en", "what does your privacy policy cover?", ("renting computing power",)),
    ("policy_scope", "OK", "da", "hvad dækker jeres persondatapolitik?", ("OK, indledningen og afsnit 1.1 og 2:", "særskilte persondatapolitik")),
    ("data_storage", "OJCO", "da", "hvor opbevarer I mine data?", ("OJCO, afsnit 3.4, 9.1 og 9.3:", "CRM-, fakturerings-, e-mail- og dokumentsystemer")),
    ("data_storage", "OK", "en", "where do you store my data?", ("OK, sections 3, 4 and 6:", "servers with restricted access", "does not say where the servers are")),
    ("technical_optimisation", "OJCO", "sv", "använder ni mina uppgifter för att felsöka tekniken?", ("OJCO, avsnitt 5.2 och 5.3:", "felsöka och optimera tekniken")),
    ("technical_optimisation", "OK", "en", "do you use my data to improve how the website works?", ("OK, sections 4 and 8:", "statistics cookies")),
]


@pytest.mark.parametrize("topic, company, lang, question, facts", NEW_TOPICS, ids=lambda v: v if isinstance(v, str) and len(v) < 25 else "")
def test_new_topics_are_answered_from_the_policy(topic: str, company: str, lang: str, question: str, facts: Sequence[str]) -> None:
    check(Case(f"{topic}-{company}-{lang}", topic, company, lang, question, facts))
