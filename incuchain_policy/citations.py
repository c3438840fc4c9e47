"""The national clauses the library's rules and checks cite, quoted from docs/policy-rules.md.

Each constant is what a manager sees next to a rule: the document, the
clause and the quoted words. The comments give the section of the project's
domain reference, policy-rules.md, where the wording and its verification
status are recorded; where that status is PARTIAL the citation says so itself.
Local rules and carrier policy are cited by the stages that adopt them.
"""

from __future__ import annotations

# -- 国科发区〔2018〕300号《科技企业孵化器管理办法》第九条 (policy-rules.md §1) ------------

ORDER_300 = "国科发区〔2018〕300号《科技企业孵化器管理办法》第九条"
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


# -- 国科发政〔2017〕115号《科技型中小企业评价办法》 (policy-rules.md §4) ------------------

ORDER_115 = "国科发政〔2017〕115号《科技型中小企业评价办法》"
#: §4.1 condition (二), VERIFIED.
TECH_SME_SIZE = (
    f"{ORDER_115} 条件(二):职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元"
)
#: §4.1 condition (五) and the 科技人员 table in §4.2 (below 10% scores 0), VERIFIED.
TECH_SME_STAFF = f"{ORDER_115} 条件(五):科技人员指标得分不得为0分(科技人员占职工总数低于10%得0分)"
#: §4.1 condition (一), VERIFIED (2017 wording).
TECH_SME_RESIDENT = f"{ORDER_115} 条件(一):在中国境内(不包括港、澳、台地区)注册的居民企业"
#: §4.1 condition (三), VERIFIED.
TECH_SME_INDUSTRY = f"{ORDER_115} 条件(三):企业提供的产品和服务不属于国家规定的禁止、限制和淘汰类"
#: §4.1 condition (四), VERIFIED.
TECH_SME_INTEGRITY = (
    f"{ORDER_115} 条件(四):未发生重大安全、重大质量事故和严重环境违法、科研严重失信行为,"
    "且未列入经营异常名录和严重违法失信企业名单"
)
#: §4.1 condition (五), VERIFIED.
TECH_SME_SCORE = f"{ORDER_115} 条件(五):综合评价所得分值不低于60分,且科技人员指标得分不得为0分"
#: §4.2, VERIFIED: 科技人员数/职工总数; "(含)" makes each lower edge inclusive.
TECH_SME_STAFF_SCORE = f"{ORDER_115} 评价指标:科技人员指标(满分20分),按科技人员数占职工总数的比例"
#: §4.2, VERIFIED: either ratio may be chosen.
TECH_SME_RD_SCORE = (
    f"{ORDER_115} 评价指标:研发投入指标(满分50分),"
    "企业从研发费用占销售收入、占成本费用支出总额两项指标中选择一个指标进行评分"
)
#: §4.2, VERIFIED.
TECH_SME_IP_SCORE = f"{ORDER_115} 评价指标:科技成果指标(满分30分),按有效知识产权类别和数量"
#: §4.3, VERIFIED.
TECH_SME_DIRECT = (
    f"{ORDER_115}:符合条件(一)至(四)并满足下列条件之一的,可直接确认符合科技型中小企业条件"
)


# -- 国科发火〔2016〕32号《高新技术企业认定管理办法》 (policy-rules.md §5) -----------------

ORDER_32 = "国科发火〔2016〕32号《高新技术企业认定管理办法》第十一条"
#: §5.1 item 1, VERIFIED.
HIGH_TECH_AGE = f"{ORDER_32}(一):企业申请认定时须注册成立一年以上"
#: §5.1 item 2, VERIFIED.
HIGH_TECH_IP = (
    f"{ORDER_32}(二):通过自主研发、受让、受赠、并购等方式,"
    "获得对其主要产品(服务)在技术上发挥核心支持作用的知识产权的所有权"
)
#: §5.1 item 3, VERIFIED.
HIGH_TECH_FIELD = (
    f"{ORDER_32}(三):"
    "对企业主要产品(服务)发挥核心支持作用的技术属于《国家重点支持的高新技术领域》规定的范围"
)
#: §5.1 item 4, VERIFIED.
HIGH_TECH_STAFF = (
    f"{ORDER_32}(四):从事研发和相关技术创新活动的科技人员占企业当年职工总数的比例不低于10%"
)
#: §5.1 item 5, VERIFIED; 5,000万元(含) and 2亿元(含) close the lower bands.
HIGH_TECH_RD = (
    f"{ORDER_32}(五):近三个会计年度研究开发费用总额占同期销售收入总额的比例:"
    "最近一年销售收入小于5,000万元(含)的企业不低于5%;在5,000万元至2亿元(含)的企业不低于4%;"
    "在2亿元以上的企业不低于3%"
)
#: §5.1 item 5, VERIFIED.
HIGH_TECH_RD_DOMESTIC = (
    f"{ORDER_32}(五):企业在中国境内发生的研究开发费用总额占全部研究开发费用总额的比例不低于60%"
)
#: §5.1 item 6, VERIFIED.
HIGH_TECH_REVENUE = f"{ORDER_32}(六):近一年高新技术产品(服务)收入占企业同期总收入的比例不低于60%"
#: §5.1 item 7 and §5.2, VERIFIED: "70分以上(不含70分)".
HIGH_TECH_SCORE = f"{ORDER_32}(七):企业创新能力评价应达到相应要求(综合得分70分以上,不含70分)"
#: §5.1 item 8, VERIFIED.
HIGH_TECH_INTEGRITY = (
    f"{ORDER_32}(八):企业申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为"
)
#: §5.2, VERIFIED table; the points within a band are the experts' to give.
HIGH_TECH_IP_COUNT = "高新技术企业认定工作指引 创新能力评价:知识产权数量(≤8分)"
#: §5.2, VERIFIED formula; the bands are PARTIAL (35/25/15/5 seen, >0 recalled).
HIGH_TECH_GROWTH = (
    "高新技术企业认定工作指引 创新能力评价:企业成长性(净资产增长率、销售收入增长率各≤10分;"
    "增长率=1/2×(第二年÷第一年+第三年÷第二年)-1;分档35%/25%/15%/5%据转载,>0一档尚待核对)"
)
#: §5.2, VERIFIED: the items experts score.
HIGH_TECH_EXPERT = "高新技术企业认定工作指引 创新能力评价:由专家评分的项目"


# -- 优质中小企业梯度培育 (policy-rules.md §3.3) -------------------------------------------

#: §3.3: the document number 工信部企业〔2022〕63号 is UNVERIFIED (recalled).
ORDER_63 = "《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号,文号尚待核对)"
#: §3.3, VERIFIED in consultancy reposts.
INNOVATIVE_SME = (
    f"{ORDER_63} 创新型中小企业:评价得分达到60分以上"
    "(其中创新能力指标得分不低于20分、成长性指标及专业化指标得分均不低于15分)"
)
#: §3.3, VERIFIED; whether the band edges are inclusive is not stated.
INNOVATIVE_SME_SCORE = f"{ORDER_63} 创新型中小企业评价指标(分档端点是否含本数原文未写明)"
#: §3.3 direct items 2 and 4, VERIFIED.
INNOVATIVE_SME_DIRECT = (
    f"{ORDER_63} 创新型中小企业直通条件:有效期内的高新技术企业,"
    "或近三年新增股权融资总额(合格机构投资者的实缴额)500万元以上"
)
#: §3.3 专精特新中小企业 conditions 1–3, VERIFIED.
SPECIALIZED_MARKET = f"{ORDER_63} 专精特新中小企业条件一:从事特定细分市场时间达到2年以上"
SPECIALIZED_RD = (
    f"{ORDER_63} 专精特新中小企业条件二:"
    "上年度研发费用总额不低于100万元,且占营业收入总额比重不低于3%"
)
SPECIALIZED_SIZE = (
    f"{ORDER_63} 专精特新中小企业条件三:上年度营业收入总额在1000万元以上,"
    "或在1000万元以下但近2年新增股权融资总额(合格机构投资者的实缴额)达到2000万元以上"
)
#: §3.3 专精特新中小企业 condition 4, VERIFIED.
SPECIALIZED_SCORE = (
    f"{ORDER_63} 专精特新中小企业条件四:"
    "评价得分达到60分以上,或近两年研发费用总额均值在1000万元以上,"
    "或近两年新增股权融资总额(合格机构投资者的实缴额)6000万元以上"
)


# -- 统一社会信用代码 (policy-rules.md §6) -------------------------------------------------

#: §6.2, VERIFIED. §6.4 recommends warning plus a recorded manual override.
CREDIT_CODE = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》:第18位校验码"
