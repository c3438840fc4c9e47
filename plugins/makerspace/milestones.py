"""The milestones every team admitted to the makerspace starts with.

The national measures of a 众创空间 team's success are registering a new
company or obtaining financing (国科火字〔2017〕120号, policy-rules.md §2.1–2.2);
either will do, so neither is required on its own. Core brings due dates
past the carrier's residency limit forward to it.
"""

from __future__ import annotations

from core.plugin_api import MilestoneTemplate

TEMPLATES: tuple[MilestoneTemplate, ...] = (
    MilestoneTemplate(
        key="residency_agreement",
        title_zh="入驻协议签署",
        title_en="Residency agreement signed",
        due_after_months=1,
        description_zh="签署入驻协议,确认工位、服务内容与入驻期限。",
        description_en="Sign the residency agreement: desks, services and the residency period.",
    ),
    MilestoneTemplate(
        key="mentor_plan",
        title_zh="创业导师对接与辅导计划",
        title_en="Mentor assigned and mentoring plan",
        due_after_months=2,
        description_zh="与创业导师确定辅导计划和每季度的辅导安排。",
        description_en="Agree a mentoring plan and quarterly sessions with a mentor.",
    ),
    MilestoneTemplate(
        key="business_plan",
        title_zh="商业计划书(初稿)",
        title_en="Business plan (first draft)",
        due_after_months=3,
        description_zh="写清问题、方案、目标用户、团队分工与下一步计划。",
        description_en="The problem, the solution, the target users, who does what, next steps.",
    ),
    MilestoneTemplate(
        key="prototype",
        title_zh="产品原型或最小可行产品",
        title_en="Prototype or minimum viable product",
        due_after_months=6,
        description_zh="完成可演示的原型或最小可行产品,并收集首批用户反馈。",
        description_en="A working prototype or MVP, with feedback from the first users.",
    ),
    MilestoneTemplate(
        key="roadshow",
        title_zh="参加路演或创业大赛",
        title_en="Pitch at a roadshow or start-up competition",
        due_after_months=9,
        description_zh="参加空间组织的路演、创业沙龙或创新创业大赛,上传参赛或路演记录。",
        description_en="Pitch at a roadshow, start-up salon or competition; upload the record.",
    ),
    MilestoneTemplate(
        key="company_registration",
        title_zh="注册成立企业",
        title_en="Company registered",
        due_after_months=12,
        description_zh="注册成立企业并取得统一社会信用代码,上传营业执照。",
        description_en="Register a company with a unified social credit code; upload the licence.",
        required=False,
    ),
    MilestoneTemplate(
        key="first_financing",
        title_zh="获得首笔融资",
        title_en="First financing",
        due_after_months=18,
        description_zh="获得天使投资、种子基金或其他外部融资,上传投资协议或到账凭证。",
        description_en="Angel, seed-fund or other outside financing; upload the agreement or "
        "the payment record.",
        required=False,
    ),
    MilestoneTemplate(
        key="incubator_referral",
        title_zh="入孵评估与孵化器对接",
        title_en="Review for moving on to an incubator",
        due_after_months=22,
        description_zh="评估是否具备进入孵化器的条件(已注册企业、成立不超过24个月等),"
        "并对接孵化器。",
        description_en="Check whether the team is ready for an incubator (a registered company "
        "no more than 24 months old) and contact one.",
        required=False,
    ),
)
