"""Choosing the interface language: the visitor's choice, else the default (zh_CN)."""

from __future__ import annotations

from flask import current_app, has_request_context, request, session


def supported_locales() -> tuple[str, ...]:
    return tuple(current_app.config["BABEL_SUPPORTED_LOCALES"])


def select_locale() -> str:
    """The API answers in the language of ``Accept-Language``; pages in the visitor's choice."""
    if has_request_context() and request.path.startswith("/api/"):
        return request.accept_languages.best_match(
            supported_locales(), default=current_app.config["BABEL_DEFAULT_LOCALE"]
        )
    chosen = session.get("locale")
    if chosen in supported_locales():
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]
