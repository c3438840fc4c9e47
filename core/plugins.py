"""Building the application's plugin manager.

One ``pluggy.PluginManager`` per application, stored in
``app.extensions["incuchain"]`` together with the frozen stage registry:
never a module global, so two apps (or two tests) never share plugins.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import pluggy
from flask import Flask, current_app

from core import hookspecs
from core.plugin_api import PROJECT_NAME, PluginContractError
from core.stages import StageRegistry, build_stage_registry
from plugins import BUILTIN_PLUGINS


@dataclass(frozen=True)
class IncuChain:
    """What ``app.extensions["incuchain"]`` holds."""

    pm: pluggy.PluginManager
    stages: StageRegistry


def build_plugin_manager(
    enabled: list[str] | tuple[str, ...] | None,
    load_entrypoints: bool,
    disabled: list[str] | tuple[str, ...] = (),
) -> pluggy.PluginManager:
    """Create a plugin manager with the built-in and installed plugins.

    ``enabled`` restricts the built-in plugins to the named modules (all of
    them when ``None``) and ``disabled`` leaves the named ones out; naming a
    module that is not built in is an error, so a typo in the configuration
    cannot silently drop a stage or keep a plugin on.
    """
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    names = BUILTIN_PLUGINS if enabled is None else tuple(enabled)
    for setting, given in (("INCUCHAIN_PLUGINS", names), ("INCUCHAIN_DISABLED_PLUGINS", disabled)):
        unknown = sorted(set(given) - set(BUILTIN_PLUGINS))
        if unknown:
            raise PluginContractError(f"unknown built-in plugins in {setting}: {unknown}")
    for name in (n for n in names if n not in disabled):
        pm.register(importlib.import_module(name), name=name)
    if load_entrypoints:
        pm.load_setuptools_entrypoints(PROJECT_NAME)
    pm.check_pending()
    return pm


def init_app(app: Flask) -> None:
    pm = build_plugin_manager(
        app.config["INCUCHAIN_PLUGINS"],
        app.config["INCUCHAIN_LOAD_ENTRYPOINTS"],
        app.config["INCUCHAIN_DISABLED_PLUGINS"],
    )
    app.extensions["incuchain"] = IncuChain(pm=pm, stages=build_stage_registry(pm))


def incuchain() -> IncuChain:
    """The current application's plugin manager and registries."""
    return current_app.extensions["incuchain"]
