"""What the audit log calls actions, objects and fields, per application.

Core's own names are in ``core.audit.texts``. A capability above the audit log
adds the names of its own actions at start-up with ``register`` (the startup
registry names its sections' row actions this way), so the log never imports
the capabilities it records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import Flask, current_app

from core.audit import texts

KEY = "incuchain_audit_labels"


@dataclass
class Labels:
    actions: dict = field(default_factory=lambda: dict(texts.ACTIONS))
    objects: dict = field(default_factory=lambda: dict(texts.OBJECTS))
    fields: dict = field(default_factory=lambda: dict(texts.FIELDS))


def register(
    app: Flask,
    *,
    actions: Mapping | None = None,
    objects: Mapping | None = None,
    fields: Mapping | None = None,
) -> None:
    """Add names (lazy strings) for actions, object types and field keys."""
    labels = app.extensions.setdefault(KEY, Labels())
    labels.actions.update(actions or {})
    labels.objects.update(objects or {})
    labels.fields.update(fields or {})


def current() -> Labels:
    return current_app.extensions.setdefault(KEY, Labels())
