"""Recording and removing what happens to a right, each change audited on its startup."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core.audit import service as audit
from core.extensions import db
from core.ip.models import AnnuityPayment, IPEvent
from core.refusals import Refused
from core.registry.models import IPAsset
from core.registry.operations import jsonable

#: The audit log's names of these actions.
ACTIONS = {
    "ip.payment_recorded": _l("IP: annuity payment recorded"),
    "ip.payment_deleted": _l("IP: annuity payment deleted"),
    "ip.event_recorded": _l("IP: event recorded"),
    "ip.event_deleted": _l("IP: event deleted"),
}


def _add(row, action: str, right: IPAsset, values: dict, tenant):
    db.session.add(row)
    audit.record(
        action,
        row,
        tenant=tenant,
        after={"ip_id": right.id, **jsonable(values)},
        startup_id=right.startup_id,
    )
    return row


def _delete(row, action: str, before: dict, tenant) -> None:
    audit.record(
        action,
        row,
        tenant=tenant,
        before={"ip_id": row.ip_id, **before},
        startup_id=row.ip.startup_id,
    )
    db.session.delete(row)


def record_payment(right: IPAsset, values: dict, *, tenant=None) -> AnnuityPayment:
    """``Refused`` when the year's payment is recorded already."""
    taken = db.session.scalar(
        select(AnnuityPayment.id).where(
            AnnuityPayment.ip_id == right.id, AnnuityPayment.year == values["year"]
        )
    )
    if taken is not None:
        raise Refused(_l("The annuity of this year is recorded already; delete it first."))
    payment = AnnuityPayment(ip_id=right.id, **values)
    return _add(payment, "ip.payment_recorded", right, values, tenant)


def delete_payment(payment: AnnuityPayment, *, tenant=None) -> None:
    before = {"year": payment.year, "paid_on": str(payment.paid_on)}
    _delete(payment, "ip.payment_deleted", before, tenant)


def record_event(right: IPAsset, values: dict, *, tenant=None) -> IPEvent:
    return _add(IPEvent(ip_id=right.id, **values), "ip.event_recorded", right, values, tenant)


def delete_event(event: IPEvent, *, tenant=None) -> None:
    before = {"kind": event.kind, "happened_on": str(event.happened_on)}
    _delete(event, "ip.event_deleted", before, tenant)
