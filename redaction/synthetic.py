"""Synthetic, valid-looking identifiers for tests and the labelled set.

Everything is drawn from a ``random.Random`` the caller seeds, so the labelled set
is reproducible and hypothesis can shrink. No real person's number is used: the
values are random and only have to pass the same checks real ones do.
"""
from __future__ import annotations

import datetime
import random
from typing import Tuple

from stdnum import iban as std_iban
from stdnum import luhn

FULLWIDTH = str.maketrans("0123456789-+@.", "０１２３４５６７８９－＋＠．")


def _date(rng: random.Random, first: int, last: int) -> datetime.date:
    start = datetime.date(first, 1, 1).toordinal()
    end = min(datetime.date(last, 12, 31), datetime.date.today() - datetime.timedelta(days=1)).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def _cpr_century_digit(rng: random.Random, year: int) -> str:
    """A 7th digit that, with the two-digit year, gives ``year``'s century."""
    yy = year % 100
    options = []
    if 1900 <= year <= 1999:
        options += ["0", "1", "2", "3"] + (["4", "9"] if yy >= 37 else [])
    if 2000 <= year <= 2036:
        options += ["4", "9"]
    if 2000 <= year <= 2057:
        options += ["5", "6", "7", "8"]
    if 1858 <= year <= 1899:
        options += ["5", "6", "7", "8"]
    return rng.choice(options)


def cpr_passes_mod11(digits: str) -> bool:
    """The old modulus-11 rule (not required since 2007)."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(w * int(d) for w, d in zip(weights, digits)) % 11 == 0


def dk_cpr(rng: random.Random, mod11: bool | None = None) -> str:
    """A valid CPR number (10 digits). mod11=False forces one that fails modulus 11."""
    while True:
        born = _date(rng, 1920, 2023)
        serial = _cpr_century_digit(rng, born.year) + "".join(rng.choice("0123456789") for _ in range(3))
        digits = born.strftime("%d%m%y") + serial
        if mod11 is None or cpr_passes_mod11(digits) == mod11:
            return digits


def format_cpr(digits: str, style: str) -> str:
    """CPR as people write it: hyphen, none, space, dots, spaced pairs."""
    d, m, y, s = digits[:2], digits[2:4], digits[4:6], digits[6:]
    return {
        "hyphen": f"{d}{m}{y}-{s}",
        "plain": f"{d}{m}{y}{s}",
        "space": f"{d}{m}{y} {s}",
        "dots": f"{d}.{m}.{y}-{s}",
        "spaced": f"{d} {m} {y} {s}",
        "dotted": f"{d}.{m}.{y}.{s}",
    }[style]


CPR_STYLES = ("hyphen", "plain", "space", "dots", "spaced", "dotted")


def se_personnummer(rng: random.Random, coordination: bool = False) -> Tuple[datetime.date, str]:
    """(birth date, 10 digits YYMMDDNNNC) with a valid Luhn digit; day + 60 for coordination."""
    born = _date(rng, 1930, 2023)
    day = born.day + (60 if coordination else 0)
    body = f"{born:%y%m}{day:02d}" + "".join(rng.choice("0123456789") for _ in range(3))
    return born, body + luhn.calc_check_digit(body)


def format_personnummer(born: datetime.date, digits: str, style: str) -> str:
    """Personnummer as written: 10/12 digits, '-' or none, '+' for 100+."""
    century = f"{born.year // 100}"
    return {
        "hyphen": f"{digits[:6]}-{digits[6:]}",
        "plain": digits,
        "long_hyphen": f"{century}{digits[:6]}-{digits[6:]}",
        "long": f"{century}{digits}",
        "space": f"{digits[:6]} {digits[6:]}",
        "long_space": f"{century}{digits[:6]} {digits[6:]}",
    }[style]


PNR_STYLES = ("hyphen", "plain", "long_hyphen", "long", "space", "long_space")

_CARD_PREFIXES = (("4571", 16), ("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("5019", 16), ("34", 15), ("37", 15), ("6011", 16))


def payment_card(rng: random.Random) -> str:
    """Digits of a Luhn-valid card number with a real issuer prefix."""
    prefix, length = rng.choice(_CARD_PREFIXES)
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def format_card(digits: str, style: str) -> str:
    """Card digits grouped by 4 with spaces/dashes/dots, or not at all."""
    if style == "plain":
        return digits
    sep = {"space": " ", "dash": "-", "dots": "."}[style]
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


CARD_STYLES = ("plain", "space", "dash", "dots")

_IBAN_BBAN = {"DK": 14, "SE": 20, "NO": 11, "FI": 14, "DE": 18, "NL": None, "GB": None}


def iban(rng: random.Random, country: str | None = None) -> str:
    """A mod-97-valid IBAN (compact) for DK, SE, NO, FI or DE."""
    country = country or rng.choice(("DK", "SE", "NO", "FI", "DE"))
    length = _IBAN_BBAN[country]
    while True:
        bban = "".join(rng.choice("0123456789") for _ in range(length))
        for check in range(2, 99):
            candidate = f"{country}{check:02d}{bban}"
            if std_iban.is_valid(candidate):
                return candidate


def format_iban(compact: str, style: str) -> str:
    """IBAN compact or in groups of four."""
    if style == "plain":
        return compact
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def dk_phone(rng: random.Random) -> str:
    """Eight digits, first 2-9 (mobile 2x/3x/4x/5x/6x/7x/8x/9x)."""
    return rng.choice("23456789") + "".join(rng.choice("0123456789") for _ in range(7))


def format_dk_phone(digits: str, style: str) -> str:
    """Danish numbers as written."""
    pairs = " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    return {
        "pairs": pairs,
        "quads": f"{digits[:4]} {digits[4:]}",
        "plain": digits,
        "intl_pairs": f"+45 {pairs}",
        "intl_plain": f"+45{digits}",
        "intl_00": f"0045 {digits}",
        "dashes": "-".join(digits[i : i + 2] for i in range(0, 8, 2)),
    }[style]


DK_PHONE_STYLES = ("pairs", "quads", "plain", "intl_pairs", "intl_plain", "intl_00", "dashes")


def se_mobile(rng: random.Random) -> str:
    """A Swedish mobile number, national form 07X XXXXXXX (10 digits)."""
    return "07" + rng.choice("02369") + "".join(rng.choice("0123456789") for _ in range(7))


def format_se_phone(digits: str, style: str) -> str:
    """Swedish numbers as written (mobile)."""
    n = digits
    return {
        "national": f"{n[:3]}-{n[3:6]} {n[6:8]} {n[8:]}",
        "national_plain": n,
        "national_space": f"{n[:3]} {n[3:6]} {n[6:8]} {n[8:]}",
        "intl": f"+46 {n[1:3]} {n[3:6]} {n[6:8]} {n[8:]}",
        "intl_plain": f"+46{n[1:]}",
        "intl_paren": f"+46 (0){n[1:3]} {n[3:6]} {n[6:]}",
    }[style]


SE_PHONE_STYLES = ("national", "national_plain", "national_space", "intl", "intl_plain", "intl_paren")

FIRST_NAMES = ("Mette", "Lars", "Anne", "Søren", "Freja", "Mikkel", "Ida", "Jens", "Karin", "Björn", "Åsa", "Erik",
               "Linnéa", "Oskar", "Maja", "Johan", "Emma", "Oliver", "Sarah", "James", "Aisha", "Mohammed", "Nanna",
               "Sven", "Ingrid", "Thomas", "Hanne", "Peter", "Sofie", "Anders")
LAST_NAMES = ("Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
              "Johansson", "Andersson", "Karlsson", "Nilsson", "Eriksson", "Lindqvist", "Smith", "Jones", "Taylor",
              "Brown", "Holm", "Østergaard", "Bergström", "Lund", "Madsen", "Kristensen")


def full_name(rng: random.Random) -> str:
    """First and last name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def email(rng: random.Random) -> str:
    """An address at a common or made-up domain with a real suffix."""
    first = rng.choice(FIRST_NAMES).lower().replace("ø", "o").replace("å", "a").replace("ö", "o").replace("é", "e").replace("ä", "a")
    last = rng.choice(LAST_NAMES).lower().replace("ø", "o").replace("ö", "o").replace("å", "a")
    local = rng.choice((f"{first}.{last}", f"{first}{rng.randint(1, 99)}", f"{first[0]}{last}", f"{first}_{last}"))
    domain = rng.choice(("gmail.com", "hotmail.com", "outlook.dk", "live.se", "firma.dk", "post.tele.dk", "yahoo.co.uk", "telia.se", "example.org"))
    return f"{local}@{domain}"


def dk_bank_account(rng: random.Random) -> Tuple[str, str]:
    """(reg.nr, kontonummer)."""
    reg = f"{rng.randint(1000, 9899)}"
    konto = "".join(rng.choice("0123456789") for _ in range(10))
    return reg, konto


def dk_plate(rng: random.Random) -> str:
    """A Danish plate, AB 12 345."""
    letters = "".join(rng.choice("ABCDEFHJKLMNPRSTUVXYZ") for _ in range(2))
    return f"{letters} {rng.randint(10, 99)} {rng.randint(0, 999):03d}"


def ipv4(rng: random.Random) -> str:
    """A public-looking IPv4 address."""
    return ".".join(str(rng.randint(1, 254)) for _ in range(4))


def fullwidth(value: str) -> str:
    """The same identifier typed with full-width digits."""
    return value.translate(FULLWIDTH)


# -- obfuscation: how the probe hid identifiers from the first redactor ---------
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")
DIGIT_SETS = {
    "arabic_indic": "٠١٢٣٤٥٦٧٨٩",
    "extended_arabic_indic": "۰۱۲۳۴۵۶۷۸۹",
    "devanagari": "०१२३४५६७८९",
    "math_bold": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
    "math_monospace": "𝟶𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾𝟿",
    "fullwidth": "０１２３４５６７８９",
}
OBFUSCATIONS = ("invisible", "digits", "letters", "underscore", "double_hyphen", "one_by_one", "pairs", "spaced_dash")


def regroup(digits: str, style: str) -> str:
    """The digits with separators people and obfuscators use."""
    if style == "underscore":
        return "_".join(digits[i : i + 4] for i in range(0, len(digits), 4)) if len(digits) > 12 else f"{digits[:6]}_{digits[6:]}"
    if style == "double_hyphen":
        return "--".join(digits[i : i + 4] for i in range(0, len(digits), 4)) if len(digits) > 12 else f"{digits[:6]}--{digits[6:]}"
    if style == "one_by_one":
        return " ".join(digits)
    if style == "pairs":
        return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    if style == "spaced_dash":
        return f"{digits[:-4]} - {digits[-4:]}"
    return digits


def obfuscate(rng: random.Random, written: str, style: str) -> str:
    """``written`` (an identifier as typed) hidden the way ``style`` says."""
    if style == "invisible":
        chars = list(written)
        for _ in range(rng.randint(1, 3)):
            chars.insert(rng.randint(1, len(chars) - 1), rng.choice(INVISIBLE))
        return "".join(chars)
    if style == "digits":
        table = str.maketrans("0123456789", DIGIT_SETS[rng.choice(sorted(DIGIT_SETS))])
        return written.translate(table)
    if style == "letters":
        # O for zero and l/I for one, glued to the digits around them.
        out = []
        for ch in written:
            if ch == "0":
                out.append(rng.choice("0Oo"))
            elif ch == "1":
                out.append(rng.choice("1lI"))
            else:
                out.append(ch)
        return "".join(out)
    digits = "".join(ch for ch in written if ch.isdigit())
    if len(digits) != len([ch for ch in written if ch.isalnum()]):
        return written  # not a pure number (IBAN): separators only make sense for digits
    return regroup(digits, style)


def obfuscated_email(rng: random.Random) -> str:
    """An address written to dodge a simple pattern: (at)/(dot), [at], " @ "."""
    local, domain = email(rng).split("@")
    style = rng.choice(("paren", "bracket", "bracket_at_only", "spaced", "words", "curly"))
    if style == "paren":
        return f"{local} (at) {domain.replace('.', ' (dot) ')}"
    if style == "bracket":
        return f"{local}[at]{domain.replace('.', '[dot]')}"
    if style == "bracket_at_only":
        return f"{local} [at] {domain}"
    if style == "spaced":
        return f"{local} @ {domain}"
    if style == "curly":
        return f"{local}{{at}}{domain}"
    return f"{local} at {domain.replace('.', ' dot ')}"


def se_plate(rng: random.Random) -> str:
    """A Swedish plate, ABC 123 or (since 2019) ABC 12D."""
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(3))
    last = rng.choice("0123456789" if rng.random() < 0.6 else "ABCDEFGHJKLMNPRSTUWXYZ")
    return f"{letters} {rng.randint(10, 99)}{last}"


def dk_bank_written(rng: random.Random) -> str:
    """A Danish reg.nr. + account number in one of the common spellings."""
    reg, konto = dk_bank_account(rng)
    short = konto.lstrip("0")[:8] or konto
    return rng.choice((
        f"{reg}-{konto}", f"{reg} - {konto}", f"{reg}/{konto}",
        f"reg.nr. {reg} kontonr. {konto}", f"reg. nr {reg} konto {short}", f"regnr: {reg}, kontonummer: {konto}",
        f"Reg {reg} Konto {konto[:2]} {konto[2:6]} {konto[6:]}", f"registreringsnummer {reg} og kontonummer {konto}",
        f"kto. {reg} {konto}",
    ))
