"""What each warning says, in the current language, from its stored parameters.

One place for the words, shared by the warnings list, the in-app
notifications (``templates/macros/notifications.html``) and the emails.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.plugin_api import bilingual

#: A short name for each kind, for headings, filters and the dashboard.
KIND_NAMES = {
    "enrollment.overdue": _l("Past the time limit"),
    "enrollment.due_soon": _l("Near the time limit"),
    "milestone.overdue": _l("Overdue milestones"),
    "figures.missing": _l("Last year’s figures not reported"),
    "high_tech.expiring": _l("高新技术企业 certificate expiring"),
    "tech_sme.not_renewed": _l("科技型中小企业 registration not renewed"),
}

#: Notifications of warnings carry this prefix before the warning's kind.
NOTIFICATION_PREFIX = "warning."


def _pick(params: dict, name: str) -> str:
    return bilingual(get_locale(), params.get(name, ""), params.get(f"{name}_en", ""))


def warning_text(kind: str, params: dict) -> str:
    """The sentence for a warning of ``kind`` (with or without the notification prefix)."""
    kind = kind.removeprefix(NOTIFICATION_PREFIX)
    values = {
        "startup": _pick(params, "startup"),
        "carrier": _pick(params, "carrier"),
        "milestone": _pick(params, "milestone"),
        "day": params.get("day", ""),
        "year": params.get("year", ""),
    }
    if kind == "enrollment.overdue":
        return _("%(startup)s is past its time limit at %(carrier)s (%(day)s).", **values)
    if kind == "enrollment.due_soon":
        return _("%(startup)s reaches its time limit at %(carrier)s on %(day)s.", **values)
    if kind == "milestone.overdue":
        return _(
            "%(startup)s: the milestone “%(milestone)s” was due on %(day)s and is not verified.",
            **values,
        )
    if kind == "figures.missing":
        return _("%(startup)s has not reported its annual figures for %(year)s.", **values)
    if kind == "high_tech.expiring":
        return _("%(startup)s’s 高新技术企业 certificate expires on %(day)s.", **values)
    if kind == "tech_sme.not_renewed":
        return _(
            "%(startup)s was last registered as a 科技型中小企业 in %(year)s "
            "and has not renewed this year.",
            **values,
        )
    return kind
