"""A right's own page: its legal life explained, its annuities and its events.

Served, like the startup pages, on the founders' pages and on a carrier's
(``/t/<slug>/startups/<id>/ip/<ip_id>``); whoever may see the startup reads
it, whoever may edit the startup records payments and events.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from core.extensions import db
from core.ip import operations, queries, value
from core.ip.forms import EventForm, PaymentForm
from core.ip.models import AnnuityPayment, IPEvent
from core.ip.texts import explain, high_value
from core.refusals import Refused
from core.registry.views import Scope, load_scope, serving_both
from core.tenancy.access import tenant_blueprint
from core.timeutil import local_today

bp = Blueprint("ip", __name__)
carrier = tenant_blueprint("carrier", __name__)
bp.register_blueprint(carrier)
both = serving_both(bp, carrier)


def load_right(scope: Scope, ip_id: int):
    right = queries.find(scope.startup.id, ip_id)
    if right is None:
        abort(404)
    return right


def render_right(scope: Scope, asset, *, payment_form=None, event_form=None, status=200):
    today = local_today()
    (right,) = queries.with_life([asset], today)
    years = len(right.life.annuities) and right.life.annuities[-1].year
    if scope.editable:
        payment_form = payment_form or PaymentForm(formdata=None, right=asset, years=years)
        event_form = event_form or EventForm(formdata=None, right=asset)
    return render_template(
        "ip/right.html",
        today=today,
        scope=scope,
        right=right,
        explanation=explain(right.life),
        high_value=high_value(value.categories(right, today)),
        payment_form=payment_form,
        event_form=event_form,
    ), status


def back(scope: Scope, asset):
    return redirect(scope.url("right", blueprint="ip", ip_id=asset.id))


@both("/startups/<int:startup_id>/ip/<int:ip_id>/life")
def right(startup_id: int, ip_id: int):
    scope = load_scope(startup_id)
    return render_right(scope, load_right(scope, ip_id))


@both("/startups/<int:startup_id>/ip/<int:ip_id>/payments", methods=["POST"])
def add_payment(startup_id: int, ip_id: int):
    scope = load_scope(startup_id, edit=True)
    asset = load_right(scope, ip_id)
    (found,) = queries.with_life([asset], local_today())
    years = found.life.annuities[-1].year if found.life.annuities else None
    form = PaymentForm(right=asset, years=years)
    if form.validate_on_submit():
        try:
            operations.record_payment(asset, form.values(), tenant=scope.tenant)
        except Refused as refused:
            form.year.errors.append(refused.message)
        else:
            flash(_("Saved."), "success")
            return back(scope, asset)
    return render_right(scope, asset, payment_form=form)


@both("/startups/<int:startup_id>/ip/<int:ip_id>/events", methods=["POST"])
def add_event(startup_id: int, ip_id: int):
    scope = load_scope(startup_id, edit=True)
    asset = load_right(scope, ip_id)
    form = EventForm(right=asset)
    if form.validate_on_submit():
        operations.record_event(asset, form.values(), tenant=scope.tenant)
        flash(_("Saved."), "success")
        return back(scope, asset)
    return render_right(scope, asset, event_form=form)


#: What a right's page deletes: ``(model, operation)`` by URL segment.
CHILDREN = {
    "payments": (AnnuityPayment, operations.delete_payment),
    "events": (IPEvent, operations.delete_event),
}


@both(
    "/startups/<int:startup_id>/ip/<int:ip_id>/<part>/<int:row_id>/delete",
    methods=["POST"],
)
def delete(startup_id: int, ip_id: int, part: str, row_id: int):
    if part not in CHILDREN:
        abort(404)
    scope = load_scope(startup_id, edit=True)
    asset = load_right(scope, ip_id)
    model, operation = CHILDREN[part]
    row = db.session.scalar(select(model).where(model.id == row_id, model.ip_id == asset.id))
    if row is None:
        abort(404)
    operation(row, tenant=scope.tenant)
    flash(_("Deleted."), "info")
    return back(scope, asset)
