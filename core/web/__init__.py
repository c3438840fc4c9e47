"""The web toolkit every page uses: error pages, paging, safe URLs, locale, template helpers.

It sits below every capability and imports none of them.
"""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale
from flask_babel import gettext as _

from core.plugin_api import bilingual, is_english
from core.plugins import incuchain
from core.timeutil import localdate, localtime


def localized(obj) -> str:
    """Any object with a ``name(locale)`` method, named in the current language."""
    return obj.name(str(get_locale()))


def confirming(
    message: str, button: str, *, detail: str = "", by: str = "", **by_value: str
) -> dict[str, str]:
    """The form attributes that make ``static/confirm.js`` ask before sending the form.

    ``detail`` is shown below the question (what is still missing, say); with ``by``,
    the question is the keyword named after the value chosen in the field ``by``
    (``by="decision", admit=…, reject=…``), ``message`` when none matches.
    """
    attributes = {
        "data-confirm": message,
        "data-confirm-button": button,
        "data-confirm-cancel": _("Cancel"),
    }
    if detail:
        attributes["data-confirm-detail"] = detail
    if by:
        attributes["data-confirm-by"] = by
        attributes.update({f"data-confirm-{value}": text for value, text in by_value.items()})
    return attributes


def init_app(app: Flask) -> None:
    from core.web import errors

    errors.init_app(app)
    app.add_template_filter(localized)
    app.add_template_filter(localtime)
    app.add_template_filter(localdate)
    app.add_template_global(confirming)

    @app.context_processor
    def navigation():
        registry = incuchain().stages
        tenant = g.get("tenant")
        return {
            "all_stages": list(registry),
            "tenant_stages": registry.in_order(tenant.enabled_stages) if tenant else [],
            "current_locale": str(get_locale()),
            "english": is_english(get_locale()),
            "bilingual": lambda zh, en: bilingual(get_locale(), zh or "", en or ""),
            "current_path": request.full_path.rstrip("?"),
            "current_stage": (request.view_args or {}).get("stage"),
            "stage_name": lambda key: localized(registry.get(key)) if key in registry else key,
        }
