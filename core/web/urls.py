"""Helpers for URLs taken from user input."""

from urllib.parse import urlsplit


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
