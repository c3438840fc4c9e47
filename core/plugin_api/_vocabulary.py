"""The open vocabularies of the registry: what plugins register with ``incuchain_vocabulary``.

A ``Term`` is one kind in one vocabulary — a certification (科技型中小企业,
高新技术企业…), an IP kind (发明专利…), a funding kind, a technology field —
with its names in both languages and, where the kind needs one, its policy:
the IP class, the funding category, how long a certification lasts
(``Validity``) and its rung on the recognition ladder. Core's own terms are
registered by core's built-in vocabulary plugin; a plugin adds a kind (a
provincial recognition, a city's industries) by returning more terms, with no
database change: stored keys are checked against the registered terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ._dates import add_months
from ._text import bilingual

#: The vocabularies, by name.
CERTIFICATION = "certification"
IP_KIND = "ip_kind"
FUNDING = "funding"
TECH_FIELD = "tech_field"
VOCABULARIES = (CERTIFICATION, IP_KIND, FUNDING, TECH_FIELD)

#: Funding categories: equity investment (天使、风险投资), loans, public grants.
EQUITY, LOAN, GRANT = "equity", "loan", "grant"


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later: the "corresponding day", 29 February becoming the 28th."""
    return add_months(day, 12 * years)


@dataclass(frozen=True, kw_only=True)
class Validity:
    """How long a recognition lasts once given, and the clause that says so.

    A period counted in years ends on the corresponding day of its last year:
    the day it starts is not counted (民法典 第二百零一条) and "按照年、月计算期间的，到期月的
    对应日为期间的最后一日" (第二百零三条; 专利法实施细则 第五条 says the same for IP
    deadlines). A certificate of 2023-11-20 valid for three years is
    therefore still valid on 2026-11-20 and no longer on 2026-11-21; one of
    29 February lasts to 28 February. Where the period cannot be computed (no
    date, or a kind whose period no policy fixes) the end date recorded from
    the certificate is its last day.
    """

    #: Whole years from the date on the certificate.
    years: int | None = None
    #: Valid for its evaluation year only (or the year of its date), to 31 December.
    yearly: bool = False
    #: The clause the period comes from, with how sure it is.
    citation: str = ""

    def until(
        self, *, issued_on: date | None, year: int | None, recorded: date | None = None
    ) -> date | None:
        """The last day it is valid; ``None`` when nothing limits it."""
        if self.yearly and (year or issued_on):
            return date(year or issued_on.year, 12, 31)
        if self.years and issued_on is not None:
            return add_years(issued_on, self.years)
        return recorded


@dataclass(frozen=True, kw_only=True)
class Term:
    """One kind in one vocabulary, as a plugin registers it."""

    #: One of ``VOCABULARIES``.
    vocabulary: str
    #: Stored in the database: lower-case letters, digits and underscores.
    key: str
    label_zh: str
    label_en: str
    #: Position in lists: lower comes first.
    order: int = 100
    #: The clause that defines the kind.
    citation: str = ""
    #: IP kinds: ``"I"`` or ``"II"`` (高新技术企业认定 知识产权分类), or ``"none"`` for a
    #: right the classification leaves out (商标: "不含商标", policy-rules §4.2).
    ip_class: str | None = None
    #: Funding kinds: ``EQUITY``, ``LOAN`` or ``GRANT``.
    category: str | None = None
    #: Certification kinds: how long one lasts; ``None`` to the recorded end date only.
    validity: Validity | None = None
    #: Certification kinds on the recognition ladder: its rung, lower first.
    rung: int | None = None
    #: Certification kinds it includes: a 专精特新 enterprise is an 创新型中小企业 too.
    implies: tuple[str, ...] = ()

    def label(self, locale: str) -> str:
        return bilingual(locale, self.label_zh, self.label_en)

    # Lists and templates name any registered object with ``name(locale)``.
    name = label
