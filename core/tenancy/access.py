"""Who may see a carrier's pages.

Every page under ``/t/<tenant-slug>/`` goes through ``load_tenant``: an
anonymous visitor is sent to log in, and a user with no role at the carrier
gets 404, exactly as if the carrier did not exist. ``role_required`` then
narrows a page to some roles; a member without one of them gets 403.
The platform admin may open every carrier's pages with a manager's rights.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, g, request
from flask_login import current_user
from sqlalchemy import select

from core.extensions import db, login_manager
from core.plugins import incuchain
from core.tenancy.models import Membership, Role, Tenant


def roles_at(tenant: Tenant, user) -> frozenset[Role]:
    """``user``'s roles at ``tenant``; the platform admin is a manager everywhere."""
    roles = set(
        db.session.scalars(
            select(Membership.role).where(
                Membership.tenant_id == tenant.id, Membership.user_id == user.id
            )
        )
    )
    if user.is_platform_admin:
        roles.add(Role.MANAGER)
    return frozenset(Role(r) for r in roles)


def member_tenant(slug: str, user) -> tuple[Tenant, frozenset[Role]] | None:
    """The carrier and ``user``'s roles there; ``None`` when it is unknown or not theirs."""
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        return None
    roles = roles_at(tenant, user)
    return (tenant, roles) if roles else None


def stage_enabled(tenant: Tenant, stage: str) -> bool:
    """Whether ``tenant`` runs ``stage`` and an installed plugin defines it."""
    return stage in (tenant.enabled_stages or ()) and stage in incuchain().stages


def load_tenant():
    """``before_request`` of the tenant blueprint: sets ``g.tenant`` and ``g.roles``.

    A page of one of the carrier's stages (a ``<stage:stage>`` in its URL)
    is 404 unless the carrier runs that stage.
    """
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    found = member_tenant(g.tenant_slug, current_user)
    if found is None:
        abort(404)
    g.tenant, g.roles = found
    stage = (request.view_args or {}).get("stage")
    if stage is not None and not stage_enabled(g.tenant, stage):
        abort(404)
    return None


def has_role(*roles: Role) -> bool:
    return bool(g.get("roles", frozenset()) & set(roles))


def role_required(*roles: Role):
    """Restrict a tenant page to members holding one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def tenant_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint whose every page lives under ``/t/<tenant-slug>/`` behind ``load_tenant``.

    Views receive no slug argument: the tenant is ``g.tenant``, and
    ``url_for`` fills the slug in from the current request.
    """
    bp = Blueprint(name, import_name, url_prefix="/t/<tenant_slug>")
    bp.before_request(load_tenant)

    @bp.url_value_preprocessor
    def pull_tenant_slug(_endpoint, values):
        g.tenant_slug = values.pop("tenant_slug")

    @bp.url_defaults
    def add_tenant_slug(_endpoint, values):
        if "tenant_slug" not in values and "tenant" in g:
            values["tenant_slug"] = g.tenant.slug

    return bp
