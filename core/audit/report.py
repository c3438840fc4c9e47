"""A carrier's audit log as readable rows, for its page and its CSV/XLSX export."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload

from core.audit import labels
from core.audit.models import AuditEvent
from core.auth.models import User, email_digest, pseudonym
from core.extensions import db
from core.tabular import Column, Table
from core.timeutil import localtime


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    when: str
    who: str
    action: str
    obj: str
    changes: list[Change]


def events_of(tenant_id: int) -> Select:
    """The carrier's events, newest first, with who did them."""
    return (
        select(AuditEvent)
        .where(AuditEvent.tenant_id == tenant_id)
        .options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.id.desc())
    )


def action_name(action: str) -> str:
    return str(labels.current().actions.get(action, action))


def object_name(event: AuditEvent) -> str:
    label = labels.current().objects.get(event.object_type, event.object_type)
    return f"{label} #{event.object_id}"


def field_name(key: str) -> str:
    return str(labels.current().fields.get(key, key))


def shown(value) -> str:
    """A stored value as text: lists joined, booleans in words, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value) or "—"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def closed_account(address: str) -> int | None:
    """The id of the closed account ``address`` belonged to, if any (cached per request).

    A closed account keeps only a digest of its former address; events stored
    before it closed still hold the address itself, and later ones its
    ``.invalid`` replacement. Both are shown as the account's pseudonym.
    """
    cache = g.setdefault("audit_closed_accounts", {})
    key = address.strip().lower()
    if key not in cache:
        cache[key] = db.session.scalar(
            select(User.id).where(
                User.closed_at.is_not(None),
                or_(User.closed_email_digest == email_digest(key), User.email == key),
            )
        )
    return cache[key]


def addresses(value) -> set[str]:
    if isinstance(value, str):
        return {value.strip().lower()} if "@" in value and len(value) <= 254 else set()
    if isinstance(value, dict | list):
        items = value.values() if isinstance(value, dict) else value
        return set().union(*(addresses(v) for v in items)) if items else set()
    return set()


def know_closed_accounts(events: list[AuditEvent]) -> None:
    """Look up, in one query, which addresses the events name belong to closed accounts."""
    cache = g.setdefault("audit_closed_accounts", {})
    wanted = set().union(*(addresses([e.before or {}, e.after or {}]) for e in events)) - set(cache)
    found = {}
    for user_id, email, digest in db.session.execute(
        select(User.id, User.email, User.closed_email_digest).where(
            User.closed_at.is_not(None),
            or_(
                User.closed_email_digest.in_([email_digest(a) for a in wanted]),
                User.email.in_(wanted),
            ),
        )
    ):
        found[email] = found[digest] = user_id
    for address in wanted:
        cache[address] = found.get(address, found.get(email_digest(address)))


def rows(events: Iterable[AuditEvent], batch: int = 500) -> Iterator[Row]:
    """The events as rows, the closed accounts they name looked up once per ``batch``."""
    chunk: list[AuditEvent] = []
    for event in events:
        chunk.append(event)
        if len(chunk) == batch:
            know_closed_accounts(chunk)
            yield from map(row, chunk)
            chunk = []
    if chunk:
        know_closed_accounts(chunk)
        yield from map(row, chunk)


def without_closed(value):
    """``value`` with the addresses of closed accounts replaced by their pseudonyms."""
    if isinstance(value, str) and "@" in value and len(value) <= 254:
        closed = closed_account(value)
        return value if closed is None else pseudonym(closed, str(get_locale()))
    if isinstance(value, list):
        return [without_closed(v) for v in value]
    return value


def who(event: AuditEvent) -> str:
    if event.actor is None:
        return _("command line")
    if event.actor.is_closed:
        return pseudonym(event.actor.id, str(get_locale()))
    return event.actor.name


def changes(event: AuditEvent) -> list[Change]:
    """Each field the event names, with its value before and after."""
    before, after = event.before or {}, event.after or {}
    keys = list(before) + [k for k in after if k not in before]
    return [
        Change(
            field_name(k),
            shown(without_closed(before.get(k))),
            shown(without_closed(after.get(k))),
        )
        for k in keys
    ]


def row(event: AuditEvent) -> Row:
    return Row(
        event=event,
        when=localtime(event.created_at),
        who=who(event),
        action=action_name(event.action),
        obj=object_name(event),
        changes=changes(event),
    )


# -- export -------------------------------------------------------------------------------


def table(rows: Iterable[Row]) -> Table:
    """The log as one table, for ``core.tabular`` (which quotes formula-like text)."""
    headers = (
        _("Time (China)"),
        _("Who"),
        _("Email"),
        _("Action"),
        _("Action key"),
        _("Object"),
        _("Changes"),
    )
    return Table(
        title=_("Audit log"),
        columns=[Column(h) for h in headers],
        rows=(
            (
                r.when,
                r.who,
                r.event.actor.email if r.event.actor and not r.event.actor.is_closed else "",
                r.action,
                r.event.action,
                r.obj,
                "; ".join(f"{c.field}: {c.before} → {c.after}" for c in r.changes),
            )
            for r in rows
        ),
    )
