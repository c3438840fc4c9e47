"""Everything the platform holds about one person, for them to download (PIPL 第四十五条).

``personal_data(user)`` gathers, in a few queries, the person's account, roles,
the startups they found, the applications they submitted, their milestone
updates, the review scores they gave, their notifications, their API tokens
(names and dates, never the hashes) and the audit events they caused. Values
that name another person are left out: a co-founder is not listed, and an
address other than the person's own in an audit event's values is replaced by
``OTHER_ADDRESS``. One person's data is small, so the download is made in the
request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core import tabular
from core.api.models import ApiToken
from core.applications.models import Application, Review
from core.audit.models import AuditEvent
from core.auth.models import UserSession
from core.enrollments.models import Milestone, MilestoneChange
from core.extensions import db
from core.mfa import operations as two_step
from core.notifications.models import Notification
from core.privacy import notice
from core.registry.models import Startup, startup_founders
from core.tenancy.models import Membership
from core.timeutil import utcnow

FORMATS = ("json", "xlsx")
OTHER_ADDRESS = "[another person's address]"
EMAIL = re.compile(r"[^\s@\"',;<>]+@[^\s@\"',;<>]+")


@dataclass(frozen=True)
class Section:
    key: str
    title: object  # a lazy string
    rows: list[dict]


def plain(value):
    """A value JSON and a spreadsheet both take."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def without_others(value, own_email: str):
    """``value`` with every address but ``own_email`` replaced (an audit event's values)."""
    if isinstance(value, str):
        return EMAIL.sub(lambda m: m[0] if m[0].lower() == own_email else OTHER_ADDRESS, value)
    if isinstance(value, dict):
        return {k: without_others(v, own_email) for k, v in value.items()}
    if isinstance(value, list):
        return [without_others(v, own_email) for v in value]
    return value


def _own(model, owner, uid: int, *fields: str) -> list[dict]:
    """``fields`` of each ``model`` row whose ``owner`` column is the person, oldest first."""
    rows = db.session.scalars(select(model).where(owner == uid).order_by(model.id))
    return [{name: getattr(row, name) for name in fields} for row in rows]


def personal_data(user) -> list[Section]:
    """The person's data, section by section, in the order the files list them."""
    uid = user.id
    account = {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "language": user.locale,
        "platform_admin": user.is_platform_admin,
        "created_at": user.created_at,
        "email_verified_at": user.email_verified_at,
        "privacy_notice_version": notice.consented_version(user),
        "privacy_consented_at": user.privacy_consented_at,
        # Whether and since when 2-step verification is on; never its secret or codes.
        "two_step_verification_since": two_step.enabled_since(user),
    }
    memberships = [
        {
            "carrier": m.tenant.slug,
            "carrier_name_zh": m.tenant.name_zh,
            "carrier_name_en": m.tenant.name_en,
            "role": m.role,
            "since": m.created_at,
        }
        for m in db.session.scalars(
            select(Membership)
            .where(Membership.user_id == uid)
            .options(joinedload(Membership.tenant))
            .order_by(Membership.id)
        )
    ]
    startups = [
        {
            "id": s.id,
            "name_zh": s.name_zh,
            "name_en": s.name_en,
            "kind": s.kind,
            "tech_field": s.tech_field,
            "credit_code": s.credit_code,
            "founded_on": s.founded_on,
            "address": s.address,
            "contact_name": s.contact_name,
            "contact_phone": s.contact_phone,
            "contact_email": s.contact_email,
            "description": s.description,
            "created_at": s.created_at,
        }
        for s in db.session.scalars(
            select(Startup)
            .join(startup_founders, startup_founders.c.startup_id == Startup.id)
            .where(startup_founders.c.user_id == uid)
            .order_by(Startup.id)
        )
    ]
    founder_links = [{"startup_id": s["id"], "user_id": uid, "role": "founder"} for s in startups]
    applications = [
        {
            "id": a.id,
            "startup_id": a.startup_id,
            "carrier": a.tenant.slug,
            "stage": a.stage,
            "status": a.status,
            "answers": a.answers,
            "created_at": a.created_at,
            "submitted_at": a.submitted_at,
            "decided_at": a.decided_at,
        }
        for a in db.session.scalars(
            select(Application)
            .where(Application.created_by_id == uid)
            .options(joinedload(Application.tenant))
            .order_by(Application.id)
        )
    ]
    milestone_updates = [
        {
            "milestone_id": c.milestone_id,
            "milestone_zh": c.milestone.title_zh,
            "milestone_en": c.milestone.title_en,
            "action": c.action,
            "status": c.status,
            "progress": c.progress,
            "comment": c.comment,
            "at": c.created_at,
        }
        for c in db.session.scalars(
            select(MilestoneChange)
            .where(MilestoneChange.actor_id == uid)
            .options(
                joinedload(MilestoneChange.milestone).load_only(
                    Milestone.title_zh, Milestone.title_en
                )
            )
            .order_by(MilestoneChange.id)
        )
    ]
    reviews = _own(
        Review,
        Review.reviewer_id,
        uid,
        "application_id",
        "scores",
        "total",
        "comment",
        "assigned_at",
        "submitted_at",
        "no_conflict_declared_at",
        "abstained_at",
        "abstention_reason",
    )
    notifications = _own(
        Notification, Notification.user_id, uid, "kind", "params", "link", "created_at", "read_at"
    )
    browsers = _own(
        UserSession, UserSession.user_id, uid, "created_at", "last_seen_at", "user_agent"
    )
    api_tokens = _own(
        ApiToken, ApiToken.user_id, uid, "name", "created_at", "last_used_at", "revoked_at"
    )
    own = user.email.lower()
    audit_events = [
        {
            "at": e.created_at,
            "action": e.action,
            "object": e.object_type,
            "object_id": e.object_id,
            "before": without_others(e.before, own),
            "after": without_others(e.after, own),
        }
        for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.actor_id == uid).order_by(AuditEvent.id)
        )
    ]
    return [
        Section("account", _l("Account"), [account]),
        Section("memberships", _l("Roles at carriers"), memberships),
        Section("startups", _l("Startups you found"), startups),
        Section("founder_links", _l("Founder links"), founder_links),
        Section("applications", _l("Applications you submitted"), applications),
        Section("milestone_updates", _l("Milestone updates you made"), milestone_updates),
        Section("reviews", _l("Review scores you gave"), reviews),
        Section("notifications", _l("Notifications"), notifications),
        Section("api_tokens", _l("API tokens"), api_tokens),
        Section("sessions", _l("Logged-in browsers"), browsers),
        Section("audit_events", _l("Audit log entries you caused"), audit_events),
    ]


def as_json(user, sections: list[Section]) -> bytes:
    document = {
        "generated_at": utcnow(),
        "operator": notice.operator(),
        "person": user.id,
        **{s.key: s.rows for s in sections},
    }
    return json.dumps(plain(document), ensure_ascii=False, indent=2).encode()


def cell(value):
    """A spreadsheet cell: nested values as JSON text."""
    value = plain(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def as_xlsx(sections: list[Section]) -> bytes:
    """One sheet per section, the JSON's keys as the column headers."""
    tables = []
    for section in sections:
        keys = list(section.rows[0]) if section.rows else ["—"]
        tables.append(
            tabular.Table(
                title=str(section.title),
                columns=[tabular.Column(k) for k in keys],
                rows=[[cell(row.get(k)) for k in keys] for row in section.rows],
            )
        )
    return tabular.write_xlsx(tables)
