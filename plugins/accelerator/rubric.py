"""What reviewers score an accelerator application on (0 to 10 each; weights sum to 100)."""

from __future__ import annotations

from core.plugin_api import RubricCriterion

RUBRIC: tuple[RubricCriterion, ...] = (
    RubricCriterion(
        key="growth",
        label_zh="成长性",
        label_en="Growth record",
        weight=30,
        description_zh="近两三年营业收入、利润与人员的增长情况及其可持续性。",
        description_en="Growth of revenue, profit and staff over the last years, and how lasting.",
    ),
    RubricCriterion(
        key="technology",
        label_zh="技术与知识产权",
        label_en="Technology and intellectual property",
        weight=20,
        description_zh="核心技术水平、Ⅰ类知识产权、研发投入强度。",
        description_en="Core technology, class-I intellectual property, R&D intensity.",
    ),
    RubricCriterion(
        key="market",
        label_zh="市场地位与扩张潜力",
        label_en="Market position and room to scale",
        weight=20,
        description_zh="细分市场占有率、主要客户与扩张计划的可行性。",
        description_en="Share of the niche market, main customers, a credible expansion plan.",
    ),
    RubricCriterion(
        key="finance",
        label_zh="融资与规范治理",
        label_en="Financing and governance",
        weight=15,
        description_zh="融资能力、财务规范程度与公司治理。",
        description_en="Ability to raise money, sound accounts and governance.",
    ),
    RubricCriterion(
        key="chain_fit",
        label_zh="与载体产业链的契合度",
        label_en="Fit with the carrier's industry chain",
        weight=15,
        description_zh="与本载体主导产业及上下游企业的协同,对场地与产能的需求是否匹配。",
        description_en="Links with the carrier's main industries and firms; matching space needs.",
    ),
)
