"""The accelerator (加速器) stage plugin: hook implementations only."""

from core.plugin_api import hookimpl

from .stage import STAGE


@hookimpl
def incuchain_stages():
    return [STAGE]
