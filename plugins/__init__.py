"""The plugins that ship with IncuChain: three stages, the recognition ladder, the city's kinds.

``BUILTIN_PLUGINS`` is the explicit list the application registers, in this
order; third-party plugins arrive through the ``incuchain`` entry-point group.
"""

BUILTIN_PLUGINS: tuple[str, ...] = (
    "plugins.makerspace",
    "plugins.incubator",
    "plugins.accelerator",
    "plugins.assessments",
    "plugins.pingdingshan",
)
