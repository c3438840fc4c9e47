"""The base of core's forms: Flask-WTF's ``FlaskForm`` with core's hardening checks.

Every form in core imports ``FlaskForm`` from here (a test checks it). When it
validates, each field holding text ``core.hardening`` refuses — with a NUL or
a lone surrogate, or with nothing visible (a name made of zero-width spaces)
— is emptied and gets that message next to it, whatever its own validators
say; a date before 1900 or after 2100, or a number too large, gets its
message unless the field's own validators refused it already (a date in the
future says so). The pages, the API (which
validates its bodies with the same forms) and the imports (which check each
row with the registry's forms) refuse such input alike.

Plugins' forms are hardened as they are built (``core.hardening.harden``).
"""

from __future__ import annotations

from flask_wtf import FlaskForm as _FlaskForm

from core import hardening

#: Problems whose text is emptied before the field's validators see it.
EMPTIED = (hardening.NOT_TEXT, hardening.INVISIBLE)


class FlaskForm(_FlaskForm):
    def validate(self, extra_validators=None):
        refused = {}
        for field in hardening.leaves(self):
            message = hardening.problem(field)
            if message is not None:
                refused[field] = message
                if message in EMPTIED:
                    field.raw_data, field.data = [], None
        valid = super().validate(extra_validators)
        for field, message in refused.items():
            if message in EMPTIED or not field.errors:
                field.errors = [message]
        return valid and not refused
