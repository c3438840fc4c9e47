"""The policy library shared by the built-in stage plugins; not a plugin itself.

Plugins must not import each other, yet several stages encode the same
clauses: the 毕业企业 conditions of the 2018 incubator rules (国科发区〔2018〕300号
第九条) are the accelerator's entry gate today and the incubator's graduation
rules tomorrow. Such clauses live here as plain functions, parametrised by
their thresholds, that return ``RuleResult`` objects explaining themselves
with the actual figures.

The package defines no hook implementation and is not in ``BUILTIN_PLUGINS``;
like a plugin, it imports nothing from ``core`` but ``core.plugin_api``.

Modules:

* ``dates``: calendar-month arithmetic ("founded no more than 24 months before entry").
* ``numbers``: reading answers as numbers; formatting 万元, counts and percentages.
* ``citations``: the clauses the rules cite, quoted from docs/policy-rules.md.
* ``checks``: facts every stage checks (registered company, credit code, company age),
  and the ``registered_company`` and ``credit_code`` rules built on them.
* ``settings``: ``SettingSpec`` constructors for periods in months, amounts in 万元 and percentages.
* ``forms``: intake-form pieces (checkbox lists, choices, required and number fields).
* ``tech_sme_2017``: the 科技型中小企业 size and staff conditions (国科发政〔2017〕115号).
* ``torch_2018``: incubation time limits and graduation conditions (国科发区〔2018〕300号),
  and their two thresholds as settings.
* ``maker_2017``: a makerspace team's success: a new company or financing (国科火字〔2017〕120号),
  and the enrollment's required milestones verified.
* ``sme_tiers_2022``: 专精特新 status, revenue and two-year growth (优质中小企业梯度培育).
"""
