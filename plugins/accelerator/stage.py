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
    # the carrier sets its own limit, so the stage has no default.
    default_time_limit_months=None,
    time_limit_citation="",
)
