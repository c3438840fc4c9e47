"""What every API resource shares: token authentication, the carrier scope, paging."""

from __future__ import annotations

from flask import g, request
from flask_smorest import Blueprint

from core.api import tokens
from core.api.errors import fail
from core.extensions import db
from core.tenancy.access import member_tenant
from core.tenancy.models import Role

PREFIX = "/api/v1"
STAFF = (Role.MANAGER, Role.REVIEWER)


def authenticate():
    """``before_request`` of every API blueprint: the bearer token is the only credential.

    Session cookies are ignored here, which is why the API needs no CSRF
    token: a browser cannot be made to send the ``Authorization`` header.
    The token's user becomes Flask-Login's ``current_user`` for this request.
    """
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    user = tokens.authenticate(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        fail(401)
    g._login_user = user


def api_blueprint(name: str, url_prefix: str, description: str) -> Blueprint:
    bp = Blueprint(name, __name__, url_prefix=PREFIX + url_prefix, description=description)
    bp.before_request(authenticate)
    return bp


def carrier(slug: str, user, *roles: Role):
    """The carrier named by ``?tenant=``, as ``load_tenant`` does for pages.

    Unknown carriers and carriers the user has no role at are 404; a member
    without one of ``roles`` is 403. Sets ``g.tenant`` and ``g.roles``.
    """
    found = member_tenant(slug, user)
    if found is None:
        fail(404)
    g.tenant, g.roles = found
    if roles and not g.roles & set(roles):
        fail(403)
    return g.tenant


def paged(query, args: dict) -> dict:
    """One page of ``query``: two queries (count and rows)."""
    page = db.paginate(query, page=args["page"], per_page=args["per_page"], error_out=False)
    return {
        "items": page.items,
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
    }


def body(schema, *, required: bool = True) -> dict:
    """``@bp.doc(**body(...))``: a JSON request body, a component's name or a schema class.

    Bodies are checked by the pages' forms (``core.api.forms.bind``), not by
    webargs, so they are documented rather than declared as arguments.
    """
    if isinstance(schema, str):
        schema = {"$ref": f"#/components/schemas/{schema}"}
    content = {"application/json": {"schema": schema}}
    return {"requestBody": {"required": required, "content": content}}
