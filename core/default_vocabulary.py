"""Core's own terms of the open vocabularies, registered like any plugin's (Datasette's idea).

National kinds only: the certifications of the recognition ladder, the IP
kinds of the 高新技术企业 guideline with their classes, the funding kinds and
the technology fields of 《国家重点支持的高新技术领域》. A province's or a
city's own kinds (河南省瞪羚企业, the city's industries) come from a plugin.
Clauses and how sure each is: ../shared/domain/policy-rules.md.
"""

from __future__ import annotations

from core.plugin_api import (
    CERTIFICATION,
    EQUITY,
    FUNDING,
    GRANT,
    IP_KIND,
    LOAN,
    TECH_FIELD,
    Term,
    Validity,
    hookimpl,
)

#: 民法典 第二百零一条、第二百零三条: a period in years ends on the corresponding day.
PERIODS = "期间按民法典第二百零一条、第二百零三条计算(到期年的对应日为最后一日)"

CERTIFICATIONS = (
    Term(
        vocabulary=CERTIFICATION,
        key="tech_sme",
        label_zh="科技型中小企业",
        label_en="Tech-based SME (科技型中小企业)",
        order=10,
        rung=10,
        citation="国科发政〔2017〕115号《科技型中小企业评价办法》",
        validity=Validity(
            yearly=True,
            citation="入库登记编号当年有效,每年重新评价(UNVERIFIED, policy-rules.md §4)",
        ),
    ),
    Term(
        vocabulary=CERTIFICATION,
        key="high_tech",
        label_zh="高新技术企业",
        label_en="High-tech enterprise (高新技术企业)",
        order=20,
        rung=20,
        citation="国科发火〔2016〕32号《高新技术企业认定管理办法》",
        validity=Validity(
            years=3,
            citation="资格自颁发证书之日起有效期为三年(UNVERIFIED, policy-rules.md §5.1);"
            + PERIODS,
        ),
    ),
    Term(
        vocabulary=CERTIFICATION,
        key="innovative_sme",
        label_zh="创新型中小企业",
        label_en="Innovative SME (创新型中小企业)",
        order=30,
        rung=30,
        citation="《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号, UNVERIFIED number)",
        validity=Validity(
            years=3, citation="有效期三年(UNVERIFIED, policy-rules.md §3.3);" + PERIODS
        ),
    ),
    Term(
        vocabulary=CERTIFICATION,
        key="specialized",
        label_zh="专精特新中小企业",
        label_en="Specialised and innovative SME (专精特新)",
        order=40,
        rung=40,
        # The 梯度培育 ladder: a 专精特新 enterprise is an 创新型中小企业 first.
        implies=("innovative_sme",),
        citation="《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号, UNVERIFIED number)",
        validity=Validity(
            years=3, citation="有效期三年(UNVERIFIED, policy-rules.md §3.3);" + PERIODS
        ),
    ),
)

#: 高新技术企业认定管理工作指引 知识产权分类 (policy-rules.md §4.2), and the trademark.
IP_KINDS = tuple(
    Term(vocabulary=IP_KIND, key=key, label_zh=zh, label_en=en, order=order, ip_class=ip_class)
    for order, (key, zh, en, ip_class) in enumerate(
        (
            ("invention_patent", "发明专利", "Invention patent", "I"),
            ("plant_variety", "植物新品种", "Plant variety", "I"),
            ("crop_variety", "国家级农作物品种", "National crop variety", "I"),
            ("new_drug", "国家新药", "National new drug", "I"),
            ("tcm_variety", "国家一级中药保护品种", "Class-one protected TCM variety", "I"),
            ("ic_layout", "集成电路布图设计专有权", "IC layout design", "I"),
            ("utility_model", "实用新型专利", "Utility model", "II"),
            ("design", "外观设计专利", "Design patent", "II"),
            ("software_copyright", "软件著作权", "Software copyright", "II"),
            # Counted in neither class: "不含商标" (policy-rules.md §4.2).
            ("trademark", "注册商标", "Registered trademark", "none"),
        ),
        start=1,
    )
)

FUNDING_KINDS = tuple(
    Term(vocabulary=FUNDING, key=key, label_zh=zh, label_en=en, order=order, category=category)
    for order, (key, zh, en, category) in enumerate(
        (
            ("angel", "天使投资", "Angel investment", EQUITY),
            ("vc", "风险投资", "Venture capital", EQUITY),
            ("grant", "政府资助", "Government grant", GRANT),
            ("tech_loan", "科技贷", "Technology loan (科技贷)", LOAN),
        ),
        start=1,
    )
)

#: 《国家重点支持的高新技术领域》, with the fields 国科发区〔2018〕300号 第九条 names apart.
TECH_FIELDS = tuple(
    Term(vocabulary=TECH_FIELD, key=key, label_zh=zh, label_en=en, order=order)
    for order, (key, zh, en) in enumerate(
        (
            ("electronic_information", "电子信息", "Electronic information"),
            ("integrated_circuits", "集成电路", "Integrated circuits"),
            ("biomedicine", "生物医药", "Biomedicine"),
            ("modern_agriculture", "现代农业", "Modern agriculture"),
            ("aerospace", "航空航天", "Aerospace"),
            ("new_materials", "新材料", "New materials"),
            ("high_tech_services", "高技术服务", "High-tech services"),
            ("new_energy", "新能源与节能", "New energy and energy saving"),
            ("environmental", "资源与环境", "Resources and environment"),
            ("advanced_manufacturing", "先进制造与自动化", "Advanced manufacturing"),
        ),
        start=1,
    )
)


@hookimpl
def incuchain_vocabulary():
    return [*CERTIFICATIONS, *IP_KINDS, *FUNDING_KINDS, *TECH_FIELDS]
