"""Defences that span the whole application: security headers and abuse limits.

See docs/security.md for the threat model and the tests that prove each one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from flask_babel import gettext as _
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

#: Always trusted: the machine itself (``make run``, health checks from the host).
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def trusted_hosts(app: Flask) -> list[str]:
    """``TRUSTED_HOSTS`` as set, or ``PUBLIC_URL``'s host and the machine's own names."""
    configured = app.config.get("TRUSTED_HOSTS")
    if configured:
        return list(configured)
    public = urlsplit(app.config.get("PUBLIC_URL") or "").hostname
    return [h for h in (public, *LOCAL_HOSTS) if h]


def init_app(app: Flask) -> None:
    from core.security import headers, limits

    # A request naming another host gets 400 (Flask 3.1 checks it while routing).
    app.config["TRUSTED_HOSTS"] = list(dict.fromkeys(trusted_hosts(app)))
    app.register_error_handler(SecurityError, untrusted_host)

    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind N reverse proxies, the client's address (used by the rate
        # limits) and the scheme come from the proxies' X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    headers.init_app(app)
    limits.init_app(app)


def untrusted_host(_error):
    """400 in plain text: with an untrusted host no URL can be built, so no page is rendered."""
    message = _("This site does not answer for that host name.")
    return message, 400, {"Content-Type": "text/plain; charset=utf-8"}
