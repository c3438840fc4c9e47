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
    "ip.annuity_due": _l("Patent annuity due"),
    "ip.grace": _l("IP right in its grace period"),
    "ip.restoration": _l("Lapsed patent: restoration window open"),
    "ip.term_ending": _l("IP right reaching the end of its term"),
    "ip.renewal_window": _l("Trademark renewal window"),
    "ip.licence_filing": _l("Licence contract to be filed"),
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
        "right": params.get("right", ""),
        "clause": params.get("clause", ""),
        "percent": params.get("percent", ""),
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
    if kind == "ip.annuity_due":
        return _("%(startup)s: the annuity of %(right)s is due on %(day)s (%(clause)s).", **values)
    if kind == "ip.grace":
        return _(
            "%(startup)s: %(right)s is in its grace period until %(day)s; paid today it costs "
            "a surcharge of %(percent)s%% (%(clause)s).",
            **values,
        )
    if kind == "ip.restoration":
        return _(
            "%(startup)s: %(right)s has lapsed; restoration may be requested until %(day)s "
            "(%(clause)s).",
            **values,
        )
    if kind == "ip.term_ending":
        return _("%(startup)s: %(right)s is protected until %(day)s (%(clause)s).", **values)
    if kind == "ip.renewal_window":
        return _(
            "%(startup)s: the trademark %(right)s expires on %(day)s; renew it in its last "
            "twelve months (%(clause)s).",
            **values,
        )
    if kind == "ip.licence_filing":
        return _(
            "%(startup)s: a licence of %(right)s must be filed with CNIPA by %(day)s (%(clause)s).",
            **values,
        )
    return kind
