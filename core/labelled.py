"""Enumerations whose members carry their own name, for Python and templates alike.

A member is declared with its stored value and its (lazily translated)
label once::

    class EnrollmentStatus(LabelledEnum):
        ACTIVE = "active", _l("Active")

``EnrollmentStatus.ACTIVE == "active"`` (it is a ``str``), ``.label`` is its
name in the reader's language, and ``EnrollmentStatus.label_of(value)``
names a value read back from the database (unknown values as stored).
Templates reach the enumerations that ``init_app`` registers by their class
names: ``{{ EnrollmentStatus.label_of(e.status) }}``.
"""

from __future__ import annotations

import enum

from flask import Flask


class LabelledEnum(enum.StrEnum):
    def __new__(cls, value: str, label=None):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label if label is not None else value
        return member

    @classmethod
    def label_of(cls, value) -> str:
        try:
            return str(cls(value).label)
        except ValueError:
            return str(value)

    @classmethod
    def choices(cls, members=None) -> dict[str, str]:
        """``{value: label}`` for a select, of ``members`` (all by default)."""
        return {m.value: str(m.label) for m in (members if members is not None else cls)}


def register(app: Flask, *enums: type[LabelledEnum]) -> None:
    """Make the enumerations known to templates by their class names."""
    for labelled in enums:
        app.jinja_env.globals[labelled.__name__] = labelled
