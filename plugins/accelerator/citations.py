"""The clauses only the accelerator cites: local rules and carrier policy (§0, §3.1, §3.3).

No national firm-level accelerator rule exists; each citation says which
local rule or national criterion the carrier's default follows.
"""

from __future__ import annotations

from incuchain_policy.citations import ORDER_63

# -- entry (policy-rules.md §0, §3.1) ------------------------------------------------------

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


# -- graduation (policy-rules.md §3.1, §3.3) -----------------------------------------------

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
