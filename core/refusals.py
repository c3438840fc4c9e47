"""Why an operation was not carried out, as its callers show it.

An operation raises ``NotPermitted`` when the actor's role does not allow the
change (a page answers 403, the API 403), and ``Refused`` when the role does
but the object's state does not, now (the page says why, the API answers 409),
with a translated ``message``. Nothing has been changed when either is raised.
"""

from __future__ import annotations


class OperationError(Exception):
    """An operation not carried out; ``message`` says why, in the reader's language."""

    def __init__(self, message=None):
        super().__init__(message)
        self.message = message


class NotPermitted(OperationError):
    """The actor's role does not allow this."""


class Refused(OperationError):
    """The actor may do this, but not in the object's current state."""
