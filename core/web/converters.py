"""URL converters: ``<stage:...>`` matches only a stage an installed plugin defines.

Whether the carrier in the same URL runs the stage is the tenant pages'
question, answered once by ``core.tenancy.access.stage_enabled`` when the
carrier is loaded; an unknown stage never reaches a view at all (404).
"""

from __future__ import annotations

from flask import current_app
from werkzeug.routing import BaseConverter, ValidationError


class StageConverter(BaseConverter):
    """A stage key of the application's stage registry."""

    regex = r"[a-z][a-z0-9_]{1,31}"

    def to_python(self, value: str) -> str:
        if value not in current_app.extensions["incuchain"].stages:
            raise ValidationError()
        return value
