"""A carrier's audit log as readable rows, for its page and its CSV/XLSX export.

A row names its object as the application does ("the milestone “Prototype”
of 星火科技", never "Milestone #7"), and each field and value by its label in
the reader's language. The names of a page's objects are read in one query
per kind of object (``labels.Namer``), however many rows the page has.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, Text, cast, false, or_, select
from sqlalchemy.orm import joinedload

from core.audit import labels
from core.audit.models import AuditEvent
from core.auth.models import User, email_digest, pseudonym
from core.extensions import db
from core.tabular import Column, Table
from core.timeutil import LOCAL_ZONE, localtime

#: The stored values that may name an object whose row is gone (a deleted member, say).
REMEMBERED = ("name", "title_zh", "title", "serial", "user", "email", "account")
#: The escape character of the search's LIKE patterns.
ESCAPE = "!"


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


@dataclass(frozen=True)
class Filters:
    """What the log page and its export are narrowed to; every part optional."""

    who: int | None = None
    kind: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None
    search: str = ""


def events_of(tenant_id: int, filters: Filters | None = None) -> Select:
    """The carrier's events, newest first, with who did them, narrowed by ``filters``."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.tenant_id == tenant_id)
        .options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.id.desc())
    )
    return narrowed(query, filters) if filters else query


def choices(tenant_id: int) -> dict:
    """Who acted, on which kinds of object, with which actions at the carrier: three queries."""
    in_tenant = AuditEvent.tenant_id == tenant_id
    people = db.session.execute(
        select(User.id, User.name, User.closed_at)
        .where(User.id.in_(select(AuditEvent.actor_id).where(in_tenant)))
        .order_by(User.name)
    )
    locale = str(get_locale())
    kinds = db.session.scalars(select(AuditEvent.object_type).where(in_tenant).distinct())
    actions = db.session.scalars(select(AuditEvent.action).where(in_tenant).distinct())
    return {
        "people": [(i, pseudonym(i, locale) if closed else name) for i, name, closed in people],
        "kinds": sorted(((k, kind_name(k)) for k in kinds), key=lambda c: c[1]),
        "actions": sorted(((a, action_name(a)) for a in actions), key=lambda c: c[1]),
    }


def local_midnight(day: date) -> datetime:
    """The moment China's ``day`` begins, in UTC (as stored)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(LOCAL_ZONE)).astimezone(UTC)


def narrowed(query: Select, filters: Filters) -> Select:
    if filters.who is not None:
        query = query.where(AuditEvent.actor_id == filters.who)
    if filters.kind:
        query = query.where(AuditEvent.object_type == filters.kind)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.since:
        query = query.where(AuditEvent.created_at >= local_midnight(filters.since))
    if filters.until:
        query = query.where(AuditEvent.created_at < local_midnight(filters.until + timedelta(1)))
    if filters.search:
        query = query.where(matching(filters.search))
    return query


def like(text: str) -> str:
    """``text`` anywhere, as a LIKE pattern with ``ESCAPE``."""
    for special in (ESCAPE, "%", "_"):
        text = text.replace(special, ESCAPE + special)
    return f"%{text}%"


def matching(search: str):
    """Events whose actor, action, kind of object or recorded values mention ``search``,
    and those the capabilities' finders name (a startup by its name).

    Values are stored as JSON, where text outside ASCII may be written as
    ``\\uXXXX`` escapes, so both spellings are looked for.
    """
    current = labels.current()
    needle = search.casefold()
    actions = [k for k, label in current.actions.items() if needle in str(label).casefold()]
    kinds = [k for k, label in current.objects.items() if needle in str(label).casefold()]
    patterns = {like(search), like(json.dumps(search)[1:-1])}
    actors = select(User.id).where(
        or_(
            User.name.ilike(like(search), escape=ESCAPE),
            User.email.ilike(like(search), escape=ESCAPE),
        )
    )
    conditions = [
        AuditEvent.actor_id.in_(actors),
        AuditEvent.action.in_(actions) if actions else false(),
        AuditEvent.object_type.in_(kinds) if kinds else false(),
        *(
            cast(column, Text).ilike(pattern, escape=ESCAPE)
            for column in (AuditEvent.before, AuditEvent.after)
            for pattern in patterns
        ),
        *(c for c in (finder(search) for finder in current.finders) if c is not None),
    ]
    return or_(*conditions)


def action_name(action: str) -> str:
    return str(labels.current().actions.get(action, action))


def kind_name(object_type: str) -> str:
    return str(labels.current().objects.get(object_type, object_type))


def know_names(events: list[AuditEvent]) -> None:
    """Name the events' objects, their startups and the objects their values refer to:
    one query per kind of object not yet named."""
    cache = g.setdefault("audit_names", {})
    current = labels.current()
    wanted: dict[str, list[AuditEvent]] = {}
    referred: dict[str, set[str]] = {}
    for event in events:
        wanted.setdefault(event.object_type, []).append(event)
        if event.startup_id is not None:
            referred.setdefault("Startup", set()).add(str(event.startup_id))
        for values in (event.before or {}, event.after or {}):
            for key, value in values.items():
                object_type = current.reference(event.object_type, key)
                if object_type is not None:
                    ids = value if isinstance(value, list) else [value]
                    referred.setdefault(object_type, set()).update(str(i) for i in ids if i)
    for object_type, ids in referred.items():
        known = {e.object_id for e in wanted.get(object_type, [])}
        wanted.setdefault(object_type, []).extend(
            AuditEvent(object_type=object_type, object_id=i) for i in sorted(ids - known)
        )
    for object_type, chosen in wanted.items():
        chosen = [e for e in chosen if (object_type, e.object_id) not in cache]
        if not chosen:
            continue
        namer = current.namers.get(object_type)
        found = namer(chosen) if namer else {}
        for event in chosen:
            cache[object_type, event.object_id] = found.get(event.object_id)


def remembered(event: AuditEvent) -> str | None:
    """A name the event itself recorded, for an object whose row is gone."""
    for values in (event.before or {}, event.after or {}):
        for key in REMEMBERED:
            if isinstance(values.get(key), str) and values[key]:
                return without_closed(values[key])
    return None


def object_name(event: AuditEvent) -> str:
    """The object by its kind and name, and the startup it belongs to."""
    cache = g.get("audit_names", {})
    kind = kind_name(event.object_type)
    name = cache.get((event.object_type, event.object_id)) or remembered(event)
    named = _("%(kind)s “%(name)s”", kind=kind, name=name) if name else f"{kind} #{event.object_id}"
    startup = cache.get(("Startup", str(event.startup_id))) if event.startup_id else None
    if startup and event.object_type != "Startup":
        return _("%(object)s of %(startup)s", object=named, startup=startup)
    return named


def field_name(event: AuditEvent, key: str) -> str:
    return str(labels.current().field(event.object_type, key) or key)


def value_name(event: AuditEvent, key: str, value) -> str:
    """A stored value by its label: a registered name for the field, else ``shown``."""
    current = labels.current()
    object_type = current.reference(event.object_type, key)
    if object_type is not None:
        cache = g.get("audit_names", {})
        name = lambda i: cache.get((object_type, str(i))) or f"#{i}"  # noqa: E731
    else:
        name = current.value(event.object_type, key)
    if name is not None and value not in (None, ""):
        if isinstance(value, list):
            return ", ".join(name(v) for v in value) or "—"
        return name(value)
    return shown(value)


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
    """The events as rows, their names and closed accounts looked up once per ``batch``."""
    chunk: list[AuditEvent] = []
    for event in events:
        chunk.append(event)
        if len(chunk) == batch:
            yield from _named(chunk)
            chunk = []
    if chunk:
        yield from _named(chunk)


def _named(chunk: list[AuditEvent]) -> Iterator[Row]:
    know_closed_accounts(chunk)
    know_names(chunk)
    return map(row, chunk)


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


def context(event: AuditEvent, key: str, value) -> bool:
    """Whether a recorded value only says whose the object is (its startup, named with it)."""
    current = labels.current()
    return current.reference(event.object_type, key) == "Startup" and value == event.startup_id


def changes(event: AuditEvent) -> list[Change]:
    """Each field the event names, with its value before and after; empty ones left out."""
    before, after = event.before or {}, event.after or {}
    keys = list(before) + [k for k in after if k not in before]
    found = []
    for k in keys:
        if context(event, k, before.get(k, after.get(k))):
            continue
        change = Change(
            field_name(event, k),
            value_name(event, k, without_closed(before.get(k))),
            value_name(event, k, without_closed(after.get(k))),
        )
        if change.before != "—" or change.after != "—":
            found.append(change)
    return found


def row(event: AuditEvent) -> Row:
    """One event in words; ``rows`` (or ``know_names``) has named its objects."""
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
