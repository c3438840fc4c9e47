"""IncuChain's policy library: China's national incubation and SME clauses, as code.

A library, not a plugin: it defines no hook implementation and is registered
nowhere. Stage plugins (the built-in ones and third-party ones alike) import
it as they would any installed package, and it imports nothing from IncuChain
but the public plugin API, ``core.plugin_api``. docs/policy.md describes the
API; each module's docstring quotes the clause it encodes.

Every check is a plain function of read-only facts (``StartupFacts``,
``Figures``…) and of its thresholds, returning a ``RuleResult`` (or, for the
recognition ladder, an ``AssessmentCheck``) that explains itself with the
actual figures: "2024—2025 年营业收入累计 1,230 万元 > 1,000 万元". The
thresholds are arguments, so a stage reads them from the carrier's settings.

Modules:

* ``citations``: the national clauses the checks cite, quoted from
  docs/policy-rules.md (local rules are cited by the stages adopting them).
* ``checks``: facts every stage checks (registered company, credit code,
  company age, technology field), and the ``registered_company_rule`` and
  ``credit_code_rule`` built on them.
* ``torch_2018``: the four 毕业企业 conditions of 国科发区〔2018〕300号 第九条, as
  checks, as ``Rule`` objects in an any-of group, and their two thresholds as
  settings (the incubator's graduation and the accelerator's entry).
* ``tech_sme_2017``: 科技型中小企业 (国科发政〔2017〕115号): the size and
  technical-staff conditions, the score and what would raise it.
* ``high_tech_2016``: 高新技术企业 readiness (国科发火〔2016〕32号 第十一条).
* ``sme_tiers_2022``: 创新型中小企业 and 专精特新 (优质中小企业梯度培育): status,
  revenue and growth, readiness.
* ``bands``: a figure's points by the policy's own band edges (含, 以上, 超过).
* ``years``: which year's figures a yearly condition reads, and shares.

Month arithmetic, numbers in 万元 and percentages, and the setting and form
constructors are not policy: they are part of ``core.plugin_api``.
"""
