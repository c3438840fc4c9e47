"""Fill a database with a carrier of 10,000 startups and 100,000 milestones, fast.

Rows go in with multi-row INSERTs (no ORM objects, no per-row queries), so
10,000 startups with their enrollments, two years of figures each and ten
milestones each take seconds. ``seed`` is also what the query-count tests
use to make "many" rows.

    .venv/bin/python bench/seed_scale.py                        # a temp SQLite file
    DATABASE_URL=postgresql+psycopg://…/incuchain_bench .venv/bin/python bench/seed_scale.py
    .venv/bin/python bench/seed_scale.py --startups 1000 --milestones 10000

The carrier is ``scale`` (every stage), its manager ``manager@scale.example.cn``
with the password ``bench-password``; the script prints the database URL.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, text

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import create_app
from core.default_vocabulary import TECH_FIELDS
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.registry.credit_code import check_character
from core.registry.models import AnnualFigures, CarrierLink, Startup

SLUG = "scale"
MANAGER = "manager@scale.example.cn"
PASSWORD = "bench-password"
STATUSES = ("active",) * 8 + ("graduated", "withdrawn")
MILESTONE_STATUSES = ("open", "in_progress", "submitted", "verified", "verified")
#: Rows per INSERT statement batch: within every database's parameter limit.
BATCH = 2_000


def credit_code(n: int) -> str:
    """A valid, distinct 统一社会信用代码 for every ``n`` below a billion."""
    first17 = f"91410400{n:09d}"
    return first17 + check_character(first17)


def _insert(model, rows: list[dict], returning=None) -> list[int]:
    ids = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        if returning is None:
            db.session.execute(insert(model), chunk)
        else:
            result = db.session.execute(
                insert(model).returning(returning, sort_by_parameter_order=True), chunk
            )
            ids += list(result.scalars())
    return ids


def seed(
    tenant_id: int, stage: str, startups: int, milestones: int, *, start: int = 0
) -> list[int]:
    """``startups`` startups enrolled at the carrier with ``milestones`` milestones in all.

    ``start`` numbers the startups (names and credit codes) after earlier
    calls. Returns the new startups' ids. Commits.
    """
    fields = [f.key for f in TECH_FIELDS]
    numbers = range(start, start + startups)
    startup_ids = _insert(
        Startup,
        [
            {
                "name_zh": f"规模测试企业{n:05d}",
                "name_en": f"Scale Test {n:05d}",
                "kind": "company",
                "tech_field": fields[n % len(fields)],
                "credit_code": credit_code(n),
                "founded_on": date(2015, 1, 1) + timedelta(days=n % 3000),
            }
            for n in numbers
        ],
        Startup.id,
    )
    _insert(
        AnnualFigures,
        [
            {
                "startup_id": startup_id,
                "year": year,
                "revenue": Decimal(n % 5000) / 4,
                "rd_expense": Decimal(n % 700) / 4,
                "employees": 5 + n % 200,
                "tech_staff": 1 + n % 100,
                "tax_paid": Decimal(n % 90) / 4,
            }
            for n, startup_id in zip(numbers, startup_ids, strict=True)
            for year in (2024, 2025)
        ],
    )
    enrollment_ids = _insert(
        Enrollment,
        [
            {
                "startup_id": startup_id,
                "tenant_id": tenant_id,
                "stage": stage,
                "status": STATUSES[n % len(STATUSES)],
                "admitted_on": date(2021, 1, 1) + timedelta(days=n % 1500),
                "time_limit_months": 48,
                "due_on": date(2025, 1, 1) + timedelta(days=n % 1500),
            }
            for n, startup_id in zip(numbers, startup_ids, strict=True)
        ],
        Enrollment.id,
    )
    _insert(CarrierLink, [{"startup_id": s, "tenant_id": tenant_id} for s in startup_ids])
    per, extra = divmod(milestones, max(startups, 1))
    rows = []
    for i, enrollment_id in enumerate(enrollment_ids):
        for m in range(per + (1 if i < extra else 0)):
            rows.append(
                {
                    "enrollment_id": enrollment_id,
                    "key": f"m{m}",
                    "title_zh": f"里程碑{m}",
                    "title_en": f"Milestone {m}",
                    "due_on": date(2022, 1, 1) + timedelta(days=(i + 30 * m) % 1800),
                    "position": m,
                    "status": MILESTONE_STATUSES[(i + m) % len(MILESTONE_STATUSES)],
                    "progress": 100 if (i + m) % len(MILESTONE_STATUSES) >= 3 else 0,
                }
            )
    _insert(Milestone, rows)
    db.session.commit()
    return startup_ids


def database_url() -> str:
    """``DATABASE_URL``, or a new SQLite file in a temp folder."""
    return os.environ.get("DATABASE_URL") or (
        f"sqlite:///{tempfile.mkdtemp(prefix='incuchain-bench-')}/scale.sqlite3"
    )


def scale_app(url: str):
    """An app on ``url`` with the schema created."""
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
    )
    with app.app_context():
        db.create_all()
    return app


def seed_carrier(app, startups: int, milestones: int) -> None:
    """The ``scale`` carrier, its manager and its startups (skipped when it exists)."""
    from core.auth import operations as accounts
    from core.carriers import operations as tenancy
    from core.plugins import incuchain
    from core.tenancy.models import Role, Tenant

    with app.app_context():
        if db.session.scalar(select(Tenant.id).where(Tenant.slug == SLUG)):
            print("the scale carrier exists already; nothing seeded")
            return
        stages = list(incuchain().stages.keys())
        tenant = tenancy.create_tenant(
            SLUG,
            {
                "name_zh": "规模测试载体",
                "name_en": "Scale test carrier",
                "enabled_stages": stages,
                "serial_prefix": "SCALE",
            },
        )
        if accounts.find_user(MANAGER) is None:
            accounts.create_user(MANAGER, "规模测试管理员", PASSWORD, verified=True)
        tenancy.add_member(tenant, accounts.find_user(MANAGER), Role.MANAGER)
        db.session.commit()
        started = time.perf_counter()
        seed(tenant.id, stages[0], startups, milestones)
        # Planner statistics, as a running database has them (autovacuum's
        # analyze would otherwise come a minute later, mid-measurement).
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        took = time.perf_counter() - started
        print(f"seeded {startups} startups and {milestones} milestones in {took:.1f} s")


def main(argv=None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--startups", type=int, default=10_000)
    parser.add_argument("--milestones", type=int, default=100_000)
    args = parser.parse_args(argv)
    url = database_url()
    seed_carrier(scale_app(url), args.startups, args.milestones)
    print(url)
    return url


if __name__ == "__main__":
    main()
