"""Pages made of parts that several capabilities contribute.

A page belongs to the capability lowest in the layers that can draw it: the
startup page to the registry, the enrollment page to the enrollments. Other
capabilities, higher up, add their part of it (applications, certificates,
the recognition ladder…) as a ``Panel`` when the application starts, so the
page's owner never imports them and a new capability joins a page without
editing it (docs/architecture.md, "Pages made of panels").

A panel's ``load`` receives, as keyword arguments, the parts of the page's
context it names (each page documents what it passes; like a hook
implementation, a loader takes any subset) and returns the panel's data, or
``None`` to leave the panel out for this reader. Its ``template`` is included where the
page shows its panels, with the data as ``panel_data``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

KEY = "incuchain_panels"


@dataclass(frozen=True, kw_only=True)
class Panel:
    #: Unique on its page; also the section's HTML id.
    key: str
    #: Position on the page: lower comes first.
    order: int
    #: The Jinja template drawing the panel from ``panel_data``.
    template: str
    #: ``load(**context) -> data | None``.
    load: Callable[..., Any]

    @property
    def wants(self) -> frozenset[str]:
        """The context names ``load`` takes."""
        return _parameters(self.load)


@functools.cache
def _parameters(load: Callable) -> frozenset[str]:
    return frozenset(inspect.signature(load).parameters)


@dataclass(frozen=True)
class Filled:
    panel: Panel
    data: Any


def add(app: Flask, page: str, panel: Panel) -> None:
    """Add ``panel`` to ``page``; a key used twice on one page is a programming error."""
    panels = app.extensions.setdefault(KEY, {}).setdefault(page, [])
    if any(p.key == panel.key for p in panels):
        raise ValueError(f"page {page!r} already has a panel {panel.key!r}")
    panels.append(panel)
    panels.sort(key=lambda p: (p.order, p.key))


def fill(page: str, **context) -> list[Filled]:
    """Every panel of ``page`` with its data for this reader, in order; empty ones left out."""
    filled = []
    for panel in current_app.extensions.get(KEY, {}).get(page, ()):
        wants = panel.wants
        data = panel.load(**{name: value for name, value in context.items() if name in wants})
        if data is not None:
            filled.append(Filled(panel, data))
    return filled
