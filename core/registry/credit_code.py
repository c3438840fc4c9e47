"""统一社会信用代码 (unified social credit code), GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and capitals
without I, O, S, V, Z). The last character is a mod-31 check over the first
seventeen with weights 3^(i-1) mod 31 (policy-rules.md §6.2); the standard's
own example, 91350100M000100Y43, is valid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
FORMAT = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def normalise(raw: str) -> str:
    """Trim, fold full-width characters to half-width (NFKC) and upper-case."""
    folded = unicodedata.normalize("NFKC", raw or "")
    return re.sub(r"\s+", "", folded).upper()


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


@dataclass(frozen=True)
class CreditCodeCheck:
    code: str
    #: Length and characters are right.
    well_formed: bool
    #: The 18th character matches the GB 32100 check.
    check_ok: bool

    @property
    def valid(self) -> bool:
        return self.well_formed and self.check_ok


def check(raw: str) -> CreditCodeCheck:
    """Normalise ``raw`` and report whether its format and check character hold."""
    code = normalise(raw)
    if not FORMAT.match(code):
        return CreditCodeCheck(code, well_formed=False, check_ok=False)
    return CreditCodeCheck(code, well_formed=True, check_ok=check_character(code[:17]) == code[17])


def is_valid(raw: str | None) -> bool:
    return bool(raw) and check(raw).valid
