"""Error pages in the visitor's language.

A capability that answers in another format under a path of its own (the
JSON API under ``/api/``) registers its responder with ``respond_under``;
this module knows nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, render_template, request
from werkzeug.exceptions import Conflict, Forbidden, HTTPException, InternalServerError

from core import unit_of_work
from core.refusals import NotPermitted, OperationError, Refused

#: ``app.extensions`` key: ``[(path prefix, responder)]``.
RESPONDERS = "incuchain_error_responders"


def respond_under(app: Flask, prefix: str, responder: Callable[[HTTPException], object]) -> None:
    """Answer errors for paths starting with ``prefix`` with ``responder(error)``."""
    app.extensions.setdefault(RESPONDERS, []).append((prefix, responder))


def _responder():
    for prefix, responder in current_app.extensions.get(RESPONDERS, ()):
        if request.path.startswith(prefix):
            return responder
    return None


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, _render)
    # An operation refused and not handled by its caller: 403 when the actor's
    # role does not allow it, 409 when the object's state does not; the
    # refusal's message is the answer's.
    app.register_error_handler(NotPermitted, lambda error: _render(_http(Forbidden, error)))
    app.register_error_handler(Refused, lambda error: _render(_http(Conflict, error)))

    @app.errorhandler(500)
    def server_error(error):
        responder = _responder()
        if responder is not None:
            return responder(error if isinstance(error, HTTPException) else InternalServerError())
        unit_of_work.rollback()
        return render_template("errors/error.html", code=500), 500


def _http(kind: type[HTTPException], refusal: OperationError) -> HTTPException:
    error = kind()
    if refusal.message:
        error.data = {"message": refusal.message}
    return error


def _render(error):
    responder = _responder()
    if responder is not None:
        return responder(error)
    message = (getattr(error, "data", None) or {}).get("message")
    return render_template("errors/error.html", code=error.code, message=message), error.code
