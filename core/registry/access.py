"""Who may see and change a startup's record.

- Its **founders** see it and edit all of it, on the founders' pages
  (``/startups/<id>``).
- A carrier's **managers** see a startup whose link to that carrier is open
  (``CarrierLink``, ``LinkState.OPEN``): it is enrolled there, or an
  application is under review there. After its applications there were
  rejected (a closed link) the carrier keeps its own applications and
  decisions (``core.applications``) and nothing of the record. Managers edit
  it on the carrier's pages (``/t/<slug>/startups/<id>``), where the change
  is recorded against the carrier.
- A carrier's **reviewers** read only the startups of the applications
  assigned to them there (``register_assignments``: the applications hand
  the assignments down), while the link is open; nothing else.
- The **platform admin** may do everything.

Anyone else gets 404, exactly as if the startup did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, abort, current_app
from sqlalchemy import exists, false, or_, select
from sqlalchemy.sql import Select

from core.extensions import db
from core.registry.models import CarrierLink, LinkState, Startup, startup_founders
from core.tenancy.models import Membership, Role

#: The roles that give a carrier's members sight of its startups.
STAFF_ROLES = (Role.MANAGER, Role.REVIEWER)


ASSIGNMENTS = "incuchain_reviewer_assignments"


def register_assignments(app: Flask, assigned: Callable[[int, int], Select]) -> None:
    """Hand down which carriers a reviewer reviews a startup for.

    ``assigned(user_id, startup_id)`` is a ``select`` of the carriers' ids where
    the user is assigned to one of the startup's applications; the
    applications register it, the registry being below them.
    """
    app.extensions[ASSIGNMENTS] = assigned


def _assigned_tenant_ids(user_id: int, startup_id: int):
    assigned = current_app.extensions.get(ASSIGNMENTS)
    return (
        assigned(user_id, startup_id) if assigned else select(CarrierLink.tenant_id).where(false())
    )


def linked_startup_ids(tenant_id: int):
    """Ids of the startups whose link to a carrier is open, as a selectable for ``IN (...)``."""
    return select(CarrierLink.startup_id).where(
        CarrierLink.tenant_id == tenant_id, CarrierLink.state.in_(LinkState.OPEN)
    )


def _linked_tenant_ids(startup_id: int):
    return select(CarrierLink.tenant_id).where(
        CarrierLink.startup_id == startup_id, CarrierLink.state.in_(LinkState.OPEN)
    )


def startup_tenant_ids(startup_id: int) -> set[int]:
    """The carriers that see a startup's record (enrolled there, or an application pending)."""
    return set(db.session.scalars(_linked_tenant_ids(startup_id)))


def is_linked(startup_id: int, tenant_id: int) -> bool:
    return tenant_id in startup_tenant_ids(startup_id)


def founded_by(user_id: int) -> Select:
    """The startups ``user_id`` founded, as a ``select(Startup)``."""
    return (
        select(Startup)
        .join(startup_founders, startup_founders.c.startup_id == Startup.id)
        .where(startup_founders.c.user_id == user_id)
    )


@dataclass(frozen=True)
class StartupAccess:
    """What one user may do with one startup; built by ``access_to``."""

    founder: bool = False
    admin: bool = False
    #: The user's roles at the carriers that see the startup: manager, and reviewer
    #: where assigned to one of its applications.
    roles: dict[int, frozenset[Role]] = field(default_factory=dict)

    @property
    def can_view(self) -> bool:
        return self.founder or self.admin or bool(self.roles)

    @property
    def can_edit(self) -> bool:
        """Anywhere: as a founder, the admin, or a manager of a linked carrier."""
        return self.founder or self.admin or any(Role.MANAGER in r for r in self.roles.values())

    def can_edit_at(self, tenant_id: int | None) -> bool:
        """On the founders' pages (``None``) or on one carrier's pages."""
        if self.admin:
            return True
        if tenant_id is None:
            return self.founder
        return Role.MANAGER in self.roles.get(tenant_id, ())

    def can_open_enrollment(self, tenant_id: int) -> bool:
        return self.founder or self.admin or tenant_id in self.roles


def access_to(user, startup_id: int) -> StartupAccess:
    """``user``'s access to the startup; two queries whatever the number of carriers."""
    if not user or not user.is_authenticated:
        return StartupAccess()
    founder = db.session.scalar(
        select(
            exists().where(
                startup_founders.c.startup_id == startup_id,
                startup_founders.c.user_id == user.id,
            )
        )
    )
    roles: dict[int, set[Role]] = {}
    rows = db.session.execute(
        select(Membership.tenant_id, Membership.role).where(
            Membership.user_id == user.id,
            Membership.role.in_(STAFF_ROLES),
            Membership.tenant_id.in_(_linked_tenant_ids(startup_id)),
            or_(
                Membership.role == Role.MANAGER,
                Membership.tenant_id.in_(_assigned_tenant_ids(user.id, startup_id)),
            ),
        )
    )
    for tenant_id, role in rows:
        roles.setdefault(tenant_id, set()).add(Role(role))
    return StartupAccess(
        founder=bool(founder),
        admin=bool(user.is_platform_admin),
        roles={t: frozenset(r) for t, r in roles.items()},
    )


def can_view(user, startup: Startup) -> bool:
    return access_to(user, startup.id).can_view


def can_edit(user, startup: Startup) -> bool:
    """Founders, managers of a linked carrier and the admin; reviewers only read."""
    return access_to(user, startup.id).can_edit


def reader(user, startup_id: int, tenant, roles, *, edit: bool = False):
    """The startup, ``user``'s access and whether they may edit it, as the pages decide.

    ``tenant`` is the carrier whose pages (or API scope) the user acts on, with
    their ``roles`` there, or ``None`` for the founders' own pages. On a
    carrier's pages only its managers and reviewers may look (others get 403)
    and only at startups linked to it (others 404). Elsewhere a startup the
    user may not see is 404. A reader who may look but not edit gets 403 when
    ``edit`` is asked for. Returns ``(startup, access, editable)``.
    """
    if tenant is not None and not set(roles) & set(STAFF_ROLES):
        abort(403)
    startup = db.session.get(Startup, startup_id)
    if startup is None:
        abort(404)
    access = access_to(user, startup.id)
    if tenant is None:
        if not access.can_view:
            abort(404)
        editable = access.can_edit_at(None)
    else:
        if not is_linked(startup.id, tenant.id):
            abort(404)
        if Role.MANAGER not in roles and tenant.id not in access.roles:
            abort(404)  # a reviewer not assigned to this startup
        editable = Role.MANAGER in roles
    if edit and not editable:
        abort(403)
    return startup, access, editable
