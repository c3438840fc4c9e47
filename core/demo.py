"""Loading a demo dataset (``demo/dataset.json`` by default).

The loader is generic: the dataset names the carriers, stages, people and
startups, so core itself names none of them. Loading is idempotent: anything
that already exists (by email, carrier slug or startup name) is left alone.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from core import hooks
from core.applications import operations as applications
from core.auth import operations as accounts
from core.carriers import operations as tenancy
from core.enrollments.models import Milestone, MilestoneChange, MilestoneStatus
from core.enrollments.operations import enroll
from core.extensions import db
from core.graduation import operations as graduation
from core.ip.models import AnnuityPayment, IPEvent
from core.plugins import incuchain
from core.registry.models import (
    AnnualFigures,
    Certification,
    CorporateEvent,
    FundingRound,
    IPAsset,
    Startup,
)
from core.settings.services import tenant_ref
from core.tenancy.models import Role, Tenant
from core.timeutil import local_today

PROFILE_FIELDS = ("address", "contact_name", "contact_phone", "contact_email", "description")

#: The records a startup keeps, by their key in the dataset.
RECORDS = {
    "figures": AnnualFigures,
    "funding": FundingRound,
    "ip": IPAsset,
    "certifications": Certification,
    "events": CorporateEvent,
}

CARRIER_FIELDS = (
    "name_zh",
    "name_en",
    "enabled_stages",
    "serial_prefix",
    "address",
    "contact_email",
    "phone",
    "description",
)


def load(path: Path) -> list[tuple[str, str, str]]:
    """Load the dataset at ``path``; return ``(role, email, password)`` demo logins."""
    data = json.loads(path.read_text(encoding="utf-8"))
    password = data["password"]
    stages = incuchain().stages
    logins: list[tuple[str, str, str]] = []

    def person(spec: dict, *, admin: bool = False):
        user = accounts.find_user(spec["email"])
        if user is None:
            user = accounts.create_user(
                spec["email"], spec["name"], password, verified=True, platform_admin=admin
            )
            db.session.flush()
        return user

    admin = person(data["admin"], admin=True)
    logins.append(("platform admin", admin.email, password))

    tenants: dict[str, Tenant] = {}
    graduations: list[tuple] = []
    for carrier in data["carriers"]:
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == carrier["slug"]))
        if tenant is None:
            values = {f: carrier.get(f, "") for f in CARRIER_FIELDS}
            values["enabled_stages"] = [s for s in carrier["enabled_stages"] if s in stages]
            tenant = tenancy.create_tenant(carrier["slug"], values, actor=admin)
        tenants[carrier["slug"]] = tenant
        for role, key in ((Role.MANAGER, "managers"), (Role.REVIEWER, "reviewers")):
            for spec in carrier.get(key, []):
                tenancy.add_member(tenant, person(spec), role, actor=admin)
                logins.append((f"{role} · {carrier['slug']}", spec["email"], password))

    for spec in data["startups"]:
        startup = db.session.scalar(select(Startup).where(Startup.name_zh == spec["name_zh"]))
        if startup is not None:
            continue
        founder = person(spec["founder"])
        startup = Startup(
            name_zh=spec["name_zh"],
            name_en=spec.get("name_en", ""),
            kind=spec.get("kind", "company" if spec.get("credit_code") else "team"),
            tech_field=spec["tech_field"],
            credit_code=spec.get("credit_code"),
            founded_on=_date(spec.get("founded_on")),
            founders=[founder],
            **{f: spec.get(f, "") for f in PROFILE_FIELDS},
        )
        db.session.add(startup)
        db.session.flush()
        for key, model in RECORDS.items():
            for values in spec.get(key, []):
                row = model(startup_id=startup.id, **_record({**values}))
                db.session.add(row)
                if key == "ip":
                    _ip_history(row, values)
        for item in spec["enrollments"]:
            if item["stage"] not in stages:
                continue
            tenant = tenants[item["carrier"]]
            enrollment = enroll(
                startup, tenant, item["stage"], _date(item["admitted_on"]), actor=admin
            )
            _advance_milestones(enrollment, admin, finished=item["status"] != "active")
            if "graduated_on" in item:
                # Graduated below, the real way: decision, certificate, referral.
                graduations.append((enrollment, _date(item["graduated_on"])))
            else:
                enrollment.status = item["status"]
                enrollment.ended_on = _date(item.get("ended_on"))
            tenancy.add_member(tenant, founder, Role.FOUNDER, actor=admin)
        for item in spec.get("applications", []):
            if item["stage"] in stages:
                _apply(startup, tenants[item["carrier"]], item, founder, admin)
    for enrollment, graduated_on in graduations:
        graduation.graduate(enrollment.id, admin, graduated_on, "演示数据：历史毕业记录")
    shown: set[str] = set()
    for spec in data["startups"]:
        enrolled = [(e["carrier"], e["stage"]) for e in spec["enrollments"]]
        applied = [(a["carrier"], f"{a['stage']} (applied)") for a in spec.get("applications", [])]
        carrier, stage = (enrolled or applied)[0]
        if stage not in shown:
            shown.add(stage)
            logins.append((f"founder · {carrier} · {stage}", spec["founder"]["email"], password))
    return logins


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _record(values: dict) -> dict:
    """Dataset values as model fields, ISO dates (``date``, ``…_on``, ``valid_until``) parsed."""
    values.pop("payments", None)
    values.pop("events", None)
    return {
        k: _date(v) if k in {"date", "valid_until"} or k.endswith("_on") else v
        for k, v in values.items()
    }


def _ip_history(right: IPAsset, values: dict) -> None:
    """A right's annuities paid and its events, as the dataset lists them."""
    db.session.flush()
    for payment in values.get("payments", []):
        db.session.add(AnnuityPayment(ip_id=right.id, **_record({**payment})))
    for event in values.get("events", []):
        db.session.add(IPEvent(ip_id=right.id, **_record({**event})))


def _apply(startup, tenant, item: dict, founder, manager) -> None:
    """Submit an application through the same path as the page, then assign reviewers."""
    form_class = hooks.intake_form(item["stage"], tenant_ref(tenant))
    with current_app.test_request_context():
        form = form_class(formdata=MultiDict(item["answers"]), meta={"csrf": False})
        form.validate()
        submission = applications.submit(
            startup, tenant, item["stage"], form, founder, local_today()
        )
    reviewers = [accounts.find_user(email) for email in item.get("reviewers", [])]
    if submission.verdict.passed and reviewers:
        db.session.flush()
        applications.assign_reviewers(submission.application, {r.id for r in reviewers}, manager)


def _advance_milestones(enrollment, manager, finished: bool) -> None:
    """Make the demo look lived-in: milestones long due are verified, those due soon are
    under way, and a finished enrollment has every milestone verified."""
    today = local_today()
    db.session.flush()
    milestones = db.session.scalars(
        select(Milestone).where(Milestone.enrollment_id == enrollment.id)
    ).all()
    for milestone in milestones:
        if finished or milestone.due_on < today - timedelta(days=30):
            milestone.status, milestone.progress = MilestoneStatus.VERIFIED, 100
            milestone.verified_by_id = manager.id
            milestone.verified_at = datetime.combine(milestone.due_on, time(9), tzinfo=UTC)
            action = "verified"
        elif milestone.due_on < today + timedelta(days=120):
            milestone.status, milestone.progress = MilestoneStatus.IN_PROGRESS, 50
            action = "updated"
        else:
            continue
        db.session.add(
            MilestoneChange(
                milestone=milestone,
                actor_id=manager.id,
                action=action,
                status=milestone.status,
                progress=milestone.progress,
            )
        )
