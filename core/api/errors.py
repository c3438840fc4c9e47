"""The API's errors: JSON of one shape, in the caller's language.

Every error answers ``{"code", "status", "message", "errors"}`` (the shape
flask-smorest documents as ``Error``): ``code`` the HTTP status, ``status``
its name, ``message`` a sentence in zh or en, and ``errors`` for 422 the
messages per field, ``{"field": ["…"]}``.
"""

from __future__ import annotations

from flask import jsonify, make_response, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from core import unit_of_work

PREFIX = "/api/"

MESSAGES = {
    400: _l("The request is not valid JSON, or not a JSON object."),
    401: _l("Send a valid API token: Authorization: Bearer <token>."),
    403: _l("Your roles do not allow this."),
    404: _l("Not found."),
    405: _l("This method is not allowed here."),
    409: _l("This cannot be done in the object's current state."),
    413: _l("The request is too large."),
    422: _l("Some values are not valid; see errors."),
    500: _l("Something went wrong on our side."),
}


def is_api_request() -> bool:
    return request.path.startswith(PREFIX)


class ApiError(HTTPException):
    """An error with an explicit message and per-field errors."""

    def __init__(self, code: int, message=None, errors: dict | None = None):
        self.code = code
        super().__init__()
        self.data = {"message": message, "errors": errors or {}}


def fail(code: int, message=None, errors: dict | None = None):
    raise ApiError(code, message, errors)


def error_response(code: int, message=None, errors: dict | None = None):
    """The error as a response to return, for an answer whose changes must still commit.

    ``fail`` raises, and a raising view commits nothing (``core.unit_of_work``).
    """
    body, status, headers = response(ApiError(code, message, errors))
    return make_response(jsonify(body), status, headers)


def invalid(errors: dict):
    """422 with ``{field: [messages]}``."""
    fail(422, errors=errors)


def _texts(value):
    """Lazy strings and nested messages as plain JSON, in the request's language."""
    if isinstance(value, dict):
        return {str(k): _texts(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_texts(v) for v in value]
    return str(value)


def _flatten(messages: dict) -> dict:
    """webargs nests messages by location (``{"query": {...}}``); fields are unique anyway."""
    flat = {}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            flat.update(fields)
        else:
            flat[location] = fields
    return flat


def response(error: HTTPException):
    """The JSON body and status for any HTTP error."""
    if not isinstance(error, HTTPException):
        error = InternalServerError()
    if error.code >= 500:
        unit_of_work.rollback()
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or {}
    if not errors and "messages" in data:
        errors = _flatten(data["messages"])
    message = data.get("message") or MESSAGES.get(error.code) or error.name
    body = {
        "code": error.code,
        "status": error.name,
        "message": str(message),
        "errors": _texts(errors),
    }
    headers = dict(data.get("headers") or {})
    if error.code == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="incuchain"'
    return body, error.code, headers


def handle(error: HTTPException):
    """App-wide handler for HTTP errors: JSON under ``/api/``, Flask's default elsewhere."""
    if is_api_request():
        return response(error)
    return error
