"""The incubator (孵化器) stage: young registered technology companies."""

from core.plugin_api import ReferralOffer, StageSpec

from . import citations

STAGE_KEY = "incubator"

SPEC = StageSpec(
    key=STAGE_KEY,
    order=20,
    name_zh="孵化器",
    name_en="Incubator",
    next="accelerator",
    default_time_limit_months=48,
    time_limit_citation=citations.INCUBATION_PERIOD,
    time_limit_label_zh="孵化时限",
    time_limit_label_en="Incubation time limit",
)

#: Offered to a startup that graduates from the stage before this one (the makerspace).
REFERRAL = ReferralOffer(
    stage=STAGE_KEY,
    note_zh=(
        "恭喜毕业！欢迎申请入驻孵化器：可在本载体申请，也可选择其他运营孵化器的载体。孵化"
        "器为注册成立的科技型企业提供场地、投融资对接和专业服务。"
    ),
    note_en=(
        "Congratulations on graduating. You are welcome to apply to an incubator, here or"
        " at any other carrier that runs one: incubators give registered technology "
        "companies space, access to finance and professional services."
    ),
)
