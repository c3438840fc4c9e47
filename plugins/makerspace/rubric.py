"""What reviewers score a makerspace application on (0 to 10 each; weights sum to 100)."""

from __future__ import annotations

from core.plugin_api import RubricCriterion

RUBRIC: tuple[RubricCriterion, ...] = (
    RubricCriterion(
        key="idea",
        label_zh="创意与创新性",
        label_en="Idea and novelty",
        weight=25,
        description_zh="要解决的问题是否真实,方案是否新颖、有技术含量。",
        description_en="Whether the problem is real and the solution new and technical.",
    ),
    RubricCriterion(
        key="team",
        label_zh="团队",
        label_en="Team",
        weight=30,
        description_zh="成员的能力是否覆盖技术、产品与市场,投入是否充分。",
        description_en="Whether the members cover technology, product and market, and commit.",
    ),
    RubricCriterion(
        key="market_need",
        label_zh="市场需求",
        label_en="Market need",
        weight=20,
        description_zh="目标用户是否清晰,需求是否有初步验证。",
        description_en="A clear target user and some early evidence of demand.",
    ),
    RubricCriterion(
        key="feasibility",
        label_zh="可行性与进展",
        label_en="Feasibility and progress",
        weight=15,
        description_zh="在入驻期内做出原型、注册企业或获得融资的可能性。",
        description_en="How likely a prototype, a company or financing is within the residency.",
    ),
    RubricCriterion(
        key="carrier_fit",
        label_zh="与空间服务的契合度",
        label_en="Fit with the makerspace's services",
        weight=10,
        description_zh="团队的需求与本空间的场地、导师和资源是否匹配。",
        description_en="Whether the team's needs match the space, mentors and resources here.",
    ),
)
