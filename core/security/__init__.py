"""Defences that span the whole application: security headers and abuse limits.

See docs/security.md for the threat model and the tests that prove each one.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    from core.security import headers, limits

    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind N reverse proxies, the client's address (used by the rate
        # limits) and the scheme come from the proxies' X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    headers.init_app(app)
    limits.init_app(app)
