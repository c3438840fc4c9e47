"""The registry's bilingual vocabularies: fixed lists here, open ones from the plugins.

Keys are stored; names are shown. The fixed lists belong to the data model
(a team or a company, an IP right applied for or granted, the exit events).
The open vocabularies — certification kinds, IP kinds with their classes,
funding kinds, technology fields — are registered by plugins (core's own
terms are ``core.default_vocabulary``) and live in ``incuchain().vocabulary``;
functions here take either a fixed list or an open vocabulary's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.plugin_api import bilingual
from core.plugins import incuchain


@dataclass(frozen=True)
class Term:
    key: str
    name_zh: str
    name_en: str

    def name(self, locale: str) -> str:
        return bilingual(locale, self.name_zh, self.name_en)


STARTUP_KINDS = (
    Term("team", "创业团队(未注册)", "Team (not registered)"),
    Term("company", "已注册企业", "Registered company"),
)

IP_CLASS_NAMES = {
    "I": Term("I", "Ⅰ类", "Class Ⅰ"),
    "II": Term("II", "Ⅱ类", "Class Ⅱ"),
    "none": Term("none", "不分类", "No class"),
}

IP_STATUSES = (
    Term("applied", "已申请", "Applied"),
    Term("granted", "已授权", "Granted"),
)

#: The awards that make an invention patent high-value (category 5, innovation-factors.md §2.1).
IP_AWARDS = (
    Term("national_sti", "国家科学技术奖", "National Science and Technology Award"),
    Term("china_patent_gold", "中国专利金奖", "China Patent Award, gold"),
    Term("china_patent_silver", "中国专利银奖", "China Patent Award, silver"),
    Term("china_patent_excellence", "中国专利优秀奖", "China Patent Award, excellence"),
)

EVENT_KINDS = (
    Term("acquired", "被兼并收购", "Acquired or merged"),
    Term("listed", "挂牌上市", "Listed"),
)


def terms_of(source) -> tuple:
    """The terms: a fixed list as it is, an open vocabulary (by name) as registered."""
    return incuchain().vocabulary.terms(source) if isinstance(source, str) else tuple(source)


def choices(source, locale: str) -> dict[str, str]:
    """``{key: name}`` for a WTForms select (WTForms 3.3 deprecates tuple choices)."""
    return {t.key: t.name(locale) for t in terms_of(source)}


def name_of(source, key: str, locale: str) -> str:
    for term in terms_of(source):
        if term.key == key:
            return term.name(locale)
    return key
