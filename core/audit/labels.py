"""What the audit log calls actions, objects, fields and values, per application.

Core's own names are in ``core.audit.texts``. A capability above the audit log
adds the names of its own actions, objects, fields and values at start-up with
``register`` (the startup registry names its sections' rows this way), so the
log never imports the capabilities it records.

A field or a value may be named for one kind of object only: the key
``"IPAsset.kind"`` wins over ``"kind"`` for an IP asset's events.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from flask import Flask, current_app
from flask_babel import get_locale
from sqlalchemy import select

from core.audit import texts
from core.audit.models import AuditEvent
from core.auth.models import User, pseudonym
from core.extensions import db

#: Names the objects of one type's events: object id (as stored, text) → name.
Namer = Callable[[Collection[AuditEvent]], Mapping[str, str]]
#: Names a stored value of one field.
ValueName = Callable[[object], str]
#: A condition on ``AuditEvent`` for a search text, or ``None`` when it finds nothing.
Finder = Callable[[str], object]

KEY = "incuchain_audit_labels"


@dataclass
class Labels:
    actions: dict = field(default_factory=lambda: dict(texts.ACTIONS))
    objects: dict = field(default_factory=lambda: dict(texts.OBJECTS))
    fields: dict = field(default_factory=lambda: dict(texts.FIELDS))
    values: dict[str, ValueName] = field(default_factory=lambda: dict(texts.VALUES))
    namers: dict[str, Namer] = field(default_factory=lambda: {"User": by_id(User, person)})
    #: Fields whose values are ids of objects of a type (``"reviewers"`` → ``"User"``).
    references: dict[str, str] = field(default_factory=lambda: dict(texts.REFERENCES))
    finders: list[Finder] = field(default_factory=list)

    def field(self, object_type: str, key: str):
        return self.fields.get(f"{object_type}.{key}", self.fields.get(key))

    def reference(self, object_type: str, key: str) -> str | None:
        return self.references.get(f"{object_type}.{key}", self.references.get(key))

    def value(self, object_type: str, key: str) -> ValueName | None:
        return self.values.get(f"{object_type}.{key}", self.values.get(key))


def register(
    app: Flask,
    *,
    actions: Mapping | None = None,
    objects: Mapping | None = None,
    fields: Mapping | None = None,
    values: Mapping[str, ValueName] | None = None,
    namers: Mapping[str, Namer] | None = None,
    references: Mapping[str, str] | None = None,
    finder: Finder | None = None,
) -> None:
    """Add names (lazy strings) for actions, object types and field keys.

    ``values`` name a field's stored values (``"IPAsset.status"`` → the
    status's label); ``namers`` name the objects of a type by their ids, in one
    query for a page of events, and so the values of the fields ``references``
    names (a list of reviewers' ids, say); a ``finder`` lets the log's search find the
    events of what it names (a startup by its name, say).
    """
    labels = app.extensions.setdefault(KEY, Labels())
    labels.actions.update(actions or {})
    labels.objects.update(objects or {})
    labels.fields.update(fields or {})
    labels.values.update(values or {})
    labels.namers.update(namers or {})
    labels.references.update(references or {})
    if finder is not None:
        labels.finders.append(finder)


def current() -> Labels:
    return current_app.extensions.setdefault(KEY, Labels())


class PerLocale:
    """A name given per language by ``name(locale)`` (a plugin's bilingual label)."""

    def __init__(self, name: Callable[[str], str]) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name(str(get_locale()))


def person(user: User) -> str:
    """A person by their name; a closed account by its pseudonym."""
    return pseudonym(user.id, str(get_locale())) if user.is_closed else user.name


def by_id(model, name: Callable, *options, remembered: Callable | None = None) -> Namer:
    """A namer reading ``model`` rows by id in one query (``options`` load what ``name`` reads).

    An object whose row is gone is named by ``remembered`` from the values its
    event recorded (a deleted row's ``before``), when given.
    """

    def namer(events: Collection[AuditEvent]) -> dict[str, str]:
        wanted = {int(e.object_id) for e in events if e.object_id.isdigit()}
        rows: Iterable = db.session.scalars(
            select(model).where(model.id.in_(wanted)).options(*options)
        )
        names = {str(row.id): name(row) for row in rows}
        if remembered is not None:
            for event in events:
                if event.object_id not in names:
                    names[event.object_id] = remembered(
                        {**(event.after or {}), **(event.before or {})}
                    )
        return names

    return namer


def mapping(names: Mapping) -> ValueName:
    """A value name read from a mapping of stored values to labels (unknown values as stored)."""
    return lambda value: str(names.get(value, value))
