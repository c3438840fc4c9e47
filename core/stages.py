"""The stage registry, and core's own plugin that answers the hooks of declared stages.

A plugin returns its stages from ``incuchain_stages``: a ``Stage`` declares a
whole stage, a bare ``StageSpec`` only names one whose hooks the plugin
writes itself. ``build_stage_registry`` validates and freezes them; then
``StageDefaults``, registered after every other plugin, answers the
stage-keyed hooks for the declared ones (Datasette's "core behaviour as
default plugins"). Its hookimpls are ``trylast``, so any plugin's answer to a
firstresult hook comes before it, and its contributions to a collecting hook
come after the other plugins'.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from types import MappingProxyType

import pluggy

from core.plugin_api import (
    STAGE_KEY_PATTERN,
    TIME_LIMIT_SETTING,
    MilestoneTemplate,
    PluginContractError,
    Stage,
    StageSpec,
    TenantRef,
    hookimpl,
)


class StageRegistry:
    """An immutable, validated view of the stages, in chain order."""

    def __init__(
        self,
        stages: list[StageSpec],
        declared: Mapping[str, Stage] | None = None,
        owners: Mapping[str, str] | None = None,
    ) -> None:
        ordered = sorted(stages, key=lambda s: (s.order, s.key))
        self._stages: tuple[StageSpec, ...] = tuple(ordered)
        self._by_key = MappingProxyType({s.key: s for s in ordered})
        self._declared = MappingProxyType(dict(declared or {}))
        self._owners = MappingProxyType(dict(owners or {}))

    def __iter__(self) -> Iterator[StageSpec]:
        return iter(self._stages)

    def __len__(self) -> int:
        return len(self._stages)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> StageSpec | None:
        return self._by_key.get(key)

    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self._stages)

    def in_order(self, keys) -> list[StageSpec]:
        """The known stages among ``keys``, in chain order; unknown keys are skipped."""
        wanted = set(keys or ())
        return [s for s in self._stages if s.key in wanted]

    def declared(self, key: str | None) -> Stage | None:
        """The ``Stage`` declaring ``key``, or ``None`` for a bare ``StageSpec`` (or no stage)."""
        return self._declared.get(key) if key is not None else None

    def owner(self, key: str) -> str | None:
        """The name of the plugin that defines the stage ``key``."""
        return self._owners.get(key)


def build_stage_registry(pm: pluggy.PluginManager) -> StageRegistry:
    """Collect ``incuchain_stages`` from every plugin, validate, and freeze."""
    owner: dict[str, str] = {}
    stages: list[StageSpec] = []
    declared: dict[str, Stage] = {}
    for impl in pm.hook.incuchain_stages.get_hookimpls():
        plugin_name = impl.plugin_name
        for item in impl.function() or []:
            spec = item.spec if isinstance(item, Stage) else item
            if not isinstance(spec, StageSpec):
                raise PluginContractError(
                    f"plugin {plugin_name!r}: incuchain_stages must return Stage "
                    "or StageSpec objects"
                )
            if not STAGE_KEY_PATTERN.match(spec.key):
                raise PluginContractError(
                    f"plugin {plugin_name!r}: malformed stage key {spec.key!r}"
                )
            if spec.key in owner:
                raise PluginContractError(
                    f"plugin {plugin_name!r}: stage {spec.key!r} "
                    f"is already defined by {owner[spec.key]!r}"
                )
            owner[spec.key] = plugin_name
            stages.append(spec)
            if isinstance(item, Stage):
                declared[spec.key] = item
    by_key = {s.key: s for s in stages}
    for spec in stages:
        if spec.next is not None and spec.next not in by_key:
            raise PluginContractError(
                f"plugin {owner[spec.key]!r}: stage {spec.key!r} is followed by "
                f"unknown stage {spec.next!r}"
            )
    for spec in stages:
        seen = {spec.key}
        step = spec
        while step.next is not None:
            if step.next in seen:
                raise PluginContractError(
                    f"plugin {owner[spec.key]!r}: the stages following {spec.key!r} form a cycle"
                )
            seen.add(step.next)
            step = by_key[step.next]
    return StageRegistry(stages, declared, owner)


def time_limit_of(tenant: TenantRef, spec: StageSpec) -> int | None:
    """The carrier's ``time_limit_months`` for the stage, or the stage's default."""
    return tenant.settings.get(spec.key, {}).get(TIME_LIMIT_SETTING, spec.default_time_limit_months)


def within_time_limit(
    templates: tuple[MilestoneTemplate, ...], limit: int | None
) -> list[MilestoneTemplate]:
    """The templates, any due after ``limit`` months brought forward to it."""
    if limit is None:
        return list(templates)
    return [
        replace(t, due_after_months=limit) if t.due_after_months > limit else t for t in templates
    ]


class StageDefaults:
    """Core's own plugin: the answers of every declared ``Stage``, and every stage's time limit.

    For a stage with a default time limit it declares the ``time_limit_months``
    setting (so the default lives once, in the ``StageSpec``) and answers the
    time limit from the carrier's value; for a declared stage it returns the
    declaration's settings, form, rules, milestones (none due after the time
    limit), rubric, certificate, referral and prefill.
    """

    #: The name it is registered under.
    NAME = "core.stages"

    def __init__(self, registry: StageRegistry) -> None:
        self.registry = registry

    @hookimpl(trylast=True)
    def incuchain_stage_settings(self, stage):
        declared = self.registry.declared(stage)
        if declared is not None:
            return list(declared.setting_specs())
        spec = self.registry.get(stage)
        limit = spec.time_limit_setting() if spec is not None else None
        return [limit] if limit is not None else []

    @hookimpl(trylast=True)
    def incuchain_intake_form(self, stage, tenant):
        declared = self.registry.declared(stage)
        return declared.intake_form(tenant) if declared is not None else None

    @hookimpl(trylast=True)
    def incuchain_intake_rules(self, stage):
        declared = self.registry.declared(stage)
        return list(declared.intake_rules) if declared is not None else []

    @hookimpl(trylast=True)
    def incuchain_graduation_rules(self, stage):
        declared = self.registry.declared(stage)
        return list(declared.graduation_rules) if declared is not None else []

    @hookimpl(trylast=True)
    def incuchain_review_rubric(self, stage):
        declared = self.registry.declared(stage)
        return list(declared.rubric) if declared is not None else []

    @hookimpl(trylast=True)
    def incuchain_milestone_templates(self, stage, tenant):
        declared = self.registry.declared(stage)
        if declared is None:
            return []
        return within_time_limit(declared.milestones, time_limit_of(tenant, declared.spec))

    @hookimpl(trylast=True)
    def incuchain_time_limit_months(self, stage, tenant, startup):
        declared = self.registry.declared(stage)
        if declared is not None and declared.time_limit is not None:
            return declared.time_limit(tenant, startup)
        spec = self.registry.get(stage)
        return time_limit_of(tenant, spec) if spec is not None else None

    @hookimpl(trylast=True)
    def incuchain_certificate_template(self, stage):
        declared = self.registry.declared(stage)
        return declared.certificate if declared is not None else None

    @hookimpl(trylast=True)
    def incuchain_intake_prefill(self, stage, startup, graduations):
        declared = self.registry.declared(stage)
        if declared is None or declared.prefill is None:
            return {}
        return dict(declared.prefill(startup, graduations))

    @hookimpl(trylast=True)
    def incuchain_referral_offers(self, next_stage):
        declared = self.registry.declared(next_stage)
        if declared is None or declared.referral is None:
            return []
        return [declared.referral]
