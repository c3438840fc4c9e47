"""The carrier's ladder pages: startups one condition from a rung, and the manual items.

Both pages are for the carrier's managers only; a startup not linked to the
carrier answers 404, as everywhere under ``/t/<slug>/``.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from core import hooks
from core.assessments import forms, operations, service
from core.extensions import db
from core.registry.access import is_linked
from core.registry.models import Startup
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today
from core.web.paging import page_number

bp = tenant_blueprint("assessments", __name__)

PAGE_SIZE = 50


@bp.before_request
def plugin_installed():
    """With no plugin assessing startups (the ladder switched off) these pages do not exist."""
    if not hooks.assessments_enabled():
        abort(404)


@bp.route("/ladder/near")
@role_required(Role.MANAGER)
def near():
    rows = service.one_condition_away(g.tenant.id, local_today())
    return render_template(
        "assessments/near.html", rows=service.RowsPage(rows, page_number(), PAGE_SIZE)
    )


@bp.route("/startups/<int:startup_id>/ladder/<key>", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def manual(startup_id: int, key: str):
    startup = db.session.get(Startup, startup_id)
    if startup is None or not is_linked(startup.id, g.tenant.id):
        abort(404)
    ladder = service.assess_startup(startup, local_today())
    assessment = ladder.get(key) if ladder else None
    if assessment is None or not assessment.manual_items:
        abort(404)
    form = forms.manual_form(assessment, str(get_locale()))
    if form.validate_on_submit():
        if operations.save_manual_scores(
            startup, assessment, forms.entered(form, assessment), g.tenant
        ):
            flash(_("The scores have been saved."), "success")
        back = url_for(
            "registry.carrier.startup", startup_id=startup.id, ladder=key, _anchor=f"ladder-{key}"
        )
        return redirect(back)
    return render_template(
        "assessments/manual.html", startup=startup, assessment=assessment, form=form
    )
