"""Who may see a carrier's pages.

Every page under ``/t/<tenant-slug>/`` goes through ``load_tenant``: an
anonymous visitor is sent to log in, and a user with no role at the carrier
gets 404, exactly as if the carrier did not exist. ``role_required`` then
narrows a page to some roles; a member without one of them gets 403.
The platform admin may open every carrier's pages with a manager's rights.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, g
from flask_login import current_user
from sqlalchemy import select

from core.extensions import db, login_manager
from core.tenancy.models import Membership, Role, Tenant


def load_tenant():
    """``before_request`` of the tenant blueprint: sets ``g.tenant`` and ``g.roles``."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    tenant = db.session.scalar(select(Tenant).where(Tenant.slug == g.tenant_slug))
    if tenant is None:
        abort(404)
    roles = set(
        db.session.scalars(
            select(Membership.role).where(
                Membership.tenant_id == tenant.id, Membership.user_id == current_user.id
            )
        )
    )
    if current_user.is_platform_admin:
        roles.add(Role.MANAGER)
    if not roles:
        abort(404)
    g.tenant = tenant
    g.roles = frozenset(Role(r) for r in roles)
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
