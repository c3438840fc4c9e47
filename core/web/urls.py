"""Helpers for URLs: the site's public address, and redirects taken from user input."""

from urllib.parse import urlsplit

from flask import current_app


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


#: The site's address when ``PUBLIC_URL`` is empty: where ``make run`` serves.
LOCAL_URL = "http://127.0.0.1:5000"


def public_url() -> str:
    """The site's public address, without a trailing slash: ``PUBLIC_URL``.

    Never the address a request came to: its Host header is chosen by the
    client, and a link built on it (a certificate's QR code, a reset link
    mailed to someone else) would point wherever the client likes.
    """
    return (current_app.config.get("PUBLIC_URL") or LOCAL_URL).rstrip("/")
