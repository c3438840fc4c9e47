"""The IncuChain plugin contract.

Every hook a plugin may implement is specified here. The docstrings are the
plugin author's reference; ``tests/test_contract.py`` checks that each one
documents every parameter, states its calling convention, and has a test.

Most stages implement one hook: ``incuchain_stages`` returning a
``core.plugin_api.Stage``, which declares the whole stage; core's own plugin
(``core.stages.StageDefaults``) then answers the stage-keyed hooks below for
it. The hooks are there for what a declaration cannot say: another plugin
adding a rule or a setting to any stage, or overriding one answer.

Conventions:

* Hook names start with ``incuchain_``. A plural noun names a *collecting*
  hook (results from all plugins are concatenated); a singular noun names a
  *firstresult* hook; a past participle names an *event*, which returns
  nothing.
* Implementations may accept any subset of the documented parameters, and
  are always called with keyword arguments.
* Implementations are registered with ``core.plugin_api.hookimpl``; a
  misspelt hook name fails at start-up (``PluginManager.check_pending``).

The module has three sections: start-up hooks (called once by
``create_app``), request-time hooks (stage contributions and assessments) and
events (called after a change is committed).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import pluggy

from core.plugin_api import PROJECT_NAME

if TYPE_CHECKING:
    from pathlib import Path

    from flask_wtf import FlaskForm

    from core.applications.models import Application
    from core.auth.models import User
    from core.enrollments.models import Milestone, MilestoneChange
    from core.graduation.models import Graduation
    from core.plugin_api import (
        Assessment,
        CertificateTemplate,
        GraduationFact,
        MilestoneTemplate,
        ReferralOffer,
        RubricCriterion,
        Rule,
        SettingSpec,
        Stage,
        StageSpec,
        StartupFacts,
        TenantRef,
        Term,
    )

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


# --------------------------------------------------------------------------
# Start-up hooks: called once while the application is created. Core
# validates the results and freezes them; a violation aborts start-up.
# --------------------------------------------------------------------------


@hookspec
def incuchain_stages() -> list[Stage | StageSpec]:
    """Return the stages of the incubation chain that this plugin defines.

    Called once by ``create_app`` to build the stage registry.

    A :class:`core.plugin_api.Stage` declares the whole stage (its spec,
    settings, intake form, rules, milestones, rubric, certificate, time limit,
    referral and prefill) and core answers the stage-keyed hooks for it: the
    plugin needs no other hook. A bare :class:`core.plugin_api.StageSpec`
    only names the stage; the plugin then implements the stage-keyed hooks
    itself.

    Collecting: results from all plugins are concatenated, then sorted into
    chain order by ``StageSpec.order`` (ties broken by key).

    Core validates the combined list and raises ``PluginContractError``,
    naming the offending plugin, when a key is malformed or used twice, or
    when a ``next`` stage is unknown or the ``next`` links form a cycle. It
    then calls every stage's request-time hooks once with a default
    ``TenantRef`` and validates their answers (types; keys and codes used
    twice), so that a broken contract stops ``create_app``, not the first
    request. The registry is frozen afterwards: stages cannot be added at
    run time.

    :returns: a list of :class:`core.plugin_api.Stage` or
        :class:`core.plugin_api.StageSpec`; an empty list when the plugin
        defines no stage.

    Example::

        @hookimpl
        def incuchain_stages():
            spec = StageSpec(key="lab", order=5, name_zh="实验室", name_en="Lab")
            return [Stage(spec=spec, intake_form=intake_form, intake_rules=(AGE,))]
    """


@hookspec
def incuchain_vocabulary() -> list[Term]:
    """Return the kinds this plugin adds to the registry's open vocabularies.

    Called once by ``create_app``. The vocabularies are certification kinds
    (with how long each lasts, its ``Validity``, and its rung on the
    recognition ladder), IP kinds (with their Ⅰ/Ⅱ class), funding kinds
    (with their category: equity, loan or grant) and technology fields. Core
    registers its own terms through this hook too (``core.default_vocabulary``)
    and checks every stored key against the registry, so a new kind needs no
    database change. Every rule that asks whether a recognition is valid on a
    day asks its kind's ``Validity``.

    Collecting: results from all plugins are concatenated. A key used twice in
    one vocabulary, an unknown vocabulary, a malformed key or an IP class
    other than ``"I"`` or ``"II"`` raises ``PluginContractError`` naming the
    plugin.

    :returns: a list of :class:`core.plugin_api.Term`.

    Example::

        @hookimpl
        def incuchain_vocabulary():
            return [Term(vocabulary=CERTIFICATION, key="henan_gazelle",
                         label_zh="河南省瞪羚企业", label_en="Henan gazelle enterprise",
                         validity=Validity(years=2, citation="…"))]
    """


@hookspec
def incuchain_translation_dirs() -> list[str | Path]:
    """Return the folders holding this plugin's own gettext catalogues.

    Called once by ``create_app``, which hands the folders to Flask-Babel
    with core's own ``translations/``: a plugin's ``lazy_gettext("…")``
    strings (English msgids, such as its intake form's labels) are then
    shown in Chinese from its catalogue. Each folder is laid out as
    ``pybabel`` makes it, in the ``messages`` domain:
    ``<folder>/zh_Hans_CN/LC_MESSAGES/messages.mo`` (Babel resolves the
    ``zh_CN`` interface language to ``zh_Hans_CN``). Ship the compiled
    ``.mo`` files in the package; the ``.po`` files are their source.

    Where a plugin's catalogue and core's translate the same msgid, core's
    translation wins, so no plugin changes core's wording: give your own
    messages msgids core does not use.

    Collecting: results from all plugins are concatenated. A folder that is
    not an absolute path or does not exist raises ``PluginContractError``
    naming the plugin.

    :returns: a list of folders (``str`` or ``pathlib.Path``); ``[]`` for a
        plugin without translations.

    Example::

        @hookimpl
        def incuchain_translation_dirs():
            return [Path(__file__).parent / "translations"]
    """


# --------------------------------------------------------------------------
# Request-time hooks: stage contributions, keyed by stage. Called while
# requests are served, and once at start-up with a default TenantRef, whose
# answers core validates before the first request. Core answers them for
# every declared Stage (core.stages.StageDefaults, registered last with
# trylast=True); a plugin adds to any stage through the collecting ones and
# overrides a firstresult one with tryfirst=True.
# --------------------------------------------------------------------------


@hookspec
def incuchain_stage_settings(stage: str) -> list[SettingSpec]:
    """Return the thresholds a carrier may tune for ``stage``, with their defaults.

    Called when the settings page is shown or saved and whenever a
    ``TenantRef`` is built, so rules read the carrier's values through
    ``RuleContext.setting(key)``.

    Collecting: results from all plugins are concatenated, so a policy
    plugin may add a setting to another plugin's stage. A key declared twice
    for one stage raises ``PluginContractError``.

    :param stage: the stage key; return ``[]`` for stages you do not handle.
    :returns: a list of :class:`core.plugin_api.SettingSpec`.

    Example::

        @hookimpl
        def incuchain_stage_settings(stage):
            if stage != STAGE_KEY:
                return []
            return [SettingSpec(key="max_age_months", label_zh="成立时间上限",
                                label_en="Maximum company age", type="int",
                                default=24, unit_zh="个月", unit_en="months")]
    """


@hookspec(firstresult=True)
def incuchain_intake_form(stage: str, tenant: TenantRef) -> type[FlaskForm] | None:
    """Return the form class a startup fills in to apply to ``stage``.

    Called for every request to the stage's application page. The class must
    be built for this call (e.g. a subclass created inside the function),
    never a shared class mutated per carrier. Its fields hold the stage's
    own questions; core adds the startup profile and the buttons.

    Stops at first non-None result: the stage's own plugin answers; an
    override registers with ``tryfirst=True``.

    :param stage: the stage key; return ``None`` for stages you do not own.
    :param tenant: the carrier applied to, with its tuned settings.
    :returns: a ``FlaskForm`` subclass, or ``None``.

    Example::

        @hookimpl
        def incuchain_intake_form(stage, tenant):
            if stage != STAGE_KEY:
                return None
            return type("IntakeForm", (FlaskForm,), {"idea": TextAreaField("Idea")})
    """


@hookspec
def incuchain_intake_rules(stage: str, tenant: TenantRef) -> list[Rule]:
    """Return the eligibility rules checked when an application to ``stage`` is submitted.

    Core evaluates them on a read-only ``RuleContext`` (the startup's facts,
    the answers, the submission date). A failing ``hard`` rule blocks the
    submission with its explanation and citation; a failing ``soft`` rule
    only warns. A rule that raises counts as failed, never as passed.

    Collecting: results from all plugins are concatenated.

    :param stage: the stage key; return ``[]`` for stages you do not handle.
    :param tenant: the carrier applied to, with its tuned settings.
    :returns: a list of :class:`core.plugin_api.Rule`.

    Example::

        @hookimpl
        def incuchain_intake_rules(stage, tenant):
            return [COMPANY_AGE] if stage == STAGE_KEY else []
    """


@hookspec
def incuchain_graduation_rules(stage: str, tenant: TenantRef) -> list[Rule]:
    """Return the rules that decide whether a startup may graduate from ``stage``.

    Core evaluates them for each enrollment on a read-only ``RuleContext``
    (the startup's facts, ``enrollment`` with its milestones, and the day
    judged as ``as_of``) and shows the checklist with each rule's detail and
    citation. The enrollment is eligible when every required ``hard`` rule
    passes and every ``hard`` group has one rule passing; a failing ``soft``
    rule only warns. A rule that raises counts as failed, never as passed.

    Collecting: results from all plugins are concatenated, so a policy
    plugin may add a condition to any stage. A code used twice for one stage
    raises ``PluginContractError``.

    :param stage: the stage key; return ``[]`` for stages you do not handle.
    :param tenant: the carrier the startup is enrolled at, with its tuned settings.
    :returns: a list of :class:`core.plugin_api.Rule`.

    Example::

        @hookimpl
        def incuchain_graduation_rules(stage, tenant):
            return [HIGH_TECH_ENTERPRISE] if stage == STAGE_KEY else []
    """


@hookspec
def incuchain_review_rubric(stage: str, tenant: TenantRef) -> list[RubricCriterion]:
    """Return the criteria reviewers score applications to ``stage`` on (0 to 10 each).

    The weighted total of a review is scaled to 100.

    Collecting: results from all plugins are concatenated. A key used twice
    for one stage raises ``PluginContractError``.

    :param stage: the stage key; return ``[]`` for stages you do not handle.
    :param tenant: the carrier reviewing.
    :returns: a list of :class:`core.plugin_api.RubricCriterion`.

    Example::

        @hookimpl
        def incuchain_review_rubric(stage, tenant):
            if stage != STAGE_KEY:
                return []
            return [RubricCriterion(key="team", label_zh="团队", label_en="Team", weight=30)]
    """


@hookspec
def incuchain_milestone_templates(stage: str, tenant: TenantRef) -> list[MilestoneTemplate]:
    """Return the milestones created for a startup admitted to ``stage``.

    Called once at admission; each becomes a milestone due
    ``due_after_months`` after the admission date.

    Collecting: results from all plugins are concatenated. A key used twice
    for one stage raises ``PluginContractError``.

    :param stage: the stage key; return ``[]`` for stages you do not handle.
    :param tenant: the admitting carrier.
    :returns: a list of :class:`core.plugin_api.MilestoneTemplate`.

    Example::

        @hookimpl
        def incuchain_milestone_templates(stage, tenant):
            if stage != STAGE_KEY:
                return []
            return [MilestoneTemplate(key="bp", title_zh="商业计划书",
                                      title_en="Business plan", due_after_months=3)]
    """


@hookspec(firstresult=True)
def incuchain_time_limit_months(stage: str, tenant: TenantRef, startup: StartupFacts) -> int | None:
    """Return how many months ``startup`` may stay in ``stage`` at this carrier.

    Called at admission; the result is stored on the enrollment. When no
    plugin answers, the stage's ``default_time_limit_months`` applies.

    Stops at first non-None result.

    :param stage: the stage key; return ``None`` for stages you do not own.
    :param tenant: the admitting carrier, with its tuned settings.
    :param startup: the startup's facts (e.g. its technology field).
    :returns: months, or ``None`` to defer.

    Example::

        @hookimpl
        def incuchain_time_limit_months(stage, tenant, startup):
            if stage != STAGE_KEY:
                return None
            return tenant.setting(stage, "time_limit_months")
    """


@hookspec(firstresult=True)
def incuchain_certificate_template(stage: str, tenant: TenantRef) -> CertificateTemplate | None:
    """Return the template a graduate of ``stage`` gets a certificate from.

    Called once per graduation: core renders the template to a PDF (A4
    landscape, Chinese and English) and stores the bytes, which are never
    rendered again. The template receives ``cert``, a
    :class:`core.plugin_api.CertificateContent`, with ``qr_src`` and
    ``seal_src`` (``data:`` URIs, ``seal_src`` empty without a seal) and the
    filters ``date_zh`` and ``date_en``. Values are escaped and WeasyPrint
    fetches nothing: a ``url()`` or ``src`` other than a ``data:`` URI is
    refused. Chinese text needs no ``@font-face``: fontconfig supplies the
    fonts named in ``certificate_base.css``.

    Stops at first non-None result: the stage's own plugin answers; an
    override registers with ``tryfirst=True``. When no plugin answers, core's
    plain ``certificate_base.html`` is used.

    :param stage: the stage key; return ``None`` for stages you do not own.
    :param tenant: the carrier issuing the certificate.
    :returns: a :class:`core.plugin_api.CertificateTemplate`, or ``None``.

    Example::

        @hookimpl
        def incuchain_certificate_template(stage, tenant):
            if stage != STAGE_KEY:
                return None
            return CertificateTemplate(folder=Path(__file__).parent / "templates",
                                       name="certificate.html")
    """


@hookspec
def incuchain_intake_prefill(
    stage: str,
    tenant: TenantRef,
    startup: StartupFacts,
    graduations: tuple[GraduationFact, ...],
) -> dict[str, str | list[str]]:
    """Return answers to fill the intake form with before the founders type anything.

    Called when a founder opens the application form for ``stage`` and has
    no draft there yet, typically after graduating from the stage before
    (the referral). The founders see the values and may change any of them.

    Collecting: the dictionaries from all plugins are merged; where two
    give the same key, the value collected first wins (register with
    ``tryfirst=True`` to override). Keys that are not fields of the stage's
    intake form are ignored.

    :param stage: the stage key; return ``{}`` for stages you do not handle.
    :param tenant: the carrier applied to, with its tuned settings.
    :param startup: the startup's record: profile, figures by year, funding, IP.
    :param graduations: the startup's graduations, oldest first.
    :returns: ``{field name: value}``; a list for a multiple choice.

    Example::

        @hookimpl
        def incuchain_intake_prefill(stage, startup):
            if stage != STAGE_KEY or startup.latest_figures() is None:
                return {}
            return {"employees": str(startup.latest_figures().employees or "")}
    """


@hookspec
def incuchain_referral_offers(
    graduation: Graduation, next_stage: str | None
) -> list[ReferralOffer]:
    """Return the referrals to offer a startup that has just graduated.

    Called once per graduation, in its transaction, once the graduation and
    its certificate are recorded; ``incuchain_graduated`` follows after the
    commit. Core stores each
    offer as a referral and invites the startup's founders to apply to its
    ``stage``, at the same carrier or any carrier that runs it. Nothing is
    shared with another carrier until the founders submit an application
    there. A declared ``Stage`` with a ``referral`` offers it to graduates of
    the stage whose ``next`` it is.

    Collecting: every plugin's offers are kept, at most one per stage: the
    one collected first (pluggy calls the plugin registered last first, and
    core's declared referrals last of all, so any plugin overrides them).
    Offers for stages that do not exist are left out.

    :param graduation: the decision (``stage``, ``graduated_on``,
        ``startup``, ``tenant``, ``results``).
    :param next_stage: the key of the graduated stage's ``next`` stage in the
        chain, or ``None`` at the end of the chain.
    :returns: a list of :class:`core.plugin_api.ReferralOffer`.

    Example::

        @hookimpl
        def incuchain_referral_offers(next_stage):
            if next_stage != STAGE_KEY:
                return []
            return [ReferralOffer(stage=STAGE_KEY, note_en="Apply to our programme")]
    """


# --------------------------------------------------------------------------
# Request-time hooks not keyed by stage: pure functions of the facts given.
# --------------------------------------------------------------------------


@hookspec
def incuchain_startup_assessments(
    startup: StartupFacts, as_of: date, inputs: Mapping[str, Mapping[str, int]]
) -> list[Assessment]:
    """Return how ``startup`` stands against the recognitions this plugin knows.

    Called for the startup page, for every row of the startup and stage
    lists, and for the list of startups one condition from a rung, always
    in batches: core gathers the facts of all the startups in a constant
    number of queries, then calls the hook once per startup. The hook must
    therefore be pure: facts in, assessments out, no database access.

    Each ``Assessment`` has a ``key`` unique across plugins, an ``order`` (its
    rung on the ladder), a ``status`` (``HELD``, ``MET``, ``NOT_MET`` or
    ``UNKNOWN``), its ``checks`` (each ``PASS``, ``FAIL``, ``UNKNOWN`` or
    ``CONFIRM``, with the figure behind it and the clause it cites), the score
    breakdown in ``score_parts``, the ``improvements`` that would raise the
    score, and the ``manual_items`` a carrier's manager may enter because no
    data computes them. Core stores the entered values and passes them back
    in ``inputs``.

    Collecting: results from all plugins are concatenated; a key used twice
    raises ``PluginContractError``.

    :param startup: the startup's facts (``StartupFacts``).
    :param as_of: the day judged (today on the pages).
    :param inputs: the manual items entered for this startup,
        ``{assessment key: {item key: points}}``; an item nobody has entered
        is absent.
    :returns: a list of :class:`core.plugin_api.Assessment`.

    Example::

        @hookimpl
        def incuchain_startup_assessments(startup, as_of, inputs):
            checks = (condition_on_revenue(startup, as_of),)
            return [Assessment(key="gazelle", order=50, name_zh="瞪羚企业",
                               name_en="Gazelle", short_zh="瞪羚", short_en="Gazelle",
                               citation="…", status=overall_status(checks),
                               summary_zh="…", summary_en="…", checks=checks)]
    """


# --------------------------------------------------------------------------
# Events: called after the change is committed. They return nothing; a
# return value is ignored.
# --------------------------------------------------------------------------


@hookspec
def incuchain_application_decided(application: Application, actor: User) -> None:
    """React to a manager admitting or rejecting an application.

    Event: return value ignored; called after commit. ``application.status``
    is ``admitted`` or ``rejected`` and ``decision_reason`` holds the reason.

    :param application: the decided application.
    :param actor: the manager who decided.

    Example::

        @hookimpl
        def incuchain_application_decided(application, actor):
            log.info("%s decided %s", actor.email, application.id)
    """


@hookspec
def incuchain_milestone_changed(milestone: Milestone, change: MilestoneChange, actor: User) -> None:
    """React to a milestone being created, updated, given evidence, verified or sent back.

    Event: return value ignored; called after commit. ``change.action`` is
    ``created`` (a manager added a milestone), ``updated``, ``evidence``,
    ``verified`` or ``returned``.

    :param milestone: the milestone, as it is now.
    :param change: the history entry just written (``action``, ``comment``).
    :param actor: who made the change.

    Example::

        @hookimpl
        def incuchain_milestone_changed(milestone, change, actor):
            if change.action == "verified":
                notify_mentor(milestone)
    """


@hookspec
def incuchain_graduated(graduation: Graduation, actor: User) -> None:
    """React to a startup graduating from a stage.

    Event: return value ignored; called after the graduation, its
    certificate and the referrals from ``incuchain_referral_offers`` are
    committed and the founders are notified.

    :param graduation: the decision (``stage``, ``graduated_on``,
        ``startup``, ``tenant``, ``results``, ``eligible``).
    :param actor: the manager who graduated the startup.

    Example::

        @hookimpl
        def incuchain_graduated(graduation, actor):
            log.info("%s graduated from %s", graduation.startup.name_zh, graduation.stage)
    """
