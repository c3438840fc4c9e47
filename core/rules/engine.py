"""Evaluating rules and explaining the outcome.

A rule that raises is recorded as failed, with the error logged: a broken
rule must never let a startup through.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from core.plugin_api import Rule, RuleContext, RuleResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """A rule together with its result."""

    rule: Rule
    result: RuleResult

    @property
    def passed(self) -> bool:
        return self.result.passed

    def as_record(self) -> dict:
        """A JSON-ready snapshot, kept with applications and decisions."""
        return {
            "code": self.rule.code,
            "label_zh": self.rule.label_zh,
            "label_en": self.rule.label_en,
            "citation": self.rule.citation,
            "severity": self.rule.severity,
            "group": self.rule.group,
            "field": self.rule.field,
            "passed": self.result.passed,
            "detail_zh": self.result.detail_zh,
            "detail_en": self.result.detail_en,
        }


def evaluate_rule(rule: Rule, context: RuleContext) -> Outcome:
    try:
        result = rule.check(context)
        if not isinstance(result, RuleResult):
            raise TypeError(f"rule {rule.code} returned {type(result).__name__}")
    except Exception as error:  # a plugin's bug must fail closed, never pass
        log.exception("rule %s failed to evaluate", rule.code)
        result = RuleResult(
            False,
            f"规则无法评估:{type(error).__name__}",
            f"The rule could not be evaluated: {type(error).__name__}",
        )
    return Outcome(rule, result)


def evaluate(rules: list[Rule], context: RuleContext) -> list[Outcome]:
    return [evaluate_rule(rule, context) for rule in rules]


@dataclass(frozen=True)
class Verdict:
    """What a set of outcomes means: blocking failures and warnings."""

    outcomes: list[Outcome]

    def _failing(self, severity: str) -> list[Outcome]:
        """Failures of ``severity``: required rules that failed, and groups where none passed."""
        failing = []
        groups: dict[str, list[Outcome]] = {}
        for outcome in self.outcomes:
            if outcome.rule.severity != severity:
                continue
            if outcome.rule.group is None:
                if not outcome.passed:
                    failing.append(outcome)
            else:
                groups.setdefault(outcome.rule.group, []).append(outcome)
        for members in groups.values():
            if not any(o.passed for o in members):
                failing.extend(members)
        return failing

    @property
    def blocking(self) -> list[Outcome]:
        return self._failing("hard")

    @property
    def warnings(self) -> list[Outcome]:
        return self._failing("soft")

    @property
    def passed(self) -> bool:
        return not self.blocking
