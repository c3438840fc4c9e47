"""The accelerator (加速器) stage: fast-growing companies after incubation."""

from core.plugin_api import StageSpec

STAGE_KEY = "accelerator"

STAGE = StageSpec(
    key=STAGE_KEY,
    order=30,
    name_zh="加速器",
    name_en="Accelerator",
    next=None,
    # No national firm-level accelerator rule exists (policy-rules.md §3.1):
    # 36 months is the default of the carrier's tunable ``time_limit_months``.
    default_time_limit_months=36,
    time_limit_citation="载体自定(全国无加速器入驻时限规定)",
)
