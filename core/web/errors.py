"""Error pages in the visitor's language; under ``/api/`` the API's JSON errors instead."""

from __future__ import annotations

from flask import Flask, render_template

from core.api import errors as api_errors
from core.extensions import db


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, _render)

    @app.errorhandler(500)
    def server_error(error):
        if api_errors.is_api_request():
            return api_errors.response(error)
        db.session.rollback()
        return render_template("errors/error.html", code=500), 500


def _render(error):
    if api_errors.is_api_request():
        return api_errors.response(error)
    return render_template("errors/error.html", code=error.code), error.code
