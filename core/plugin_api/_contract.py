"""The contract types: what plugins return from their hooks, frozen and typed.

Re-exported by ``core.plugin_api``; import them from there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pluggy

from ._text import bilingual

PROJECT_NAME = "incuchain"

#: Decorate a plugin's hook implementations with this marker.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

STAGE_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,31}$")

#: The setting core declares for every stage with a default time limit.
TIME_LIMIT_SETTING = "time_limit_months"


class PluginContractError(Exception):
    """A plugin broke the contract; raised at start-up, naming the plugin."""


# -- settings ------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SettingSpec:
    """A threshold a carrier's manager may tune for one stage."""

    key: str
    label_zh: str
    label_en: str
    #: ``"int"`` or ``"decimal"``.
    type: str
    default: int | Decimal
    unit_zh: str = ""
    unit_en: str = ""
    minimum: int | Decimal | None = None
    maximum: int | Decimal | None = None
    #: The policy clause the default comes from.
    citation: str = ""

    def label(self, locale: str) -> str:
        return bilingual(locale, self.label_zh, self.label_en)

    def unit(self, locale: str) -> str:
        return bilingual(locale, self.unit_zh, self.unit_en)


def months_setting(
    *, key: str, label_zh: str, label_en: str, default: int, citation: str
) -> SettingSpec:
    """A period in whole calendar months, from 1 to 120 (ten years)."""
    return SettingSpec(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        type="int",
        default=default,
        unit_zh="个月",
        unit_en="months",
        minimum=1,
        maximum=120,
        citation=citation,
    )


def _decimal_setting(
    *, unit: str, default: int | Decimal, minimum, maximum=None, **fields
) -> SettingSpec:
    """A decimal setting whose unit reads the same in both languages."""
    return SettingSpec(
        type="decimal",
        default=Decimal(default),
        unit_zh=unit,
        unit_en=unit,
        minimum=Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
        **fields,
    )


def money_setting(
    *, key: str, label_zh: str, label_en: str, default: int | Decimal, citation: str
) -> SettingSpec:
    """An amount in 万元 (shown as 万元 in both languages), 0 or more."""
    return _decimal_setting(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        citation=citation,
        unit="万元",
        default=default,
        minimum=0,
    )


def percent_setting(
    *,
    key: str,
    label_zh: str,
    label_en: str,
    default: int | Decimal,
    citation: str,
    minimum: int = -100,
    maximum: int = 1000,
) -> SettingSpec:
    """A percentage (a growth rate by default, from -100% to 1,000%)."""
    return _decimal_setting(
        key=key,
        label_zh=label_zh,
        label_en=label_en,
        citation=citation,
        unit="%",
        default=default,
        minimum=minimum,
        maximum=maximum,
    )


# -- stages and carriers ---------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class StageSpec:
    """One stage of the incubation chain: its key, names and place in the chain."""

    #: Stable identifier used in URLs and data, e.g. ``"ideas"``: lower case
    #: letters, digits and underscores, starting with a letter.
    key: str
    #: Position in the chain; lower comes first. Ties are broken by key.
    order: int
    #: Display name in Chinese.
    name_zh: str
    #: Display name in English.
    name_en: str
    #: Key of the stage a graduate moves on to, or ``None`` at the end of the chain.
    next: str | None = None
    #: Default time limit in months, or ``None`` when the stage has none. Core
    #: declares it as the carrier's ``time_limit_months`` setting, whose value
    #: each admission applies unless the stage computes its own limit.
    default_time_limit_months: int | None = None
    #: The policy clause the time limit comes from, shown next to it.
    time_limit_citation: str = ""
    #: What the settings page calls the time limit, e.g. ``"孵化时限"``.
    time_limit_label_zh: str = "时限"
    time_limit_label_en: str = "Time limit"

    def name(self, locale: str) -> str:
        """The stage's name in ``locale`` (Chinese unless the locale is English)."""
        return bilingual(locale, self.name_zh, self.name_en)

    def time_limit_setting(self) -> SettingSpec | None:
        """The ``time_limit_months`` setting core declares; ``None`` without a default limit."""
        if self.default_time_limit_months is None:
            return None
        return months_setting(
            key=TIME_LIMIT_SETTING,
            label_zh=self.time_limit_label_zh,
            label_en=self.time_limit_label_en,
            default=self.default_time_limit_months,
            citation=self.time_limit_citation,
        )


@dataclass(frozen=True, kw_only=True)
class TenantRef:
    """A carrier as plugins see it: immutable, with its tuned stage settings."""

    id: int
    slug: str
    name_zh: str
    name_en: str
    #: ``{stage key: {setting key: value}}``, defaults already merged in.
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def setting(self, stage: str, key: str) -> Any:
        """The carrier's value of a setting the stage declared."""
        return self.settings[stage][key]


# -- facts a rule reads ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Figures:
    """One year's figures; money in 万元 (10,000 CNY), ``None`` when not reported."""

    year: int
    revenue: Decimal | None = None
    rd_expense: Decimal | None = None
    #: The part of ``rd_expense`` spent in mainland China.
    rd_expense_domestic: Decimal | None = None
    total_cost: Decimal | None = None
    employees: int | None = None
    tech_staff: int | None = None
    total_assets: Decimal | None = None
    liabilities: Decimal | None = None
    high_tech_revenue: Decimal | None = None
    tax_paid: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class FundingFact:
    date: date
    #: 万元
    amount: Decimal
    #: A ``funding`` term's key: ``angel``, ``vc``, ``grant``, ``tech_loan``…
    kind: str
    investor: str = ""
    #: The kind's category: ``"equity"``, ``"loan"`` or ``"grant"``.
    category: str = ""
    #: The kind's names, as the vocabulary gives them.
    kind_zh: str = ""
    kind_en: str = ""


@dataclass(frozen=True, kw_only=True)
class IPFact:
    #: An ``ip_kind`` term's key.
    kind: str
    #: ``"I"`` or ``"II"``, the kind's class.
    ip_class: str
    #: ``applied`` or ``granted``.
    status: str
    #: The grant date of a granted right, the filing date of an application.
    date: date | None = None


@dataclass(frozen=True, kw_only=True)
class CertificationFact:
    """A recognition on the startup's record.

    ``valid_until`` is its last valid day as the kind's ``Validity`` fixes
    it (the recorded end date, or the period from ``issued_on`` or ``year``):
    core fills it in, so every rule that asks "is it valid on that day"
    gets the same answer from ``valid_on``.
    """

    #: A ``certification`` term's key: ``tech_sme``, ``high_tech``, ``specialized``…
    kind: str
    number: str = ""
    year: int | None = None
    issued_on: date | None = None
    valid_until: date | None = None
    #: The kinds it counts as: its own and those its kind ``implies``.
    counts_as: frozenset[str] = frozenset()

    def valid_on(self, day: date) -> bool:
        starts = self.issued_on or (date(self.year, 1, 1) if self.year else None)
        if starts is not None and day < starts:
            return False
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True, kw_only=True)
class EventFact:
    #: ``acquired`` or ``listed``.
    kind: str
    date: date


@dataclass(frozen=True, kw_only=True)
class MilestoneFact:
    key: str
    required: bool
    #: ``open``, ``in_progress``, ``submitted``, ``returned`` or ``verified``.
    status: str
    due_on: date | None = None
    title_zh: str = ""
    title_en: str = ""

    def title(self, locale: str) -> str:
        """The milestone's title in ``locale``, falling back to Chinese, then to the key."""
        return bilingual(locale, self.title_zh, self.title_en) or self.key


@dataclass(frozen=True, kw_only=True)
class StartupFacts:
    """Everything known about a startup, gathered once for a batch of rules."""

    id: int | None
    name_zh: str
    #: ``team`` (not registered yet) or ``company``.
    kind: str
    tech_field: str
    credit_code: str | None = None
    #: True when the credit code passes the GB 32100 check.
    credit_code_valid: bool = False
    founded_on: date | None = None
    figures: Mapping[int, Figures] = field(default_factory=dict)
    funding: tuple[FundingFact, ...] = ()
    ip: tuple[IPFact, ...] = ()
    certifications: tuple[CertificationFact, ...] = ()
    events: tuple[EventFact, ...] = ()

    def latest_figures(self) -> Figures | None:
        return self.figures[max(self.figures)] if self.figures else None

    def holding(self, kind: str, day: date) -> CertificationFact | None:
        """A certification counting as ``kind`` and valid on ``day``, if the startup has one."""
        for cert in self.certifications:
            if kind in (cert.counts_as or {cert.kind}) and cert.valid_on(day):
                return cert
        return None


@dataclass(frozen=True, kw_only=True)
class EnrollmentFacts:
    admitted_on: date
    due_on: date | None
    milestones: tuple[MilestoneFact, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RuleContext:
    """The read-only data a rule evaluates."""

    stage: str
    tenant: TenantRef
    startup: StartupFacts
    #: The day the rule is judged on: the entry date for intake rules.
    as_of: date
    #: The applicant's answers on the stage's intake form.
    answers: Mapping[str, Any] = field(default_factory=dict)
    enrollment: EnrollmentFacts | None = None

    def setting(self, key: str) -> Any:
        return self.tenant.setting(self.stage, key)


# -- rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class RuleResult:
    """A rule's verdict, explained in words a manager can check."""

    passed: bool
    detail_zh: str
    detail_en: str
    facts: Mapping[str, Any] = field(default_factory=dict)

    def detail(self, locale: str) -> str:
        return bilingual(locale, self.detail_zh, self.detail_en)


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One eligibility or graduation condition, citing the clause it encodes."""

    code: str
    label_zh: str
    label_en: str
    #: The policy clause, e.g. ``"国科发区〔2018〕300号 第九条"``.
    citation: str
    check: Callable[[RuleContext], RuleResult]
    #: ``"hard"`` blocks an application when it fails; ``"soft"`` only warns.
    severity: str = "hard"
    #: Rules sharing a group are alternatives: one passing satisfies the group.
    #: ``None`` means the rule is required on its own.
    group: str | None = None
    #: The intake answer the rule judges, if any: a failure is then also shown
    #: next to that question, where the applicant can put it right.
    field: str | None = None

    def label(self, locale: str) -> str:
        return bilingual(locale, self.label_zh, self.label_en)


# -- milestones and review -------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MilestoneTemplate:
    """A milestone created for every startup admitted to a stage."""

    key: str
    title_zh: str
    title_en: str
    #: Months after admission when it falls due.
    due_after_months: int
    description_zh: str = ""
    description_en: str = ""
    #: Whether graduation rules may insist on it being verified.
    required: bool = True

    def title(self, locale: str) -> str:
        return bilingual(locale, self.title_zh, self.title_en)


@dataclass(frozen=True, kw_only=True)
class RubricCriterion:
    """One criterion reviewers score an application on, from 0 to 10."""

    key: str
    label_zh: str
    label_en: str
    #: Relative weight; the weighted total is scaled to 100.
    weight: int
    description_zh: str = ""
    description_en: str = ""

    def label(self, locale: str) -> str:
        return bilingual(locale, self.label_zh, self.label_en)


@dataclass(frozen=True, kw_only=True)
class ReferralOffer:
    """A stage's invitation to a graduated startup, from ``incuchain_referral_offers``.

    The founders are invited to apply to ``stage`` at the same carrier or at
    any other carrier that runs it.
    """

    stage: str
    note_zh: str = ""
    note_en: str = ""

    def note(self, locale: str) -> str:
        return bilingual(locale, self.note_zh, self.note_en)


# -- certificates ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CertificateContent:
    """What a graduation certificate shows, in both languages.

    Core gathers it when a startup graduates; a certificate template reads it
    as ``cert``. Every text is escaped when the template is rendered.
    """

    #: ``<carrier prefix>-<year>-<sequence>``, unique per carrier and year.
    serial: str
    #: The page that confirms the certificate; printed and encoded in the QR code.
    verify_url: str
    #: The startup's Chinese name.
    holder_zh: str
    #: The startup's English name, or ``""`` when it has none.
    holder_en: str = ""
    #: The unified social credit code, or ``None`` for a team not yet registered.
    credit_code: str | None = None
    stage_zh: str
    stage_en: str
    carrier_zh: str
    carrier_en: str
    admitted_on: date
    graduated_on: date
    #: The carrier's seal image (PNG or JPEG bytes), or ``None`` when it has none.
    seal: bytes | None = None
    #: ``"image/png"`` or ``"image/jpeg"`` when ``seal`` is set.
    seal_mime: str | None = None
    #: Graduated by the carrier's decision on review although not every condition
    #: was met: the certificate says 经审核认定毕业, not 达到毕业条件.
    by_review: bool = False


@dataclass(frozen=True, kw_only=True)
class CertificateTemplate:
    """Where a stage's certificate template lives; see ``incuchain_certificate_template``.

    ``name`` is a Jinja template in ``folder``. It usually extends core's
    ``certificate_base.html``, which is always on the search path after
    ``folder``, and overrides only its ``title_*``, ``statement_*`` and
    ``accent`` blocks. Core's ``certificate_base.css`` always applies; the
    ``stylesheets`` listed here apply after it. Nothing is fetched while
    rendering: images come as ``data:`` URIs, fonts from fontconfig.
    """

    #: The folder holding the template, e.g. ``Path(__file__).parent / "templates"``.
    folder: Path
    #: The template's file name within ``folder``.
    name: str = "certificate.html"
    #: Absolute paths of extra stylesheets, applied after core's in this order.
    stylesheets: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class GraduationFact:
    """A graduation on the startup's record, as intake prefill sees it."""

    stage: str
    stage_name_zh: str
    stage_name_en: str
    carrier_zh: str
    carrier_en: str
    graduated_on: date
    serial: str


# -- a stage, declared whole ---------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Stage:
    """Everything a stage means, declared in one object; core answers its hooks.

    Return it from ``incuchain_stages`` instead of a bare ``StageSpec`` and
    write no other hook: core's own plugin answers the stage-keyed hooks for
    it (settings, intake form, rules, milestones, rubric, certificate, time
    limit, referral and prefill), merges the settings' defaults into every
    ``TenantRef`` and brings milestones due after the time limit forward to it.
    Other plugins still add to the stage through the collecting hooks, and
    override a single answer with a ``tryfirst=True`` hookimpl.

    Core validates the declaration at start-up: the types of every item, and
    keys or codes used twice, raise ``PluginContractError`` naming the plugin.
    """

    #: The stage's key, names and place in the chain.
    spec: StageSpec
    #: ``intake_form(tenant) -> type[FlaskForm]``: a new form class on every call.
    intake_form: Callable[[TenantRef], type]
    #: Thresholds a carrier may tune. Core adds ``time_limit_months`` itself when
    #: ``spec.default_time_limit_months`` is set: do not declare it here.
    settings: tuple[SettingSpec, ...] = ()
    #: Eligibility rules checked when an application is submitted.
    intake_rules: tuple[Rule, ...] = ()
    #: Milestones every admitted startup starts with; none falls due after the
    #: carrier's ``time_limit_months``.
    milestones: tuple[MilestoneTemplate, ...] = ()
    #: What reviewers score applications on.
    rubric: tuple[RubricCriterion, ...] = ()
    #: Rules that decide graduation.
    graduation_rules: tuple[Rule, ...] = ()
    #: The certificate template; ``None`` for core's plain certificate.
    certificate: CertificateTemplate | None = None
    #: ``time_limit(tenant, startup) -> months``, for a limit that depends on the
    #: startup; by default the carrier's ``time_limit_months`` applies.
    time_limit: Callable[[TenantRef, StartupFacts], int | None] | None = None
    #: Offered to graduates of the stage whose ``next`` is this one; its
    #: ``stage`` is this stage's key.
    referral: ReferralOffer | None = None
    #: ``prefill(startup, graduations) -> {field: value}``: answers to fill the
    #: intake form with before the founders type anything.
    prefill: Callable[[StartupFacts, tuple[GraduationFact, ...]], Mapping[str, Any]] | None = None

    def __post_init__(self) -> None:
        for name in ("settings", "intake_rules", "milestones", "rubric", "graduation_rules"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def key(self) -> str:
        return self.spec.key

    def setting_specs(self) -> tuple[SettingSpec, ...]:
        """Core's ``time_limit_months`` (when the spec has a default limit), then ``settings``."""
        limit = self.spec.time_limit_setting()
        return ((limit,) if limit else ()) + self.settings

    def defaults(self) -> dict[str, Any]:
        """``{setting key: default}``, as a carrier that tuned nothing has them."""
        return {spec.key: spec.default for spec in self.setting_specs()}


# -- assessments ---------------------------------------------------------------

#: An ``Assessment.status``: the startup already holds the recognition.
HELD = "held"
#: Every condition the data can judge passes, and none is left unjudged.
MET = "met"
#: At least one condition fails.
NOT_MET = "not_met"
#: No condition fails, but some cannot be judged from the data.
UNKNOWN = "unknown"

#: An ``AssessmentCheck.status``: ``UNKNOWN`` when a figure is missing or a
#: score range straddles the pass mark; ``CONFIRM`` for a condition outside
#: the data (e.g. "no major safety accident"), which the company attests and
#: which does not hold the rung back.
PASS, FAIL, CONFIRM = "pass", "fail", "confirm"


@dataclass(frozen=True, kw_only=True)
class ManualItem:
    """A score item a carrier's manager enters because the data cannot compute it."""

    key: str
    label_zh: str
    label_en: str
    #: Whole points from 0 to ``maximum``.
    maximum: int
    citation: str = ""
    #: The value entered, or ``None`` while nobody has entered one.
    value: int | None = None

    def label(self, locale: str) -> str:
        return bilingual(locale, self.label_zh, self.label_en)


@dataclass(frozen=True, kw_only=True)
class AssessmentCheck:
    """One condition of an assessment, or one part of its score, with the figure behind it."""

    key: str
    label_zh: str
    label_en: str
    #: ``PASS``, ``FAIL``, ``UNKNOWN`` or ``CONFIRM``.
    status: str
    detail_zh: str
    detail_en: str
    citation: str = ""
    #: For a score part: the points given, as a range when the data fixes only
    #: a band (``points_low < points_high``); ``None`` for a plain condition.
    points_low: int | None = None
    points_high: int | None = None
    max_points: int | None = None

    def label(self, locale: str) -> str:
        return bilingual(locale, self.label_zh, self.label_en)

    def detail(self, locale: str) -> str:
        return bilingual(locale, self.detail_zh, self.detail_en)


@dataclass(frozen=True, kw_only=True)
class Improvement:
    """What would raise a score, e.g. "one more invention patent: +30"."""

    text_zh: str
    text_en: str
    points: int

    def text(self, locale: str) -> str:
        return bilingual(locale, self.text_zh, self.text_en)


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """A startup judged against one recognition, e.g. a certification it may apply for."""

    #: Stable identifier; manual items are stored under it.
    key: str
    #: The rung on the ladder: lower comes first.
    order: int
    name_zh: str
    name_en: str
    #: A few characters for list columns.
    short_zh: str
    short_en: str
    citation: str
    #: ``HELD``, ``MET``, ``NOT_MET`` or ``UNKNOWN``.
    status: str
    summary_zh: str
    summary_en: str
    #: The conditions; ``FAIL`` ones are what is missing.
    checks: tuple[AssessmentCheck, ...] = ()
    #: The score's breakdown, part by part.
    score_parts: tuple[AssessmentCheck, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    manual_items: tuple[ManualItem, ...] = ()

    def name(self, locale: str) -> str:
        return bilingual(locale, self.name_zh, self.name_en)

    def short(self, locale: str) -> str:
        return bilingual(locale, self.short_zh, self.short_en)

    def summary(self, locale: str) -> str:
        return bilingual(locale, self.summary_zh, self.summary_en)

    @property
    def failing(self) -> tuple[AssessmentCheck, ...]:
        return tuple(c for c in self.checks if c.status == FAIL)

    @property
    def unjudged(self) -> tuple[AssessmentCheck, ...]:
        return tuple(c for c in self.checks + self.score_parts if c.status in (UNKNOWN, CONFIRM))

    @property
    def reached(self) -> bool:
        return self.status in (HELD, MET)


def overall_status(checks) -> str:
    """``NOT_MET`` when a check fails, else ``UNKNOWN`` when one is unknown, else ``MET``.

    ``CONFIRM`` checks do not count: they are for the company to attest.
    """
    statuses = {c.status for c in checks}
    if FAIL in statuses:
        return NOT_MET
    return UNKNOWN if UNKNOWN in statuses else MET
