"""The public API for plugin authors.

A plugin imports from this package only (its tests may also import
``core.plugin_api.testing``). Everything else in ``core`` is private to the
application and may change without notice. What is here:

* the ``hookimpl`` marker and ``PluginContractError``;
* the frozen contract types plugins return from their hooks: ``Stage`` (a
  whole stage, declared), ``StageSpec``, ``SettingSpec``, ``Rule`` and
  ``RuleResult``, ``MilestoneTemplate``, ``RubricCriterion``,
  ``CertificateTemplate``, ``ReferralOffer``, ``Assessment`` and its parts;
* the read-only facts rules and assessments judge: ``RuleContext``,
  ``TenantRef``, ``StartupFacts`` and the facts it holds;
* helpers: ``bilingual`` and ``is_english``; calendar months (``add_months``,
  ``within_months``, ``age``); numbers (``to_decimal``, ``wan``, ``percent``);
  setting constructors (``months_setting``, ``money_setting``,
  ``percent_setting``); intake-form fields (``count_field``, ``money_field``,
  ``MultiCheckboxField``…); prefill from the startup's record
  (``figure_answers``, ``graduation_summary``…).

docs/plugins.md is the guide; core/hookspecs.py the hook reference.
"""

from ._contract import (
    CONFIRM,
    FAIL,
    HELD,
    MET,
    NOT_MET,
    PASS,
    PROJECT_NAME,
    STAGE_KEY_PATTERN,
    TIME_LIMIT_SETTING,
    UNKNOWN,
    Assessment,
    AssessmentCheck,
    CertificateContent,
    CertificateTemplate,
    CertificationFact,
    EnrollmentFacts,
    EventFact,
    Figures,
    FundingFact,
    GraduationFact,
    Improvement,
    IPFact,
    ManualItem,
    MilestoneFact,
    MilestoneTemplate,
    PluginContractError,
    ReferralOffer,
    RubricCriterion,
    Rule,
    RuleContext,
    RuleResult,
    SettingSpec,
    Stage,
    StageSpec,
    StartupFacts,
    TenantRef,
    hookimpl,
    money_setting,
    months_setting,
    overall_status,
    percent_setting,
)
from ._dates import add_months, age, age_en, age_zh, within_months
from ._forms import (
    MultiCheckboxField,
    NumberRange,
    count_field,
    money_field,
    non_negative,
    required,
    select_choices,
)
from ._numbers import percent, plain, to_decimal, to_int, wan
from ._prefill import figure_answers, funding_summary, graduation_summary, ip_summary
from ._text import bilingual, is_english

__all__ = [
    "CONFIRM",
    "FAIL",
    "HELD",
    "MET",
    "NOT_MET",
    "PASS",
    "PROJECT_NAME",
    "STAGE_KEY_PATTERN",
    "TIME_LIMIT_SETTING",
    "UNKNOWN",
    "Assessment",
    "AssessmentCheck",
    "CertificateContent",
    "CertificateTemplate",
    "CertificationFact",
    "EnrollmentFacts",
    "EventFact",
    "Figures",
    "FundingFact",
    "GraduationFact",
    "IPFact",
    "Improvement",
    "ManualItem",
    "MilestoneFact",
    "MilestoneTemplate",
    "MultiCheckboxField",
    "NumberRange",
    "PluginContractError",
    "ReferralOffer",
    "RubricCriterion",
    "Rule",
    "RuleContext",
    "RuleResult",
    "SettingSpec",
    "Stage",
    "StageSpec",
    "StartupFacts",
    "TenantRef",
    "add_months",
    "age",
    "age_en",
    "age_zh",
    "bilingual",
    "count_field",
    "figure_answers",
    "funding_summary",
    "graduation_summary",
    "hookimpl",
    "ip_summary",
    "is_english",
    "money_field",
    "money_setting",
    "months_setting",
    "non_negative",
    "overall_status",
    "percent",
    "percent_setting",
    "plain",
    "required",
    "select_choices",
    "to_decimal",
    "to_int",
    "wan",
    "within_months",
]
