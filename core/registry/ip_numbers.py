"""The formats of IP application and registration numbers, by IP kind.

Chinese patent application numbers (专利申请号) carry a check character: since
2003 twelve digits — the filing year, the type (1 发明, 2 实用新型, 3 外观设计; 8
and 9 a PCT application entering the national phase as 发明 or 实用新型) and a
seven-digit serial — then a dot and the check; from 1985 to 2003 eight digits
(two for the year). The check is the weighted sum of the digits modulo 11,
weights 2, 3, 4, 5, 6, 7, 8, 9 repeating, a remainder of 10 written ``X``
(国家知识产权局《专利申请号标准》ZC 0006-2003). PARTIAL: the rule is the one
every public implementation applies; the standard's own text was not read.
The patent number on a certificate is ``ZL`` and the application number, so
both are accepted and the application number is stored.

Software copyright registration numbers (``2023SR0123456``) and trademark
registration numbers (digits) have a fixed shape and no check character. The
other kinds' numbers (集成电路布图设计, 植物新品种, plugins' kinds) are stored as
entered: no format was verified for them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

#: The type digit(s) of each patent kind's application numbers.
PATENT_TYPES = {"invention_patent": "18", "utility_model": "29", "design": "3"}
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9) * 2
#: Type digits whose number's year is the national-phase entry, not the filing date (PCT).
PCT_TYPES = "89"

SOFTWARE = re.compile(r"^(\d{4})SR\d{6,7}$")
TRADEMARK = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True)
class NumberCheck:
    #: As stored: upper case, half-width, the patent check after a dot.
    number: str
    #: Why the number is refused, or ``None``.
    problem: str | None = None


def fold(raw: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw or "")).upper()


def check_character(digits: str) -> str:
    """The check of a patent application number's digits (8 or 12 of them)."""
    total = sum(int(d) * w for d, w in zip(digits, WEIGHTS[: len(digits)], strict=True))
    return "0123456789X"[total % 11]


def _patent(number: str, kind: str, filed_on: date | None) -> NumberCheck:
    bare = number.removeprefix("ZL").removeprefix("CN").replace(".", "")
    digits, check = bare[:-1], bare[-1:]
    if not digits.isdigit() or len(digits) not in (8, 12) or check not in "0123456789X":
        return NumberCheck(
            number,
            _l("A patent application number is 12 digits, a dot and a check, e.g. 202310123456.X."),
        )
    year = int(digits[:4]) if len(digits) == 12 else 1900 + int(digits[:2])
    kind_digit = digits[4] if len(digits) == 12 else digits[2]
    stored = f"{digits}.{check}"
    if kind_digit not in PATENT_TYPES[kind]:
        return NumberCheck(stored, _l("The number’s type digit does not match the kind of patent."))
    if check_character(digits) != check:
        return NumberCheck(stored, _l("The check character does not match (ZC 0006-2003)."))
    if filed_on and kind_digit not in PCT_TYPES and year != filed_on.year:
        return NumberCheck(stored, _l("The number’s year is not the year of the filing date."))
    return NumberCheck(stored)


def check(raw: str, kind: str, filed_on: date | None = None) -> NumberCheck:
    """Normalise ``raw`` as a number of ``kind`` and say what is wrong with it, if anything."""
    number = fold(raw)
    if not number:
        return NumberCheck("")
    if kind in PATENT_TYPES:
        return _patent(number, kind, filed_on)
    if kind == "software_copyright" and not SOFTWARE.match(number):
        return NumberCheck(number, _l("A software registration number looks like 2023SR0123456."))
    if kind == "trademark" and not TRADEMARK.match(number):
        return NumberCheck(number, _l("A trademark registration number is digits only."))
    return NumberCheck(number)
