"""The public API for plugin authors.

A plugin imports from this module only: the ``hookimpl`` marker and the
frozen contract types it returns from its hooks. Everything else in ``core``
is private to the application and may change without notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pluggy

PROJECT_NAME = "incuchain"

#: Decorate a plugin's hook implementations with this marker.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)

STAGE_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


class PluginContractError(Exception):
    """A plugin broke the contract; raised at start-up, naming the plugin."""


@dataclass(frozen=True, kw_only=True)
class StageSpec:
    """One stage of the incubation chain, as a plugin declares it."""

    #: Stable identifier used in URLs and data, e.g. ``"ideas"``: lower case
    #: letters, digits and underscores, starting with a letter.
    key: str
    #: Position in the chain; lower comes first. Ties are broken by key.
    order: int
    #: Display name in Chinese.
    name_zh: str
    #: Display name in English.
    name_en: str
    #: Key of the stage a graduate moves on to, or ``None`` at the end of the chain.
    next: str | None = None
    #: Default incubation time limit in months, or ``None`` when the stage has none.
    default_time_limit_months: int | None = None
    #: The policy clause the time limit comes from, shown next to it.
    time_limit_citation: str = ""

    def name(self, locale: str) -> str:
        """The stage's name in ``locale`` (Chinese unless the locale is English)."""
        return self.name_en if locale.startswith("en") else self.name_zh
