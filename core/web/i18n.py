"""Choosing the interface language: the visitor's choice, else the default (zh_CN)."""

from __future__ import annotations

from flask import current_app, session


def supported_locales() -> tuple[str, ...]:
    return tuple(current_app.config["BABEL_SUPPORTED_LOCALES"])


def select_locale() -> str:
    chosen = session.get("locale")
    if chosen in supported_locales():
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]
