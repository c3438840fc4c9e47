"""The interface language: Flask-Babel with core's catalogue and the plugins', and the choice.

The visitor's choice is kept in the session; the default is zh_CN.
"""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel

from core.config import ROOT


def init_app(app: Flask) -> None:
    """Give the application a Flask-Babel of its own, reading the plugins' catalogues and core's.

    Not one ``Babel`` shared by every application: Flask-Babel caches the
    catalogues it loads on the instance, so applications with different
    plugins (as the tests build them) would all read whichever catalogues
    the first one loaded. Flask-Babel merges the folders in the order given,
    each overriding those before it; core's comes last, so its wording wins
    over a plugin's translation of the same msgid.
    """
    folders = (*app.extensions["incuchain"].translation_dirs, ROOT / "translations")
    Babel(
        app,
        locale_selector=select_locale,
        default_translation_directories=";".join(str(folder) for folder in folders),
    )


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
