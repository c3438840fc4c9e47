"""The IncuChain plugin contract.

Every hook a plugin may implement is specified here. The docstrings are the
plugin author's reference; ``tests/test_contract.py`` checks that each one
documents every parameter, states its calling convention, and has a test.

Conventions:

* Hook names start with ``incuchain_``. A plural noun names a *collecting*
  hook (results from all plugins are concatenated); a singular noun names a
  *firstresult* hook; a past participle names an event.
* Implementations may accept any subset of the documented parameters, and
  are always called with keyword arguments.
* Implementations are registered with ``core.plugin_api.hookimpl``; a
  misspelt hook name fails at start-up (``PluginManager.check_pending``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

from core.plugin_api import PROJECT_NAME

if TYPE_CHECKING:
    from core.plugin_api import StageSpec

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


# --------------------------------------------------------------------------
# Registration-time hooks: called once while the application is created. Core
# validates the results and freezes them; a violation aborts start-up.
# --------------------------------------------------------------------------


@hookspec
def incuchain_stages() -> list[StageSpec]:
    """Return the stages of the incubation chain that this plugin defines.

    Called once by ``create_app`` to build the stage registry.

    Collecting: results from all plugins are concatenated, then sorted into
    chain order by ``StageSpec.order`` (ties broken by key).

    Core validates the combined list and raises ``PluginContractError``,
    naming the offending plugin, when a key is malformed or used twice, or
    when a ``next`` stage is unknown or the ``next`` links form a cycle.
    The registry is frozen afterwards: stages cannot be added at run time.

    :returns: a list of :class:`core.plugin_api.StageSpec`; an empty list
        when the plugin defines no stage.

    Example::

        @hookimpl
        def incuchain_stages():
            return [StageSpec(key="lab", order=5, name_zh="实验室",
                              name_en="Lab", next=None)]
    """
