"""A plugin with a misspelt hook name, which must stop the application from starting."""

from core.plugin_api import hookimpl


@hookimpl
def incuchain_stage():
    return []
