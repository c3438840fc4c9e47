"""The 在孵企业 clauses of 国科发区〔2018〕300号 第九条 that only the incubator cites (§1.1)."""

from __future__ import annotations

from incuchain_policy.citations import ORDER_300

# -- 在孵企业 (policy-rules.md §1.1) -------------------------------------------------------

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
