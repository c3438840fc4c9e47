"""Fixed bilingual vocabularies of the startup registry.

Keys are stored; names are shown. IP classes follow the 高新技术企业 guideline
(policy-rules.md §4.2): Ⅰ类 are invention patents, plant varieties, national
crop varieties, national new drugs, class-one protected TCM varieties and IC
layout designs; Ⅱ类 are utility models, designs and software copyrights.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Term:
    key: str
    name_zh: str
    name_en: str

    def name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") else self.name_zh


@dataclass(frozen=True)
class IPKind(Term):
    #: ``"I"`` or ``"II"``.
    ip_class: str = "II"


STARTUP_KINDS = (
    Term("team", "创业团队(未注册)", "Team (not registered)"),
    Term("company", "已注册企业", "Registered company"),
)

FUNDING_KINDS = (
    Term("angel", "天使投资", "Angel investment"),
    Term("vc", "风险投资", "Venture capital"),
    Term("grant", "政府资助", "Government grant"),
    Term("tech_loan", "科技贷", "Technology loan (科技贷)"),
)

IP_KINDS = (
    IPKind("invention_patent", "发明专利", "Invention patent", "I"),
    IPKind("plant_variety", "植物新品种", "Plant variety", "I"),
    IPKind("crop_variety", "国家级农作物品种", "National crop variety", "I"),
    IPKind("new_drug", "国家新药", "National new drug", "I"),
    IPKind("tcm_variety", "国家一级中药保护品种", "Class-one protected TCM variety", "I"),
    IPKind("ic_layout", "集成电路布图设计专有权", "IC layout design", "I"),
    IPKind("utility_model", "实用新型专利", "Utility model", "II"),
    IPKind("design", "外观设计专利", "Design patent", "II"),
    IPKind("software_copyright", "软件著作权", "Software copyright", "II"),
)

IP_CLASS_NAMES = {
    "I": Term("I", "Ⅰ类", "Class Ⅰ"),
    "II": Term("II", "Ⅱ类", "Class Ⅱ"),
}

IP_STATUSES = (
    Term("applied", "已申请", "Applied"),
    Term("granted", "已授权", "Granted"),
)

CERTIFICATION_KINDS = (
    Term("tech_sme", "科技型中小企业", "Tech-based SME (科技型中小企业)"),
    Term("high_tech", "高新技术企业", "High-tech enterprise (高新技术企业)"),
    Term("specialized", "专精特新中小企业", "Specialised and innovative SME (专精特新)"),
    Term("gazelle", "瞪羚企业", "Gazelle enterprise (瞪羚)"),
)

EVENT_KINDS = (
    Term("acquired", "被兼并收购", "Acquired or merged"),
    Term("listed", "挂牌上市", "Listed"),
)

#: 高新技术企业 status lasts three years from the certificate date (policy-rules.md §5.1).
HIGH_TECH_VALID_YEARS = 3


def high_tech_valid_until(issued_on: date) -> date:
    """The certificate date moved by ``HIGH_TECH_VALID_YEARS`` (29 February → 28th)."""
    year = issued_on.year + HIGH_TECH_VALID_YEARS
    try:
        return issued_on.replace(year=year)
    except ValueError:
        return issued_on.replace(year=year, day=28)


IP_KINDS_BY_KEY = {k.key: k for k in IP_KINDS}


def ip_class(kind: str) -> str:
    """``"I"`` or ``"II"`` for an IP kind; kinds not in the list count as Ⅱ类."""
    known = IP_KINDS_BY_KEY.get(kind)
    return known.ip_class if known else "II"


def choices(terms, locale: str) -> dict[str, str]:
    """``{key: name}`` for a WTForms select (WTForms 3.3 deprecates tuple choices)."""
    return {t.key: t.name(locale) for t in terms}


def name_of(terms, key: str, locale: str) -> str:
    for term in terms:
        if term.key == key:
            return term.name(locale)
    return key
