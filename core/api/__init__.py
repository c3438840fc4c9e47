"""The JSON API under ``/api/v1``: personal access tokens, resources, OpenAPI document.

The resources call the same services and validate with the same forms as
the pages; see docs/api.md.
"""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from core.api import errors

DOCS = {
    "API_TITLE": "IncuChain API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    # Served from static/, never from a CDN (the machines may be offline).
    "OPENAPI_SWAGGER_UI_URL": "/static/vendor/swagger-ui/",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "Send a personal access token (My account → API tokens) as "
                "`Authorization: Bearer <token>`; it acts with its user's roles. "
                "`Accept-Language: zh-CN` or `en` picks the language of messages. "
                "Errors are `{code, status, message, errors}`; 422 lists the "
                "messages per field. `?tenant=<slug>` acts as that carrier's "
                "manager or reviewer. See docs/api.md."
            )
        },
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal access token from the account's API tokens page.",
                }
            }
        },
    },
}


class IncuChainApi(Api):
    def _register_error_handlers(self):
        """JSON errors under ``/api/`` only; the pages keep their own error pages."""
        self._app.register_error_handler(HTTPException, errors.handle)


def init_app(app: Flask) -> None:
    from core.api import account_views, applications, catalog, enrollments, startups, verify
    from core.extensions import csrf
    from core.web.errors import respond_under

    for key, value in DOCS.items():
        app.config.setdefault(key, value)
    app.register_blueprint(account_views.bp)
    api = IncuChainApi(app)
    modules = (catalog, startups, applications, enrollments, verify)
    # Request bodies are described from the forms, in English.
    with app.test_request_context("/api/v1/", headers={"Accept-Language": "en"}):
        for module in modules:
            if hasattr(module, "register_inputs"):
                module.register_inputs(api.spec)
    for module in modules:
        for bp in module.blueprints():
            csrf.exempt(bp)
            api.register_blueprint(bp)
    app.extensions["incuchain_api"] = api
    from core.api import tokens
    from core.auth import operations as accounts

    # A password change or reset, or a deactivation, revokes the user's tokens.
    accounts.on_access_ended(app, tokens.revoke_all)
    respond_under(app, errors.PREFIX, errors.response)
