"""The accelerator (加速器) stage: fast-growing companies after incubation."""

from core.plugin_api import ReferralOffer, StageSpec

from . import citations

STAGE_KEY = "accelerator"

SPEC = StageSpec(
    key=STAGE_KEY,
    order=30,
    name_zh="加速器",
    name_en="Accelerator",
    next=None,
    # No national firm-level accelerator rule exists (policy-rules.md §3.1):
    # 36 months is the default of the carrier's tunable ``time_limit_months``.
    default_time_limit_months=36,
    time_limit_citation=citations.ACCELERATOR_PERIOD,
    time_limit_label_zh="加速期限",
    time_limit_label_en="Acceleration time limit",
)

#: Offered to a startup that graduates from the stage before this one (the incubator).
REFERRAL = ReferralOffer(
    stage=STAGE_KEY,
    note_zh=(
        "恭喜毕业！欢迎申请进入加速器：可在本载体申请，也可选择其他运营加速器的载体。加速"
        "器服务于成长期的高成长企业。"
    ),
    note_en=(
        "Congratulations on graduating. You are welcome to apply to an accelerator, here "
        "or at any other carrier that runs one: accelerators serve fast-growing "
        "companies."
    ),
)
