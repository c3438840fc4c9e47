"""The policy clauses the built-in rules and settings cite.

Each constant is what a manager sees next to a rule: the document, the
clause and the quoted words. The comments give the section of the project's
domain reference, policy-rules.md, where the wording and its verification
status are recorded; where that status is PARTIAL the citation says so itself.
"""

from __future__ import annotations

# -- 国科发区〔2018〕300号《科技企业孵化器管理办法》, 第九条 (policy-rules.md §1) ----------

ORDER_300 = "国科发区〔2018〕300号《科技企业孵化器管理办法》第九条"

#: §1.1, VERIFIED: the lead-in of the 在孵企业 conditions; the incubatee is a company.
INCUBATEE = f"{ORDER_300}:孵化器在孵企业是指具备以下条件的被孵化企业"
#: §1.1, VERIFIED.
INCUBATEE_TECH = (
    f"{ORDER_300}(在孵企业):主要从事新技术、新产品的研发、生产和服务,应满足科技型中小企业相关要求"
)
#: §1.1, VERIFIED.
INCUBATEE_SITE = f"{ORDER_300}(在孵企业):企业注册地和主要研发、办公场所须在本孵化器场地内"
#: §1.1, VERIFIED.
INCUBATEE_AGE = f"{ORDER_300}(在孵企业):入驻时成立时间不超过24个月"
#: §1.1, VERIFIED.
INCUBATION_PERIOD = f"{ORDER_300}(在孵企业):孵化时限原则上不超过48个月"
#: §1.1, PARTIAL: the 60-month clause is recollection, supported by the Shenzhen rule.
INCUBATION_PERIOD_EXTENDED = (
    f"{ORDER_300}(在孵企业):技术领域为生物医药、现代农业、集成电路的企业,孵化时限不超过60个月"
    "(此款尚待与官方原文核对;深圳市规定“从事生物医药、集成电路设计、现代农业等特殊领域”可佐证)"
)

#: §1.2: "孵化器毕业企业应至少符合以下条件中的一项" (lead-in PARTIAL, items VERIFIED).
GRADUATE = f"{ORDER_300}(毕业企业,至少符合一项)"
#: §1.2 item 1, VERIFIED.
GRADUATE_HIGH_TECH = f"{GRADUATE}:经国家备案通过的高新技术企业"
#: §1.2 item 2, VERIFIED; 超过 is strictly greater.
GRADUATE_FUNDING = f"{GRADUATE}:累计获得天使投资或风险投资超过500万元"
#: §1.2 item 3, VERIFIED; 超过 is strictly greater.
GRADUATE_REVENUE = f"{GRADUATE}:连续2年营业收入累计超过1000万元"
#: §1.2 item 4, VERIFIED.
GRADUATE_EXIT = f"{GRADUATE}:被兼并、收购或在国内外资本市场挂牌、上市"

# -- 国科发政〔2017〕115号《科技型中小企业评价办法》 (policy-rules.md §4) -------------------

ORDER_115 = "国科发政〔2017〕115号《科技型中小企业评价办法》"
#: §4.1 condition (二), VERIFIED.
TECH_SME_SIZE = (
    f"{ORDER_115} 条件(二):职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元"
)
#: §4.1 condition (五) and the 科技人员 table in §4.2 (below 10% scores 0), VERIFIED.
TECH_SME_STAFF = f"{ORDER_115} 条件(五):科技人员指标得分不得为0分(科技人员占职工总数低于10%得0分)"

# -- 统一社会信用代码 (policy-rules.md §6) ---------------------------------------------

#: §6.2, VERIFIED. §6.4 recommends warning plus a recorded manual override.
CREDIT_CODE = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》:第18位校验码"

# -- local rules (no national rule exists; policy-rules.md §1.4, §2.2, §3.1, §0) ---------

#: §1.4, VERIFIED: 郑东新区 2019 区级认定.
ZHENGDONG_AGE = (
    "郑东新区2019年区级众创空间、孵化器认定条件:入驻时注册时间一般不超过12个月(全国无统一规定)"
)
#: §2.2, VERIFIED: Shenzhen filing rule.
SHENZHEN_RESIDENCY = "深圳市众创空间备案条件:入驻时限一般不超过24个月(全国无统一规定)"
#: §2.2: the national rule counts teams and companies, not members.
MAKERSPACE_TEAM = "载体自定(全国无规定;国科火字〔2017〕120号 只规定入驻创业团队和企业的数量)"
#: §3.1: no national firm-level accelerator rule.
ACCELERATOR_ENTRY = "深圳龙岗区级加速器:优选高成长期科技型企业入驻(全国无企业层面的加速器入驻规定)"
#: §3.1 design suggestion: the incubator's graduation conditions gate the accelerator.
ACCELERATOR_GATE = "载体参照孵化器毕业条件设定(全国无加速器入驻门槛)"
#: §3.1, VERIFIED: Yuyao accelerator rule.
YUYAO_REVENUE = "余姚市加速器认定条件:成立一年后,年销售收入达到300万元(载体参照设定)"
#: §0, VERIFIED: 131号 标准级 condition as quoted by 粤科函区字〔2025〕1594号.
MIIT_131_GROWTH = (
    "工信部科〔2025〕131号 标准级条件(据粤科函区字〔2025〕1594号):"
    "营业收入或研发经费投入同比增长超过20%(载体参照设定)"
)
#: §3.1: no national time limit for accelerators.
ACCELERATOR_PERIOD = "载体自定(全国无加速器入驻时限规定)"

# -- graduation from the makerspace (policy-rules.md §2.1–2.2) ----------------------

ORDER_120 = "国科火字〔2017〕120号《国家众创空间备案暂行规定》"
#: §2.1 condition 6, VERIFIED; §2.2: the national measure of a team's success,
#: used as its graduation condition by design (no national definition exists).
MAKERSPACE_NEW_COMPANY = (
    f"{ORDER_120} 条件六:入驻创业团队每年注册成为新企业数不低于10家,或每年有不低于5家获得融资"
    "(据此,团队注册成为新企业即可毕业;全国无众创空间毕业定义)"
)
#: §2.1 condition 6, VERIFIED; the other half of the same condition.
MAKERSPACE_FINANCING = (
    f"{ORDER_120} 条件六:……或每年有不低于5家获得融资"
    "(据此,团队获得融资即可毕业;全国无众创空间毕业定义)"
)
#: §2.2: no national rule; the carrier's own required milestones.
MAKERSPACE_MILESTONES = "载体自定:载体设定的必需里程碑均已核验(全国无众创空间毕业定义)"

# -- graduation from the accelerator (policy-rules.md §3.1, §3.3) ---------------------

#: §3.3: the document number 工信部企业〔2022〕63号 is UNVERIFIED (recalled).
ORDER_63 = "《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号,文号尚待核对)"
#: §3.1 design suggestion and §3.3, VERIFIED criteria: 专精特新 status signals graduation.
SPECIALIZED = f"{ORDER_63}:专精特新中小企业(在有效期内;载体参照设定,全国无加速器毕业规定)"
#: §3.3 专精特新中小企业 condition 3, VERIFIED; 以上 read as "at least".
SPECIALIZED_REVENUE = (
    f"{ORDER_63} 专精特新中小企业条件三:上年度营业收入总额在1000万元以上(载体参照设定)"
)
#: §3.3 专精特新"小巨人" 专 condition, VERIFIED; main-business revenue read as revenue.
LITTLE_GIANT_GROWTH = (
    f"{ORDER_63} 专精特新“小巨人”:近2年主营业务收入平均增长率不低于5%(按营业收入计算;载体参照设定)"
)
