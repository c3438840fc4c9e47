"""Loading a demo dataset (``demo/dataset.json`` by default).

The loader is generic: the dataset names the carriers, stages, people and
startups, so core itself names none of them. Loading is idempotent: anything
that already exists (by email, carrier slug or startup name) is left alone.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from core.auth import services as accounts
from core.extensions import db
from core.plugins import incuchain
from core.registry.models import Enrollment, Startup
from core.tenancy import services as tenancy
from core.tenancy.models import Role, Tenant

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
            user = accounts.create_user(spec["email"], spec["name"], password, platform_admin=admin)
            db.session.flush()
        return user

    admin = person(data["admin"], admin=True)
    logins.append(("platform admin", admin.email, password))

    tenants: dict[str, Tenant] = {}
    for carrier in data["carriers"]:
        tenant = db.session.scalar(select(Tenant).where(Tenant.slug == carrier["slug"]))
        if tenant is None:
            values = {f: carrier.get(f, "") for f in CARRIER_FIELDS}
            values["enabled_stages"] = [s for s in carrier["enabled_stages"] if s in stages]
            tenant = tenancy.create_tenant(carrier["slug"], values, actor=admin)
        tenants[carrier["slug"]] = tenant
        for role, key in ((Role.MANAGER, "managers"), (Role.REVIEWER, "reviewers")):
            for spec in carrier.get(key, []):
                person(spec)
                tenancy.add_member(tenant, spec["email"], spec["name"], role, actor=admin)
                logins.append((f"{role} · {carrier['slug']}", spec["email"], password))

    for spec in data["startups"]:
        startup = db.session.scalar(select(Startup).where(Startup.name_zh == spec["name_zh"]))
        if startup is not None:
            continue
        founder = person(spec["founder"])
        startup = Startup(
            name_zh=spec["name_zh"],
            name_en=spec.get("name_en", ""),
            tech_field=spec["tech_field"],
            credit_code=spec.get("credit_code"),
            founded_on=date.fromisoformat(spec["founded_on"]) if spec.get("founded_on") else None,
            founders=[founder],
        )
        db.session.add(startup)
        for enrollment in spec["enrollments"]:
            if enrollment["stage"] not in stages:
                continue
            tenant = tenants[enrollment["carrier"]]
            db.session.add(
                Enrollment(
                    startup=startup,
                    tenant=tenant,
                    stage=enrollment["stage"],
                    status=enrollment["status"],
                    admitted_on=date.fromisoformat(enrollment["admitted_on"]),
                )
            )
            tenancy.add_member(tenant, founder.email, founder.name, Role.FOUNDER, actor=admin)
    db.session.commit()
    shown: set[str] = set()
    for spec in data["startups"]:
        first = spec["enrollments"][0]
        if first["stage"] in stages and first["stage"] not in shown:
            shown.add(first["stage"])
            label = f"founder · {first['carrier']} · {first['stage']}"
            logins.append((label, spec["founder"]["email"], password))
    return logins
