"""Building the application's plugin manager.

One ``pluggy.PluginManager`` per application, stored in
``app.extensions["incuchain"]`` together with the frozen stage registry:
never a module global, so two apps (or two tests) never share plugins.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pluggy
from flask import Flask, current_app

from core import contract, hookspecs
from core.plugin_api import PROJECT_NAME, PluginContractError
from core.stages import StageDefaults, StageRegistry, build_stage_registry
from core.vocabulary import Vocabulary, build_vocabulary
from plugins import BUILTIN_PLUGINS

#: Core's own hook implementations, registered before every plugin.
CORE_PLUGINS: tuple[str, ...] = ("core.default_vocabulary",)


@dataclass(frozen=True)
class IncuChain:
    """What ``app.extensions["incuchain"]`` holds."""

    pm: pluggy.PluginManager
    stages: StageRegistry
    vocabulary: Vocabulary
    #: The plugins' catalogue folders (``incuchain_translation_dirs``), checked to exist.
    translation_dirs: tuple[Path, ...]


def build_plugin_manager(
    enabled: list[str] | tuple[str, ...] | None,
    load_entrypoints: bool,
    disabled: list[str] | tuple[str, ...] = (),
    extra: Iterable = (),
) -> pluggy.PluginManager:
    """Create a plugin manager with the built-in and installed plugins.

    ``enabled`` restricts the built-in plugins to the named modules (all of
    them when ``None``) and ``disabled`` leaves the named ones out; naming a
    module that is not built in is an error, so a typo in the configuration
    cannot silently drop a stage or keep a plugin on. ``extra`` plugins
    (modules, objects or dotted module names; the testing kit passes them)
    are registered after the installed ones.
    """
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for name in CORE_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    names = BUILTIN_PLUGINS if enabled is None else tuple(enabled)
    for setting, given in (("INCUCHAIN_PLUGINS", names), ("INCUCHAIN_DISABLED_PLUGINS", disabled)):
        unknown = sorted(set(given) - set(BUILTIN_PLUGINS))
        if unknown:
            raise PluginContractError(f"unknown built-in plugins in {setting}: {unknown}")
    for name in (n for n in names if n not in disabled):
        pm.register(importlib.import_module(name), name=name)
    if load_entrypoints:
        pm.load_setuptools_entrypoints(PROJECT_NAME)
    for plugin in extra:
        if isinstance(plugin, str):
            pm.register(importlib.import_module(plugin), name=plugin)
        else:
            pm.register(plugin, name=getattr(plugin, "__name__", None))
    pm.check_pending()
    return pm


def build(
    enabled: list[str] | tuple[str, ...] | None,
    load_entrypoints: bool,
    disabled: list[str] | tuple[str, ...] = (),
    extra: Iterable = (),
) -> IncuChain:
    """The plugin manager, with core's ``StageDefaults`` last, and the validated registries."""
    pm = build_plugin_manager(enabled, load_entrypoints, disabled, extra)
    stages = build_stage_registry(pm)
    pm.register(StageDefaults(stages), name=StageDefaults.NAME)
    contract.validate(pm, stages)
    return IncuChain(
        pm=pm,
        stages=stages,
        vocabulary=build_vocabulary(pm),
        translation_dirs=contract.translation_dirs(pm),
    )


def init_app(app: Flask) -> None:
    app.extensions["incuchain"] = build(
        app.config["INCUCHAIN_PLUGINS"],
        app.config["INCUCHAIN_LOAD_ENTRYPOINTS"],
        app.config["INCUCHAIN_DISABLED_PLUGINS"],
        app.config.get("INCUCHAIN_EXTRA_PLUGINS", ()),
    )


def incuchain() -> IncuChain:
    """The current application's plugin manager and registries."""
    return current_app.extensions["incuchain"]
