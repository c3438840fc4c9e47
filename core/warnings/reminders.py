"""``send-reminders``: every warning to the people who should act on it, once a day.

Recipients are the carrier's managers and, since every warning concerns a
startup, the startup's founders. Each (item, person, day) is recorded in
``reminders_sent``; a second run on the same day adds nothing, and only
retries emails that the mail server did not accept the first time. People
get one in-app notification per item and one email listing their new items,
in their own language (``User.locale``), through ``core.mail``: over SMTP, or
into the outbox folder when no mail server is configured.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from core import mail, unit_of_work
from core.auth.models import User
from core.extensions import db
from core.notifications.operations import notify
from core.registry.models import startup_founders
from core.tenancy.models import Membership, Role
from core.warnings.models import ReminderSent
from core.warnings.rules import EarlyWarning, evaluate
from core.warnings.texts import NOTIFICATION_PREFIX, warning_text
from core.web.urls import public_url

log = logging.getLogger(__name__)

ENROLLMENT_KINDS = {"enrollment.overdue", "enrollment.due_soon", "milestone.overdue"}


@dataclass
class Outcome:
    warnings: int = 0
    notified: int = 0
    people: set[int] = field(default_factory=set)
    emailed: int = 0
    email_failures: list[str] = field(default_factory=list)
    #: No mail server: the emails were written to the outbox folder.
    outbox: bool = False


class Links:
    """Paths and absolute URLs into the app, without a request (the command runs from cron)."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url or "http://localhost")
        self.origin = f"{parts.scheme or 'http'}://{parts.netloc}"
        self.adapter = current_app.url_map.bind(
            parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http"
        )

    def path(self, endpoint: str, **values) -> str:
        return self.adapter.build(endpoint, values)

    def url(self, path: str) -> str:
        return self.origin + path

    def for_item(self, warning: EarlyWarning, manager: bool) -> str:
        if warning.kind in ENROLLMENT_KINDS:
            path = self.path("enrollments.enrollment", enrollment_id=warning.enrollment_id)
            return path + (f"#milestone-{warning.milestone.id}" if warning.milestone else "")
        if manager:
            return self.path(
                "registry.carrier.startup",
                tenant_slug=warning.tenant.slug,
                startup_id=warning.startup.id,
            )
        return self.path("registry.startup", startup_id=warning.startup.id)


def recipients(warnings: list[EarlyWarning]) -> dict[str, list[tuple[User, bool]]]:
    """``{item key: [(user, is manager)]}``, from two queries."""
    managers = defaultdict(list)
    for tenant_id, user in db.session.execute(
        select(Membership.tenant_id, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.role == Role.MANAGER)
        .order_by(User.id)
    ):
        managers[tenant_id].append(user)
    founders = defaultdict(list)
    startup_ids = {w.startup.id for w in warnings}
    if startup_ids:
        for startup_id, user in db.session.execute(
            select(startup_founders.c.startup_id, User)
            .join(User, User.id == startup_founders.c.user_id)
            .where(startup_founders.c.startup_id.in_(startup_ids))
            .order_by(User.id)
        ):
            founders[startup_id].append(user)
    result = defaultdict(list)
    for w in warnings:
        seen = {u.id for u, _manager in result[w.key]}
        for user in managers[w.tenant.id]:
            if user.id not in seen:
                result[w.key].append((user, True))
                seen.add(user.id)
        for user in founders[w.startup.id]:
            if user.id not in seen:
                result[w.key].append((user, False))
                seen.add(user.id)
    return result


def send_reminders(today: date) -> Outcome:
    """Notify in app and by email about every warning not yet reminded today.

    The notifications and reminder rows are this unit of work's; the emails
    go once it has committed, each marked as sent in a unit of work of its
    own, so a failure half-way never sends a message twice.
    """
    warnings = evaluate(today)
    outcome = Outcome(warnings=len(warnings), outbox=mail.uses_outbox())
    links = Links(public_url())
    sent = {
        (r.item_key, r.user_id): r
        for r in db.session.scalars(select(ReminderSent).where(ReminderSent.day == today))
    }
    by_key = {w.key: w for w in warnings}
    to_email: dict[int, list[tuple[EarlyWarning, str, ReminderSent]]] = defaultdict(list)
    people: dict[int, User] = {}
    for key, users in recipients(warnings).items():
        warning = by_key[key]
        for user, manager in users:
            link = links.for_item(warning, manager)
            record = sent.get((key, user.id))
            if record is None:
                record = ReminderSent(item_key=key, user_id=user.id, day=today)
                db.session.add(record)
                notify(
                    user,
                    NOTIFICATION_PREFIX + warning.kind,
                    warning.params(),
                    link=link,
                    tenant=warning.tenant,
                )
                outcome.notified += 1
                outcome.people.add(user.id)
            if not record.emailed and user.email:
                to_email[user.id].append((warning, link, record))
                people[user.id] = user
    if to_email:
        unit_of_work.after_commit(lambda: _send_emails(to_email, people, links, outcome))
    return outcome


def _send_emails(to_email, people, links: Links, outcome: Outcome) -> None:
    try:
        with mail.connection() as conn:
            for user_id, items in to_email.items():
                user = people[user_id]
                try:
                    conn.send_messages([email_for(user, items, links)])
                except smtplib.SMTPException as error:
                    log.warning("reminder email to %s failed: %s", user.email, error)
                    outcome.email_failures.append(f"{user.email}: {error}")
                    continue
                with unit_of_work.transaction():
                    for _warning, _link, record in items:
                        record.emailed = True
                outcome.emailed += 1
    except (OSError, smtplib.SMTPException) as error:
        log.warning("mail server unavailable: %s", error)
        outcome.email_failures.append(str(error))


def email_for(user: User, items, links: Links):
    """One message listing the person's items, in their language."""
    return mail.compose(
        "reminders",
        to=user.email,
        locale=user.locale,
        user=user,
        items=[(warning, links.url(link)) for warning, link, _record in items],
        describe=warning_text,
    )
