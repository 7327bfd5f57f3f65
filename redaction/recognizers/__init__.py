"""Our Presidio recognizers, one class per module; RECOGNIZER_CLASSES lists them all.

Class names must differ from Presidio's predefined ones (EmailRecognizer,
IbanRecognizer, ...): Presidio's default registry looks recognizers up by class
name among all subclasses, so a clash would replace its own in a stock engine.
"""
from __future__ import annotations

from typing import List, Type

from redaction.recognizers.base import NordicPatternRecognizer
from redaction.recognizers.criminal_record import CriminalRecordRecognizer
from redaction.recognizers.dk_bank_account import DkBankAccountRecognizer
from redaction.recognizers.dk_cpr import DkCprRecognizer
from redaction.recognizers.dk_licence_plate import DkLicencePlateRecognizer
from redaction.recognizers.dk_phone import DkPhoneRecognizer
from redaction.recognizers.email_address import EmailAddressRecognizer
from redaction.recognizers.ethnic_origin import EthnicOriginRecognizer
from redaction.recognizers.health import HealthRecognizer
from redaction.recognizers.iban_code import IbanCodeRecognizer
from redaction.recognizers.intl_phone import IntlPhoneRecognizer
from redaction.recognizers.ip_address import IpAddressRecognizer
from redaction.recognizers.listed_name import ListedNameRecognizer
from redaction.recognizers.payment_card import PaymentCardRecognizer
from redaction.recognizers.person_name import PersonNameRecognizer
from redaction.recognizers.political_opinion import PoliticalOpinionRecognizer
from redaction.recognizers.religion import ReligionRecognizer
from redaction.recognizers.same_sex_partner import SameSexPartnerRecognizer
from redaction.recognizers.se_personnummer import SePersonnummerRecognizer
from redaction.recognizers.se_licence_plate import SeLicencePlateRecognizer
from redaction.recognizers.se_phone import SePhoneRecognizer
from redaction.recognizers.se_samordningsnummer import SeSamordningsnummerRecognizer
from redaction.recognizers.sexual_orientation import SexualOrientationRecognizer
from redaction.recognizers.trade_union import TradeUnionRecognizer

RECOGNIZER_CLASSES: List[Type[NordicPatternRecognizer]] = [
    DkCprRecognizer,
    SePersonnummerRecognizer,
    SeSamordningsnummerRecognizer,
    DkPhoneRecognizer,
    SePhoneRecognizer,
    IntlPhoneRecognizer,
    EmailAddressRecognizer,
    PaymentCardRecognizer,
    IbanCodeRecognizer,
    DkBankAccountRecognizer,
    DkLicencePlateRecognizer,
    SeLicencePlateRecognizer,
    IpAddressRecognizer,
    PersonNameRecognizer,
    ListedNameRecognizer,
    HealthRecognizer,
    ReligionRecognizer,
    EthnicOriginRecognizer,
    SexualOrientationRecognizer,
    SameSexPartnerRecognizer,
    PoliticalOpinionRecognizer,
    TradeUnionRecognizer,
    CriminalRecordRecognizer,
]

SPECIAL_CATEGORY_TYPES = (
    "HEALTH",
    "RELIGION",
    "ETHNIC_ORIGIN",
    "SEXUAL_ORIENTATION",
    "POLITICAL_OPINION",
    "TRADE_UNION",
    "CRIMINAL_RECORD",
)

__all__ = ["RECOGNIZER_CLASSES", "SPECIAL_CATEGORY_TYPES", "NordicPatternRecognizer"] + [
    cls.__name__ for cls in RECOGNIZER_CLASSES
]
