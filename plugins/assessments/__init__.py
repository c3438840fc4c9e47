"""The 梯度培育 ladder: how far a startup is from each recognition the city counts.

Four rungs, judged from the startup's facts alone (no stage, no carrier):

1. 科技型中小企业 (国科发政〔2017〕115号): the score and its breakdown, with what
   would raise it;
2. 高新技术企业 readiness (国科发火〔2016〕32号 第十一条), with the innovation
   score's expert-given parts entered by a carrier's manager;
3. 创新型中小企业 and 4. 专精特新中小企业 (优质中小企业梯度培育), as far as the
   data allows.

The clauses live in the ``incuchain_policy`` library; this module only names the rungs and
turns the checks into ``Assessment`` objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from core.plugin_api import (
    FAIL,
    HELD,
    NOT_MET,
    UNKNOWN,
    Assessment,
    StartupFacts,
    hookimpl,
    overall_status,
)
from incuchain_policy import citations, high_tech_2016, sme_tiers_2022, tech_sme_2017
from incuchain_policy.bands import total


def _held(startup: StartupFacts, kind: str, as_of: date):
    """A certificate counting as ``kind``, valid on ``as_of`` by its kind's validity."""
    return startup.holding(kind, as_of)


def _summary(status: str, checks, held_cert=None, score=None) -> tuple[str, str]:
    points_zh = f"得分 {score[0]} 分；" if score and score[0] == score[1] else ""
    points_en = f"Score {score[0]}; " if score and score[0] == score[1] else ""
    if score and score[0] != score[1]:
        points_zh, points_en = f"得分 {score[0]}–{score[1]} 分；", f"Score {score[0]}–{score[1]}; "
    if status == HELD:
        number = f" {held_cert.number}" if held_cert and held_cert.number else ""
        return f"{points_zh}已认定{number}", f"{points_en}recognised{number}"
    failing = [c for c in checks if c.status == FAIL]
    if status == NOT_MET:
        return (
            f"{points_zh}尚缺 {len(failing)} 项：" + "、".join(c.label_zh for c in failing),
            f"{points_en}{len(failing)} missing: " + "; ".join(c.label_en for c in failing),
        )
    if status == UNKNOWN:
        unknown = [c for c in checks if c.status == UNKNOWN]
        return (
            f"{points_zh}尚无法判断：" + "、".join(c.label_zh for c in unknown),
            f"{points_en}cannot judge yet: " + "; ".join(c.label_en for c in unknown),
        )
    return (
        f"{points_zh}条件均已满足(待确认项除外)",
        f"{points_en}every condition met (bar those to confirm)",
    )


def _assessment(key, order, names, citation, checks, *, held=None, parts=(), **extra):
    status = HELD if held is not None else overall_status(checks)
    score = total(parts) if parts else None
    summary = _summary(status, checks, held, score)
    return Assessment(
        key=key,
        order=order,
        name_zh=names[0],
        name_en=names[1],
        short_zh=names[2],
        short_en=names[3],
        citation=citation,
        status=status,
        summary_zh=summary[0],
        summary_en=summary[1],
        checks=tuple(checks),
        score_parts=tuple(parts),
        **extra,
    )


def tech_sme(startup: StartupFacts, as_of: date) -> Assessment:
    checks, parts, steps = tech_sme_2017.readiness(startup, as_of)
    return _assessment(
        "tech_sme",
        10,
        ("科技型中小企业", "Tech-based SME", "科小", "Tech SME"),
        citations.ORDER_115,
        checks,
        held=_held(startup, "tech_sme", as_of),
        parts=parts,
        improvements=steps,
    )


def high_tech(startup: StartupFacts, as_of: date, entered: Mapping[str, int]) -> Assessment:
    checks, parts = high_tech_2016.readiness(startup, as_of, entered)
    return _assessment(
        "high_tech",
        20,
        ("高新技术企业", "High-tech enterprise", "高企", "High-tech"),
        citations.ORDER_32,
        checks,
        held=_held(startup, "high_tech", as_of),
        parts=parts,
        manual_items=high_tech_2016.manual_items(entered),
    )


def innovative_sme(startup: StartupFacts, as_of: date) -> Assessment:
    checks, parts = sme_tiers_2022.innovative_readiness(startup, as_of)
    # A 专精特新 enterprise was an 创新型中小企业 first (梯度培育): the vocabulary
    # says so, and its certificate counts as this one too.
    return _assessment(
        "innovative_sme",
        30,
        ("创新型中小企业", "Innovative SME", "创新型", "Innovative"),
        citations.INNOVATIVE_SME,
        checks,
        held=_held(startup, "innovative_sme", as_of),
        parts=parts,
    )


def specialized(startup: StartupFacts, as_of: date) -> Assessment:
    checks = sme_tiers_2022.specialized_readiness(startup, as_of)
    return _assessment(
        "specialized",
        40,
        ("专精特新中小企业", "Specialised and innovative SME", "专精特新", "Specialised"),
        citations.ORDER_63,
        checks,
        held=_held(startup, "specialized", as_of),
    )


@hookimpl
def incuchain_startup_assessments(startup, as_of, inputs):
    return [
        tech_sme(startup, as_of),
        high_tech(startup, as_of, inputs.get("high_tech", {})),
        innovative_sme(startup, as_of),
        specialized(startup, as_of),
    ]
