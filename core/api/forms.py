"""The pages' WTForms forms, fed with JSON: one set of rules and messages for both.

``bind`` turns a JSON object into the form data a browser would send (a
partial update starts from the object's current values) and validates it
with the very form class the page uses, CSRF aside: the API authenticates by
token, never by cookie. ``input_schema`` describes the same form as an
OpenAPI schema, so the documentation follows the form.
"""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import validators as v

from core import hardening
from core.api.errors import fail, invalid

API_META = {"csrf": False}
#: Form fields that are buttons or tokens, not values.
NOT_VALUES = {"SubmitField", "CSRFTokenField"}
UNKNOWN = _l("Unknown field.")


def json_body(*, optional: bool = False) -> dict:
    """The request's JSON object; 400 when the body is not one (``{}`` if optional and empty).

    A body nested deeper than ``core.hardening.MAX_JSON_DEPTH`` (Python's parser
    would give up at about a thousand levels with a ``RecursionError``) or with
    text that is not text (a lone surrogate such as ``"a\\ud800b"``) is refused
    with 400 and a message saying so.
    """
    if optional and not request.get_data():
        return {}
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        fail(400, hardening.TOO_DEEP)
    if not isinstance(body, dict):
        fail(400)
    body = without_nul(body)
    message = hardening.json_problem(body)
    if message is not None:
        fail(400, message)
    return body


def without_nul(value):
    """Strings without NUL characters, which PostgreSQL refuses (as ``core.web.requests``)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    return value


def refuse_unknown(body: dict, names) -> None:
    """422 for keys of ``body`` that are not among ``names``."""
    unknown = {key: [str(UNKNOWN)] for key in body if key not in names}
    if unknown:
        invalid(unknown)


def value_fields(form) -> list:
    return [f for f in form if f.type not in NOT_VALUES]


def _text(value) -> str | None:
    """A JSON value as a browser would send it: ``null`` is an empty input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "y" if value else None
    return str(value)


def formdata(values: dict) -> MultiDict:
    """A JSON object as form data: lists become repeated values, ``null`` an empty one."""
    items = []
    for key, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            text = _text(item)
            if text is not None:
                items.append((key, text))
    return MultiDict(items)


def current_values(form_class, obj) -> dict:
    """What the page's form would show for ``obj``, as form values."""
    form = form_class(formdata=None, obj=obj, meta=API_META)
    return {f.name: _shown(f) for f in value_fields(form)}


def _shown(field):
    """A field's value as the page would send it back (choice fields have no ``_value``)."""
    if hasattr(field, "_value"):
        return field._value()
    if isinstance(field.data, list | tuple):
        return [str(item) for item in field.data]
    return "" if field.data is None else str(field.data)


def bind(form_class, body: dict, obj=None, setup=None, rename=None, **kwargs):
    """The form filled from ``body`` (over ``obj``'s values) and validated; 422 otherwise.

    Keys that are not fields of the form are refused, so a typo never passes
    silently. ``setup(form)`` runs before validation, as a page may prepare
    its form. ``rename`` maps a form field's name to the key it has in the
    API's body, for error messages.
    """
    names = {f.name for f in value_fields(form_class(formdata=None, meta=API_META, **kwargs))}
    unknown = {key: [str(UNKNOWN)] for key in body if key not in names}
    values = current_values(form_class, obj) if obj is not None else {}
    values.update({k: v for k, v in body.items() if k in names})
    form = form_class(formdata=formdata(values), meta=API_META, **kwargs)
    if setup is not None:
        setup(form)
    valid = form.validate()
    if not valid or unknown:
        errors = {**unknown, **errors_of(form)}
        invalid({rename(k) if rename else k: messages for k, messages in errors.items()})
    return form


def errors_of(form) -> dict:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items() if messages}


# -- the OpenAPI description of a form -------------------------------------------------------

_TYPES = {
    "IntegerField": {"type": "integer"},
    "DecimalField": {"type": "number"},
    "FloatField": {"type": "number"},
    "DateField": {"type": "string", "format": "date"},
    "BooleanField": {"type": "boolean"},
    "EmailField": {"type": "string", "format": "email"},
}


def _property(field) -> dict:
    prop = dict(_TYPES.get(field.type) or _TYPES.get(type(field).__mro__[1].__name__, {}))
    prop.setdefault("type", "string")
    keys = getattr(field, "keys", None)
    if keys is None and hasattr(field, "choices") and field.choices:
        keys = [choice[0] for choice in field.iter_choices()]
    for validator in field.validators:
        if isinstance(validator, v.AnyOf):
            keys = list(validator.values)
        elif isinstance(validator, v.Length) and validator.max > 0:
            prop["maxLength"] = validator.max
        elif isinstance(validator, v.NumberRange):
            if validator.min is not None:
                prop["minimum"] = validator.min
            if validator.max is not None:
                prop["maximum"] = validator.max
    if keys:
        prop["enum"] = sorted(str(k) for k in keys)
    if field.label and field.label.text:
        prop["description"] = str(field.label.text)
    if not is_required(field):
        prop["nullable"] = True
    return prop


def is_required(field) -> bool:
    return any(isinstance(x, v.DataRequired | v.InputRequired) for x in field.validators)


def input_schema(form_class, *, partial: bool = False, **kwargs) -> dict:
    """The JSON object ``bind`` accepts for ``form_class``, as an OpenAPI 3.0 schema."""
    form = form_class(formdata=None, meta=API_META, **kwargs)
    fields = value_fields(form)
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: _property(f) for f in fields},
    }
    required = [f.name for f in fields if is_required(f)]
    if required and not partial:
        schema["required"] = required
    return schema
