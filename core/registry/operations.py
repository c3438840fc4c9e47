"""Changing a startup's record, each change with its audit event in the same transaction.

``tenant`` is the carrier on whose pages a manager made the change, or
``None`` for the founders' own pages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from core import unit_of_work
from core.audit import service as audit
from core.extensions import db
from core.invitations import operations as invitations
from core.invitations.kinds import Kind
from core.plugin_api import bilingual
from core.refusals import NotPermitted, Refused
from core.registry import credit_code
from core.registry.access import access_to
from core.registry.models import CarrierLink, LinkState, Startup
from core.registry.sections import Section

CODE_TAKEN = _l("Another startup already uses this credit code.")


def jsonable(values: dict) -> dict:
    """Dates and amounts as text, so that the audit log's JSON can hold them."""
    return {
        k: v.isoformat() if isinstance(v, date) else str(v) if isinstance(v, Decimal) else v
        for k, v in values.items()
    }


def credit_code_taken(code: str | None, startup_id: int | None = None) -> bool:
    """Whether another startup already has ``code``."""
    if not code:
        return False
    query = select(Startup.id).where(Startup.credit_code == code)
    if startup_id is not None:
        query = query.where(Startup.id != startup_id)
    return db.session.scalar(query.limit(1)) is not None


def override_for(values: dict, reason: str | None, current: Startup | None) -> str:
    """The stored exception for the code in ``values``.

    None is needed when the code passes the check (or there is none). A
    manager's ``reason`` replaces any earlier one; without a form field for it
    (a founder's edit) an earlier exception stands for the same code.
    """
    code = values.get("credit_code")
    if not code or credit_code.check(code).valid:
        return ""
    if reason is not None:
        return reason
    if current is not None and current.credit_code == code:
        return current.credit_code_override
    return ""


def create_startup(values: dict, founder) -> Startup:
    """A new startup whose first founder is ``founder``."""
    startup = Startup(**values, founders=[founder])
    startup.credit_code_override = override_for(values, None, None)
    db.session.add(startup)
    db.session.flush()
    audit.record(
        "startup.created", startup, after=jsonable(values), actor=founder, startup_id=startup.id
    )
    return startup


def update_startup(
    startup: Startup, values: dict, *, reason: str | None = None, tenant=None
) -> Startup:
    """Apply the profile ``values``; ``reason`` is a manager's credit-code exception."""
    values = {**values, "credit_code_override": override_for(values, reason, startup)}
    before, after = audit.changes({k: getattr(startup, k) for k in values}, values)
    if not after:
        return startup
    for key, value in after.items():
        setattr(startup, key, value)
    audit.record(
        "startup.updated",
        startup,
        tenant=tenant,
        before=jsonable(before),
        after=jsonable(after),
        startup_id=startup.id,
    )
    if after.get("credit_code_override"):
        audit.record(
            "startup.credit_code_exception",
            startup,
            tenant=tenant,
            after={"credit_code": startup.credit_code, "reason": startup.credit_code_override},
            startup_id=startup.id,
        )
    return startup


def add_row(section: Section, startup: Startup, values: dict, *, tenant=None):
    row = section.model(startup_id=startup.id, **values)
    db.session.add(row)
    audit.record(
        f"{section.key}.created",
        row,
        tenant=tenant,
        after={"startup_id": startup.id, **jsonable(values)},
    )
    return row


def update_row(section: Section, row, values: dict, *, tenant=None):
    before, after = audit.changes(section.snapshot(row), values)
    if not after:
        return row
    for key, value in after.items():
        setattr(row, key, value)
    audit.record(
        f"{section.key}.updated",
        row,
        tenant=tenant,
        before={"startup_id": row.startup_id, **jsonable(before)},
        after=jsonable(after),
    )
    return row


def delete_row(section: Section, row, *, tenant=None) -> None:
    audit.record(
        f"{section.key}.deleted",
        row,
        tenant=tenant,
        before={"startup_id": row.startup_id, **jsonable(section.snapshot(row))},
    )
    db.session.delete(row)


def add_founder(startup: Startup, user, *, tenant=None, actor=None) -> bool:
    """Link ``user`` to ``startup`` as a founder; ``False`` when they are one already.

    People become founders by accepting an invitation (``invite_founder``); no
    account is ever created here.
    """
    if user in startup.founders:
        return False
    startup.founders.append(user)
    audit.record(
        "startup.founder_added",
        startup,
        tenant=tenant,
        after={"founder": user.email},
        actor=actor,
        startup_id=startup.id,
    )
    return True


#: The invitation kind of a startup's founder.
FOUNDER = "founder"


def may_change_founders(user, startup: Startup) -> bool:
    """Who owns a startup is its founders' decision, and the platform admin's; never a carrier's.

    Carrier staff edit the shared record but neither invite nor remove founders.
    """
    return bool(user.is_platform_admin) or user in startup.founders


def may_invite_first_founder(user, startup: Startup, tenant) -> bool:
    """A startup without founders (a carrier imported it) gets its first from the carrier.

    A manager of a carrier the startup is linked to, on that carrier's pages,
    may invite the first founder; once it has one, its founders alone decide
    again (``may_change_founders``).
    """
    return (
        tenant is not None
        and not startup.founders
        and access_to(user, startup.id).can_edit_at(tenant.id)
    )


def invite_founder(startup: Startup, email: str, *, actor, locale: str, tenant=None):
    """Invite a co-founder, or (``tenant``: a carrier's pages) a startup's first founder."""
    if not (
        may_change_founders(actor, startup) or may_invite_first_founder(actor, startup, tenant)
    ):
        raise NotPermitted()
    return invitations.invite(FOUNDER, startup.id, email, actor=actor, locale=locale, tenant=tenant)


def founder_kind() -> Kind:
    def describe(invitation) -> str:
        startup = db.session.get(Startup, invitation.target_id)
        name = bilingual(str(get_locale()), startup.name_zh, startup.name_en)
        return _("a founder of %(startup)s", startup=name)

    def holds(invitation, user) -> bool:
        return user in db.session.get(Startup, invitation.target_id).founders

    def grant(invitation, user) -> None:
        startup = db.session.get(Startup, invitation.target_id)
        inviter = invitation.invited_by
        # A carrier's invitation of a first founder grants nothing once the startup has one.
        if startup.founders and (inviter is None or not may_change_founders(inviter, startup)):
            raise Refused(
                _(
                    "%(startup)s has founders now: only they can invite you.",
                    startup=bilingual(str(get_locale()), startup.name_zh, startup.name_en),
                )
            )
        add_founder(startup, user, actor=user)

    def place(invitation) -> str:
        return url_for("registry.startup", startup_id=invitation.target_id)

    return Kind(key=FOUNDER, describe=describe, holds=holds, grant=grant, place=place)


def remove_founder(startup: Startup, user, *, actor, tenant=None) -> None:
    """Unlink a founder: only the founders and the platform admin may.

    ``NotPermitted`` for anyone else (a carrier's staff among them);
    ``Refused`` for the last founder, so a startup always has someone to act.
    """
    if not may_change_founders(actor, startup):
        raise NotPermitted()
    if user not in startup.founders:
        raise Refused(_l("%(name)s is not a founder of this startup.", name=user.name))
    if len(startup.founders) == 1:
        raise Refused(
            _l(
                "%(name)s is the startup’s last founder and cannot be removed: "
                "invite another founder first.",
                name=user.name,
            )
        )
    startup.founders.remove(user)
    audit.record(
        "startup.founder_removed",
        startup,
        tenant=tenant,
        before={"founder": user.email},
        actor=actor,
        startup_id=startup.id,
    )


def store(change, field, message):
    """Run ``change()`` and flush; return its result, or ``None`` with a field error.

    A unique value (credit code, figures' year) checked beforehand can still
    be lost to a concurrent save; the database's unique index then answers,
    and that becomes the same field error, with nothing of the change kept.
    With no ``field`` the error stands.
    """
    try:
        with unit_of_work.savepoint():
            result = change()
            db.session.flush()
    except IntegrityError:
        if field is None:
            raise
        field.errors.append(message)
        return None
    return result


def save_profile(form, startup: Startup | None, tenant, actor):
    """Create or update from a validated profile form.

    ``None`` with the error on the credit-code field when the code is taken.
    """
    values = form.values()
    if credit_code_taken(values["credit_code"], startup.id if startup else None):
        form.credit_code.errors.append(CODE_TAKEN)
        return None
    if startup is None:
        change = partial(create_startup, values, actor)
    else:
        reason = form.credit_code_override.data if "credit_code_override" in form else None
        change = partial(update_startup, startup, values, reason=reason, tenant=tenant)
    return store(change, form.credit_code, CODE_TAKEN)


def save_row(section: Section, startup: Startup, form, row=None, *, tenant=None):
    """Add or update one row of a section from a validated form.

    ``None`` with the error on the section's unique field when it clashes.
    """
    values = form.values()
    if section.clashes(startup.id, values, row.id if row else None):
        form[section.unique].errors.append(section.unique_message)
        return None
    if row is None:
        change = partial(add_row, section, startup, values, tenant=tenant)
    else:
        change = partial(update_row, section, row, values, tenant=tenant)
    unique_field = form[section.unique] if section.unique else None
    return store(change, unique_field, section.unique_message)


def link(startup_ids, tenant_id: int, state: str = LinkState.APPLIED) -> None:
    """Open the startups' links to the carrier (``CarrierLink``) in ``state``.

    Called with ``APPLIED`` when an application is submitted (a closed link
    opens again; an enrolled one stays enrolled) and with ``ENROLLED`` when a
    startup is enrolled. Three statements for any number of startups.
    """
    ids = set(startup_ids)
    if not ids:
        return
    linked = set(
        db.session.scalars(
            select(CarrierLink.startup_id).where(
                CarrierLink.tenant_id == tenant_id, CarrierLink.startup_id.in_(ids)
            )
        )
    )
    new = [{"startup_id": i, "tenant_id": tenant_id, "state": state} for i in sorted(ids - linked)]
    if new:
        # A plain multi-row insert: no objects to track, no RETURNING per batch.
        db.session.execute(insert(CarrierLink.__table__), new)
    if linked:
        change = update(CarrierLink).where(
            CarrierLink.tenant_id == tenant_id,
            CarrierLink.startup_id.in_(linked),
            CarrierLink.state != state,
        )
        if state == LinkState.APPLIED:
            change = change.where(CarrierLink.state == LinkState.CLOSED)
        db.session.execute(change.values(state=state).execution_options(synchronize_session=False))


def close(startup_id: int, tenant_id: int) -> None:
    """The carrier sees the record no more: its last pending application was rejected.

    Only a link in ``APPLIED`` closes; a startup enrolled there stays visible.
    The caller checks that no other application of the startup is pending there.
    """
    db.session.execute(
        update(CarrierLink)
        .where(
            CarrierLink.startup_id == startup_id,
            CarrierLink.tenant_id == tenant_id,
            CarrierLink.state == LinkState.APPLIED,
        )
        .values(state=LinkState.CLOSED)
        .execution_options(synchronize_session=False)
    )
