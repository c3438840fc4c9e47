"""The columns of an import file, with their Chinese and English headers.

A header matches a column by its Chinese or English name or its key, after
folding full-width characters, case and spaces and dropping a required
marker ``*``; so ``营业收入(万元)``, ``营业收入（万元）`` and ``revenue`` are one
column. Money is in 万元, as the registry stores it and founders enter it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.plugin_api import TECH_FIELD
from core.plugins import incuchain
from core.registry.forms import ProfileForm
from core.registry.vocab import STARTUP_KINDS


@dataclass(frozen=True)
class ImportColumn:
    key: str
    zh: str
    en: str
    required: bool = False
    #: What the column takes, for the template's notes sheet.
    note_zh: str = ""
    note_en: str = ""
    #: An open vocabulary whose registered names the column takes, listed after the note.
    vocabulary: str | None = None

    def note(self, language: str) -> str:
        note = self.note_zh if language == "zh" else self.note_en
        if self.vocabulary is None:
            return note
        locale = "zh_CN" if language == "zh" else "en"
        names = incuchain().vocabulary.choices(self.vocabulary, locale).values()
        return ("、" if language == "zh" else ", ").join(names)

    def header(self, language: str) -> str:
        name = self.zh if language == "zh" else self.en
        return f"{name}*" if self.required else name


DATE_NOTE = ("YYYY-MM-DD，或 YYYY/M/D、YYYY年M月D日", "YYYY-MM-DD, or YYYY/M/D")
MONEY_NOTE = ("万元，不得为负", "万元 (10,000 yuan), not negative")

COLUMNS: tuple[ImportColumn, ...] = (
    ImportColumn(
        "name_zh", "企业名称", "Name (Chinese)", True, "不超过120字", "at most 120 characters"
    ),
    ImportColumn("name_en", "英文名称", "Name (English)"),
    ImportColumn(
        "kind",
        "类型",
        "Team or company",
        False,
        "企业或团队；空白时，有信用代码即为企业",
        "company or team; blank means company when a credit code is given",
    ),
    ImportColumn(
        "credit_code",
        "统一社会信用代码",
        "Credit code",
        False,
        "18位，企业必填，须通过GB 32100校验",
        "18 characters, required for a company, checked against GB 32100",
    ),
    ImportColumn(
        "tech_field",
        "技术领域",
        "Technology field",
        True,
        vocabulary=TECH_FIELD,
    ),
    ImportColumn("founded_on", "成立日期", "Founding date", False, *DATE_NOTE),
    ImportColumn(
        "admitted_on",
        "入驻日期",
        "Admission date",
        False,
        "空白时用导入页上选择的日期",
        "blank means the date chosen on the import page",
    ),
    ImportColumn("address", "地址", "Address"),
    ImportColumn("contact_name", "联系人", "Contact person"),
    ImportColumn("contact_phone", "联系电话", "Contact phone"),
    ImportColumn("contact_email", "联系邮箱", "Contact email"),
    ImportColumn(
        "year",
        "年度",
        "Year",
        False,
        "填写下列年度数据时必填；同一企业多个年度可分多行",
        "required with the figures; one row per year for several years",
    ),
    ImportColumn("revenue", "营业收入（万元）", "Revenue (万元)", False, *MONEY_NOTE),
    ImportColumn("rd_expense", "研发费用（万元）", "R&D expense (万元)", False, *MONEY_NOTE),
    ImportColumn("total_cost", "总成本（万元）", "Total cost (万元)", False, *MONEY_NOTE),
    ImportColumn("employees", "从业人员数", "Employees", False, "整数", "whole number"),
    ImportColumn(
        "tech_staff",
        "科技人员数",
        "Technical staff",
        False,
        "整数，不超过从业人员数",
        "at most employees",
    ),
    ImportColumn("total_assets", "资产总额（万元）", "Total assets (万元)", False, *MONEY_NOTE),
    ImportColumn("liabilities", "负债总额（万元）", "Liabilities (万元)", False, *MONEY_NOTE),
    ImportColumn(
        "high_tech_revenue",
        "高新技术产品收入（万元）",
        "High-tech product revenue (万元)",
        False,
        *MONEY_NOTE,
    ),
    ImportColumn("tax_paid", "上缴税费（万元）", "Tax paid (万元)", False, *MONEY_NOTE),
)
BY_KEY = {c.key: c for c in COLUMNS}
#: The profile's columns: those of the registry's profile form but the description.
PROFILE_KEYS = tuple(k for k in ProfileForm.FIELDS if k != "description")
FIGURE_KEYS = tuple(c.key for c in COLUMNS[COLUMNS.index(BY_KEY["revenue"]) :])
#: The figures in 万元; the others are head counts.
MONEY_KEYS = frozenset(FIGURE_KEYS) - {"employees", "tech_staff"}


def fold(text: str) -> str:
    """Full-width to half-width, lower case, no spaces or required marker."""
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return re.sub(r"[\s*]", "", folded)


HEADERS = {fold(name): c.key for c in COLUMNS for name in (c.zh, c.en, c.key)}


def _terms(terms, *extra: tuple[str, str]) -> dict[str, str]:
    names = {fold(name): t.key for t in terms for name in (t.key, t.name_zh, t.name_en)}
    return names | {fold(name): key for name, key in extra}


#: Values accepted in the kind column, folded, to their keys.
KIND_VALUES = _terms(STARTUP_KINDS, ("企业", "company"), ("公司", "company"), ("团队", "team"))


def field_values() -> dict[str, str]:
    """Values accepted in the technology-field column, folded, to their keys."""
    terms = incuchain().vocabulary.terms(TECH_FIELD)
    return {fold(name): t.key for t in terms for name in (t.key, t.label_zh, t.label_en)}
