"""Helpers for URLs: the site's public address, and redirects taken from user input."""

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request


def safe_next(target: str | None, default: str) -> str:
    """``target`` when it is a path on this site, otherwise ``default``.

    Refuses absolute and scheme-relative URLs so a crafted ``next`` parameter
    cannot send a user to another site after logging in.
    """
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


#: The site's address when neither ``PUBLIC_URL`` nor a request says (the command line).
LOCAL_URL = "http://127.0.0.1:5000"


def public_url() -> str:
    """The site's public address, without a trailing slash.

    ``PUBLIC_URL`` when configured; otherwise the address the current request
    came to, or ``LOCAL_URL`` on the command line.
    """
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base
    return request.host_url.rstrip("/") if has_request_context() else LOCAL_URL
