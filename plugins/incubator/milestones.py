"""The milestones every startup admitted to the incubator starts with.

They follow what a 在孵企业 is expected to do (国科发区〔2018〕300号 第九条,
第十三条) and the certifications it grows into (科技型中小企业, 高新技术企业).
Core brings due dates past the carrier's time limit forward to it.
"""

from __future__ import annotations

from core.plugin_api import MilestoneTemplate

TEMPLATES: tuple[MilestoneTemplate, ...] = (
    MilestoneTemplate(
        key="agreement_and_registration",
        title_zh="入驻协议签署与工商注册地迁入",
        title_en="Residency agreement and registered address moved to the carrier",
        due_after_months=3,
        description_zh="签署入驻协议;企业注册地和主要研发、办公场所迁入本载体(300号文第九条)。"
        "上传协议及变更后的营业执照。",
        description_en="Sign the residency agreement; move the registered address and the main "
        "R&D and offices to the carrier (Order 300, art. 9). Upload the agreement and the "
        "updated business licence.",
    ),
    MilestoneTemplate(
        key="business_plan",
        title_zh="商业计划书",
        title_en="Business plan",
        due_after_months=3,
        description_zh="提交完整的商业计划书:技术、市场、团队、财务预测与融资计划。",
        description_en="A full business plan: technology, market, team, financial forecast "
        "and financing plan.",
    ),
    MilestoneTemplate(
        key="first_ip",
        title_zh="首件知识产权申请",
        title_en="First intellectual property filing",
        due_after_months=12,
        description_zh="围绕主营产品申请首件发明专利、实用新型专利或软件著作权,上传受理通知书。",
        description_en="File the first invention patent, utility model or software copyright "
        "for the main product; upload the filing receipt.",
    ),
    MilestoneTemplate(
        key="tech_sme_registration",
        title_zh="科技型中小企业评价入库",
        title_en="Registered as a tech-based SME (科技型中小企业)",
        due_after_months=12,
        description_zh="按国科发政〔2017〕115号完成科技型中小企业自评并取得入库登记编号,以后每年更新。",
        description_en="Complete the tech-based SME self-assessment (Order 115 of 2017) and "
        "obtain the registration number; renew it every year.",
    ),
    MilestoneTemplate(
        key="torch_statistics",
        title_zh="年度统计数据报送(火炬统计)",
        title_en="Annual statistics report (Torch statistics)",
        due_after_months=12,
        description_zh="按载体要求报送营业收入、研发投入、从业人员、知识产权、融资等年度数据"
        "(300号文第十三条),以后每年报送。",
        description_en="Report the year's revenue, R&D spend, staff, IP and financing to the "
        "carrier (Order 300, art. 13); repeat every year.",
    ),
    MilestoneTemplate(
        key="financing_or_revenue",
        title_zh="首轮融资或营业收入目标",
        title_en="First financing round or revenue target",
        due_after_months=24,
        description_zh="完成首轮外部融资,或达到入驻时约定的年度营业收入目标;上传投资协议或财务报表。",
        description_en="Close a first outside financing round, or reach the revenue target "
        "agreed at entry; upload the investment agreement or the accounts.",
    ),
    MilestoneTemplate(
        key="high_tech_preparation",
        title_zh="高新技术企业认定准备",
        title_en="Preparing for high-tech enterprise (高新技术企业) recognition",
        due_after_months=36,
        description_zh="对照国科发火〔2016〕32号第十一条自查:注册满一年、核心知识产权、科技人员占比、"
        "研发费用占比与高新技术产品收入占比;建立研发费用辅助账。",
        description_en="Check against Order 32 of 2016, art. 11: one year registered, core IP, "
        "share of technical staff, R&D ratio, high-tech revenue share; keep the R&D sub-ledger.",
        required=False,
    ),
    MilestoneTemplate(
        key="graduation_review",
        title_zh="毕业评估",
        title_en="Graduation review",
        due_after_months=42,
        description_zh="对照毕业条件(高新技术企业、累计融资、连续两年营业收入、兼并上市,"
        "至少一项)评估并提交材料。",
        description_en="Review the graduation conditions (high-tech enterprise, cumulative "
        "investment, two years' revenue, acquisition or listing: at least one) and submit "
        "the evidence.",
    ),
)
