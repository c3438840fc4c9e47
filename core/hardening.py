"""Hardening the forms plugins return: hostile input is refused next to its field.

A plugin's intake form is ordinary WTForms, written from docs/plugins.md
with WTForms' own validators. Some input would turn such a form into a
server error or into data that cannot be stored or shown again:

* a number too large for a float (WTForms' ``NumberRange`` calls
  ``math.isnan``, which overflows on a 400-digit integer) or not finite
  (``NaN``, ``Infinity``), which rules cannot compare;
* text with a NUL character (PostgreSQL refuses it) or a lone surrogate such
  as ``"a\\ud800b"`` (no page can encode it as UTF-8);
* text made only of invisible characters (zero-width spaces, joiners, marks
  with nothing to mark): a name nobody can see or search for;
* a date before 1900 or after 2100, which no record here can mean and which
  browsers' date inputs and spreadsheets do not handle alike.

Core's own forms get the same checks when they validate (``core.web.forms``),
and the API refuses such text, and JSON nested too deeply, before any form
sees it (``json_problem``).

``harden(form_class)`` returns a subclass that screens every field as the
form is built, before any of the plugin's validators runs. A field holding
such input is emptied, so the value is neither stored (not even in a draft)
nor rendered again, and ``validate()`` fails with a translated message next
to it; the plugin's own validators never see the value.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms.form import BaseForm
from wtforms.validators import StopValidation

#: Numbers on an intake form have at most this many digits before the decimal point.
MAX_DIGITS = 15

NOT_TEXT = _l("Remove the characters that are not text, such as NUL.")
TOO_LARGE = _l("Enter a number with at most %(digits)d digits.", digits=MAX_DIGITS)
NOT_A_NUMBER = _l("Enter a number.")
INVISIBLE = _l("Enter visible characters: this has only spaces or invisible characters.")
#: The dates a record may hold.
FIRST_YEAR, LAST_YEAR = 1900, 2100
DATE_RANGE = _l("Enter a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR)
#: JSON bodies deeper than this are refused (the API's are two levels deep at most).
MAX_JSON_DEPTH = 32
TOO_DEEP = _l("The JSON is nested too deeply.")


def is_storable_text(value: str) -> bool:
    """No NUL character and no lone surrogate: PostgreSQL stores it, a page can show it."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_visible(value: str) -> bool:
    """Whether ``value`` has a character one can see: not only separators, control and
    format characters (zero-width space, joiners, BOM) or combining marks."""
    return any(unicodedata.category(c)[0] not in "ZCM" for c in value)


def problem(field):
    """The message refusing ``field``'s input, or ``None`` when it is harmless."""
    raw = [v for v in field.raw_data or () if isinstance(v, str)]
    if any(not is_storable_text(v) for v in raw):
        return NOT_TEXT
    if any(v.strip() and not is_visible(v) for v in raw):
        return INVISIBLE
    data = field.data
    if isinstance(data, date):
        if raw and not FIRST_YEAR <= data.year <= LAST_YEAR:
            return DATE_RANGE
        return None
    if isinstance(data, bool) or not isinstance(data, int | float | Decimal):
        return None
    if isinstance(data, Decimal) and not data.is_finite():
        return NOT_A_NUMBER
    if isinstance(data, float) and not math.isfinite(data):
        return NOT_A_NUMBER
    return TOO_LARGE if abs(data) >= 10**MAX_DIGITS else None


def json_problem(value):
    """The message refusing a parsed JSON body, or ``None``: too deep, or text that is not text."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return TOO_DEEP
        if isinstance(item, str):
            if not is_storable_text(item):
                return NOT_TEXT
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return None


def leaves(fields):
    """The form's fields, those of nested forms (``FormField``) and lists (``FieldList``) too."""
    for field in fields:
        inner = getattr(field, "form", None)
        if isinstance(inner, BaseForm):
            yield from leaves(inner)
        elif hasattr(field, "entries"):
            yield from leaves(field.entries)
        else:
            yield field


def refuse(field, message) -> None:
    """Empty ``field`` and make its validation stop at ``message``."""

    def pre_validate(form):
        raise StopValidation(message)

    field.raw_data, field.data, field.process_errors = [], None, []
    field.pre_validate = pre_validate


class Hardened:
    """Mixed in before a plugin's form class by ``harden``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: The fields refused as the form was built, ``{name: message}`` (a name
        #: with a leading underscore is never taken for a field).
        self._refused = {}
        for field in leaves(self):
            message = problem(field)
            if message is not None:
                refuse(field, message)
                self._refused[field.name] = message


def harden(form_class: type) -> type:
    """A subclass of the plugin's ``form_class`` that refuses hostile input; see the module."""
    if issubclass(form_class, Hardened):
        return form_class
    return type(form_class.__name__, (Hardened, form_class), {"__module__": form_class.__module__})
