"""The clauses only the makerspace cites: local rules and its measures of success.

No national rule sets who may enter a 众创空间, for how long, or when a team
graduates (policy-rules.md §2.2); these cite the local rules and the filing
rule's measure of success that the stage adopts, and say so.
"""

from __future__ import annotations

# -- local rules (policy-rules.md §1.4, §2.2) ----------------------------------------------

#: §1.4, VERIFIED: 郑东新区 2019 区级认定.
ZHENGDONG_AGE = (
    "郑东新区2019年区级众创空间、孵化器认定条件:入驻时注册时间一般不超过12个月(全国无统一规定)"
)
#: §2.2, VERIFIED: Shenzhen filing rule.
SHENZHEN_RESIDENCY = "深圳市众创空间备案条件:入驻时限一般不超过24个月(全国无统一规定)"
#: §2.2: the national rule counts teams and companies, not members.
MAKERSPACE_TEAM = "载体自定(全国无规定;国科火字〔2017〕120号 只规定入驻创业团队和企业的数量)"


# -- graduation (policy-rules.md §2.1–2.2) -------------------------------------------------

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
