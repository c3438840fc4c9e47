"""The incubator (孵化器) stage: young registered technology companies."""

from core.plugin_api import StageSpec

STAGE_KEY = "incubator"

STAGE = StageSpec(
    key=STAGE_KEY,
    order=20,
    name_zh="孵化器",
    name_en="Incubator",
    next="accelerator",
    default_time_limit_months=48,
    time_limit_citation="国科发区〔2018〕300号 第九条: 孵化时限原则上不超过48个月",
)
