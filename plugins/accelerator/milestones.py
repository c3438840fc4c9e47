"""The milestones every company admitted to the accelerator starts with.

They aim at the recognitions an accelerated company grows into (高新技术企业,
创新型中小企业 and 专精特新, 瞪羚; policy-rules.md §3.2–3.3, §5). Core brings
due dates past the carrier's time limit forward to it.
"""

from __future__ import annotations

from core.plugin_api import MilestoneTemplate

TEMPLATES: tuple[MilestoneTemplate, ...] = (
    MilestoneTemplate(
        key="acceleration_agreement",
        title_zh="加速协议签署与入驻",
        title_en="Acceleration agreement and move-in",
        due_after_months=1,
        description_zh="签署加速服务协议,明确场地、服务内容与年度目标。",
        description_en="Sign the acceleration agreement: space, services and yearly targets.",
    ),
    MilestoneTemplate(
        key="growth_targets",
        title_zh="三年成长计划与年度目标",
        title_en="Three-year growth plan and yearly targets",
        due_after_months=3,
        description_zh="与载体确认营业收入、研发投入、人员与融资的三年目标,逐年分解。",
        description_en="Agree three-year targets for revenue, R&D, staff and financing, "
        "year by year.",
    ),
    MilestoneTemplate(
        key="annual_statistics",
        title_zh="年度统计数据报送",
        title_en="Annual statistics report",
        due_after_months=12,
        description_zh="报送营业收入、研发投入、从业人员、纳税、知识产权与融资等年度数据,以后每年报送。",
        description_en="Report the year's revenue, R&D, staff, tax, IP and financing; "
        "repeat every year.",
    ),
    MilestoneTemplate(
        key="high_tech_enterprise",
        title_zh="高新技术企业认定(或重新认定)",
        title_en="High-tech enterprise (高新技术企业) recognition or renewal",
        due_after_months=12,
        description_zh="取得或续期高新技术企业证书(国科发火〔2016〕32号),上传证书。",
        description_en="Obtain or renew the high-tech enterprise certificate (Order 32 of "
        "2016); upload it.",
    ),
    MilestoneTemplate(
        key="scale_up",
        title_zh="产能扩张或中试落地",
        title_en="Production scale-up or pilot line",
        due_after_months=12,
        description_zh="完成生产线、中试线或新增研发场地的建设与投用。",
        description_en="A production line, pilot line or new R&D space built and in use.",
        required=False,
    ),
    MilestoneTemplate(
        key="financing_round",
        title_zh="新一轮融资或银行授信",
        title_en="New financing round or bank credit",
        due_after_months=18,
        description_zh="完成新一轮股权融资,或取得科技贷等银行授信。",
        description_en="Close a new equity round, or obtain bank credit such as a tech loan.",
        required=False,
    ),
    MilestoneTemplate(
        key="specialised_sme",
        title_zh="创新型中小企业或专精特新中小企业申报",
        title_en="Innovative SME or specialised-and-innovative SME (专精特新) application",
        due_after_months=24,
        description_zh="对照优质中小企业梯度培育评价指标自评并申报。",
        description_en="Assess against the graded SME criteria and apply.",
    ),
    MilestoneTemplate(
        key="gazelle_review",
        title_zh="瞪羚企业申报评估",
        title_en="Gazelle enterprise (瞪羚) assessment",
        due_after_months=30,
        description_zh="对照省、市瞪羚企业遴选条件评估营业收入规模与增长率,符合时申报。",
        description_en="Check revenue and growth against the provincial gazelle criteria; "
        "apply when met.",
        required=False,
    ),
)
