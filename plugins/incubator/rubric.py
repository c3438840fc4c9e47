"""What reviewers score an incubator application on (0 to 10 each; weights sum to 100)."""

from __future__ import annotations

from core.plugin_api import RubricCriterion

RUBRIC: tuple[RubricCriterion, ...] = (
    RubricCriterion(
        key="technology",
        label_zh="技术与创新",
        label_en="Technology and innovation",
        weight=30,
        description_zh="核心技术的先进性与自主性、知识产权基础、研发投入。",
        description_en="How advanced and own the core technology is, the IP, the R&D spend.",
    ),
    RubricCriterion(
        key="team",
        label_zh="团队",
        label_en="Team",
        weight=20,
        description_zh="创始团队的专业背景、分工互补与投入程度。",
        description_en="The founders' background, complementary roles and commitment.",
    ),
    RubricCriterion(
        key="market",
        label_zh="市场",
        label_en="Market",
        weight=20,
        description_zh="目标市场规模、客户需求的真实性与竞争态势。",
        description_en="Size of the target market, evidence of demand, competition.",
    ),
    RubricCriterion(
        key="business_model",
        label_zh="商业模式与财务",
        label_en="Business model and finances",
        weight=15,
        description_zh="盈利模式是否清晰,收入、成本与融资计划是否可行。",
        description_en="A clear way to earn money; realistic revenue, cost and financing plans.",
    ),
    RubricCriterion(
        key="carrier_fit",
        label_zh="与载体产业方向的契合度",
        label_en="Fit with the carrier's fields",
        weight=15,
        description_zh="技术领域是否契合本载体的重点产业,能否用好载体的服务与资源。",
        description_en="Whether the field matches the carrier's industries and services.",
    ),
)
