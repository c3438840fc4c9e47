"""The makerspace (众创空间) stage: teams, often unregistered, testing an idea."""

from core.plugin_api import StageSpec

STAGE_KEY = "makerspace"

STAGE = StageSpec(
    key=STAGE_KEY,
    order=10,
    name_zh="众创空间",
    name_en="Makerspace",
    next="incubator",
    # No national residency limit exists (policy-rules.md §2.2); 24 months is the
    # common local rule, e.g. Shenzhen's filing rule "入驻时限一般不超过24个月".
    default_time_limit_months=24,
    time_limit_citation="深圳市众创空间备案:入驻时限一般不超过24个月",
)
