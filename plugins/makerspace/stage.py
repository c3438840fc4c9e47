"""The makerspace (众创空间) stage: teams, often unregistered, testing an idea."""

from core.plugin_api import StageSpec

from . import citations

STAGE_KEY = "makerspace"

SPEC = StageSpec(
    key=STAGE_KEY,
    order=10,
    name_zh="众创空间",
    name_en="Makerspace",
    next="incubator",
    # No national residency limit exists (policy-rules.md §2.2); 24 months is the
    # common local rule, e.g. Shenzhen's filing rule "入驻时限一般不超过24个月".
    default_time_limit_months=24,
    time_limit_citation=citations.SHENZHEN_RESIDENCY,
    time_limit_label_zh="入驻时限",
    time_limit_label_en="Residency time limit",
)
