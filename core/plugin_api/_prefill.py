"""Intake answers written from the startup's record, for a stage's prefill.

The founders see these values in the form and may change them; nothing here
is submitted on its own.
"""

from __future__ import annotations

from decimal import Decimal

from ._contract import GraduationFact, StartupFacts


def figure_answers(startup: StartupFacts, fields: dict[str, str], *, year_offset: int = 0) -> dict:
    """``{form field: value}`` from one year's figures: the latest minus ``year_offset``.

    ``fields`` maps form field names to ``Figures`` attributes.
    """
    if not startup.figures:
        return {}
    figures = startup.figures.get(max(startup.figures) - year_offset)
    if figures is None:
        return {}
    answers = {}
    for field, attribute in fields.items():
        value = getattr(figures, attribute)
        if value is not None:
            answers[field] = _plain(value)
    return answers


def _plain(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def ip_summary(startup: StartupFacts) -> str:
    """The startup's IP counted by class and status, in Chinese as official forms are."""
    if not startup.ip:
        return ""
    parts = []
    for ip_class, name in (("I", "Ⅰ类知识产权"), ("II", "Ⅱ类知识产权")):
        held = [ip for ip in startup.ip if ip.ip_class == ip_class]
        if held:
            granted = sum(1 for ip in held if ip.status == "granted")
            parts.append(f"{name}{len(held)}件（已授权{granted}件）")
    return "；".join(parts) + "。"


def funding_summary(startup: StartupFacts) -> str:
    if not startup.funding:
        return ""
    total = sum((round_.amount for round_ in startup.funding), Decimal(0))
    latest = max(round_.date for round_ in startup.funding)
    return (
        f"已获融资{len(startup.funding)}轮，累计{_plain(total)}万元，最近一轮{latest.isoformat()}。"
    )


def graduation_summary(graduations: tuple[GraduationFact, ...]) -> str:
    """The latest graduation, as one line: carrier, stage, date and certificate serial."""
    if not graduations:
        return ""
    last = graduations[-1]
    return (
        f"{last.carrier_zh}{last.stage_name_zh}，{last.graduated_on.isoformat()}毕业，"
        f"证书编号{last.serial}"
    )
