"""Checking what plugins answer, at start-up and where core collects it.

``validate`` runs once in ``create_app``, after the stage registry is built:
it calls every stage's request-time hooks with a default ``TenantRef`` (each
setting at its default) and checks the answers, so that a plugin breaking
the contract stops the application from starting, with a
``PluginContractError`` that names the plugin, rather than failing on the
first request. ``core.hooks`` checks the same things where it collects, for
plugins registered later (as tests do).
"""

from __future__ import annotations

import inspect
import os
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pluggy
from flask_wtf import FlaskForm

from core.plugin_api import (
    TIME_LIMIT_SETTING,
    CertificateTemplate,
    MilestoneTemplate,
    PluginContractError,
    ReferralOffer,
    RubricCriterion,
    Rule,
    SettingSpec,
    TenantRef,
)
from core.stages import StageDefaults, StageRegistry

#: Collecting stage hooks core validates: hook, item type, what the key names.
KEYED_HOOKS = (
    ("incuchain_intake_rules", Rule, "rule code"),
    ("incuchain_graduation_rules", Rule, "rule code"),
    ("incuchain_milestone_templates", MilestoneTemplate, "milestone key"),
    ("incuchain_review_rubric", RubricCriterion, "rubric key"),
)
#: The default a setting of each type may have.
SETTING_TYPES = {"int": (int,), "decimal": (int, Decimal)}


def key_of(item) -> str | None:
    return getattr(item, "code", None) or getattr(item, "key", None)


def answers_by_plugin(
    pm: pluggy.PluginManager, registry: StageRegistry | None, hook_name: str, **kwargs
) -> list[tuple[str, object]]:
    """``(plugin name, answer)`` for each implementation, called as pluggy calls them.

    Core's ``StageDefaults`` answers on behalf of the plugin that declared the
    stage, so an error names that plugin.
    """
    found = []
    for impl in reversed(getattr(pm.hook, hook_name).get_hookimpls()):
        if impl.hookwrapper or impl.wrapper:
            continue
        name = impl.plugin_name
        if isinstance(impl.plugin, StageDefaults) and registry is not None:
            name = registry.owner(kwargs.get("stage")) or name
        try:
            answer = impl.function(*(kwargs[arg] for arg in impl.argnames))
        except Exception as error:
            raise PluginContractError(
                f"plugin {name!r}: {hook_name} raised {type(error).__name__}: {error}"
            ) from error
        found.append((name, answer))
    return found


def items_by_plugin(
    pm: pluggy.PluginManager, registry: StageRegistry | None, hook_name: str, **kwargs
) -> list[tuple[str, object]]:
    """``(plugin name, item)`` for every item a collecting hook returns."""
    found = []
    for name, answer in answers_by_plugin(pm, registry, hook_name, **kwargs):
        if not isinstance(answer, list | tuple):
            raise PluginContractError(f"plugin {name!r}: {hook_name} must return a list")
        found.extend((name, item) for item in answer)
    return found


def check_items(
    hook_name: str, stage: str, named: Iterable[tuple[str, object]], kind: type, what: str
) -> None:
    """Each item is a ``kind``; no key is used twice. Errors name the plugins."""
    named = list(named)
    for name, item in named:
        if not isinstance(item, kind):
            raise PluginContractError(
                f"plugin {name!r}: {hook_name} for stage {stage!r} must return "
                f"{kind.__name__} objects, not {type(item).__name__}"
            )
    counts = Counter(key_of(item) for _name, item in named)
    for key in sorted(k for k, n in counts.items() if n > 1):
        by = sorted({name for name, item in named if key_of(item) == key})
        hint = ""
        if key == TIME_LIMIT_SETTING and kind is SettingSpec:
            hint = " (core declares it from StageSpec.default_time_limit_months)"
        raise PluginContractError(
            f"stage {stage!r}: {what} {key!r} is declared twice, by "
            f"{' and '.join(repr(n) for n in by)}{hint}"
        )


def duplicate_error(
    pm: pluggy.PluginManager,
    registry: StageRegistry | None,
    hook_name: str,
    kind: type,
    what: str,
    **kwargs,
) -> None:
    """Raise the error naming the plugins behind a duplicate found while collecting."""
    named = items_by_plugin(pm, registry, hook_name, **kwargs)
    check_items(hook_name, kwargs["stage"], named, kind, what)


def default_tenant(pm: pluggy.PluginManager, registry: StageRegistry) -> TenantRef:
    """A carrier that tuned nothing: every stage's settings at their defaults."""
    settings = {}
    for spec in registry:
        named = items_by_plugin(pm, registry, "incuchain_stage_settings", stage=spec.key)
        check_items("incuchain_stage_settings", spec.key, named, SettingSpec, "setting")
        for name, setting in named:
            if not isinstance(setting.default, SETTING_TYPES.get(setting.type, ())):
                raise PluginContractError(
                    f"plugin {name!r}: setting {setting.key!r} of stage {spec.key!r} needs "
                    f"type 'int' or 'decimal' and a default of that type"
                )
        settings[spec.key] = {setting.key: setting.default for _name, setting in named}
    return TenantRef(
        id=0, slug="default", name_zh="默认载体", name_en="Default carrier", settings=settings
    )


def translation_dirs(pm: pluggy.PluginManager) -> tuple[Path, ...]:
    """The catalogue folders of ``incuchain_translation_dirs``, each checked to exist.

    A relative path is refused rather than guessed at: Flask-Babel would
    resolve it against core's package, not the plugin's.
    """
    folders = []
    for name, item in items_by_plugin(pm, None, "incuchain_translation_dirs"):
        if not isinstance(item, str | os.PathLike):
            raise PluginContractError(
                f"plugin {name!r}: incuchain_translation_dirs must return paths, "
                f"not {type(item).__name__}"
            )
        folder = Path(item)
        if not folder.is_absolute():
            raise PluginContractError(
                f"plugin {name!r}: translation directory {str(folder)!r} is not an absolute path"
            )
        if not folder.is_dir():
            raise PluginContractError(
                f"plugin {name!r}: translation directory {str(folder)!r} does not exist"
            )
        folders.append(folder)
    return tuple(folders)


def validate(pm: pluggy.PluginManager, registry: StageRegistry) -> None:
    """Call every stage's request-time hooks once and check the answers; see the module."""
    tenant = default_tenant(pm, registry)
    for spec in registry:
        stage, owner = spec.key, registry.owner(spec.key)
        for hook_name, kind, what in KEYED_HOOKS:
            named = items_by_plugin(pm, registry, hook_name, stage=stage, tenant=tenant)
            check_items(hook_name, stage, named, kind, what)
            for name, item in named:
                if isinstance(item, Rule) and item.severity not in ("hard", "soft"):
                    raise PluginContractError(
                        f"plugin {name!r}: rule {item.code!r} has severity "
                        f"{item.severity!r}, not 'hard' or 'soft'"
                    )
        form = pm.hook.incuchain_intake_form(stage=stage, tenant=tenant)
        if not (inspect.isclass(form) and issubclass(form, FlaskForm)):
            raise PluginContractError(
                f"plugin {owner!r}: stage {stage!r} has no intake form "
                f"(incuchain_intake_form must return a FlaskForm subclass, not {form!r})"
            )
        template = pm.hook.incuchain_certificate_template(stage=stage, tenant=tenant)
        if template is not None:
            if not isinstance(template, CertificateTemplate):
                raise PluginContractError(
                    f"plugin {owner!r}: the certificate template of stage {stage!r} "
                    "must be a CertificateTemplate"
                )
            if not (template.folder / template.name).is_file():
                raise PluginContractError(
                    f"plugin {owner!r}: the certificate template of stage {stage!r} "
                    f"is missing: {template.folder / template.name}"
                )
        declared = registry.declared(stage)
        if declared is not None and declared.referral is not None:
            referral = declared.referral
            if not isinstance(referral, ReferralOffer) or referral.stage != stage:
                raise PluginContractError(
                    f"plugin {owner!r}: the referral of stage {stage!r} must be a "
                    f"ReferralOffer for {stage!r}"
                )
