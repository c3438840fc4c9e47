"""Rows for the dashboard, warnings and city tests, written straight to the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.applications.models import Application
from core.auth import operations as accounts
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.registry.models import AnnualFigures, Certification, FundingRound, IPAsset, Startup
from core.timeutil import local_today
from tests.conftest import PASSWORD, link_carriers

#: A fixed "today" for the rule tests.
TODAY = date(2026, 6, 15)


@dataclass
class Rows:
    """Adds rows in one app context each and returns their ids."""

    app: object

    def _add(self, obj):
        with self.app.app_context():
            db.session.add(obj)
            db.session.commit()
            link_carriers()
            return obj.id

    def startup(self, name="测试科技有限公司", *, founders=(), kind="company", **fields) -> int:
        with self.app.app_context():
            users = [
                accounts.find_user(e) or accounts.create_user(e, "创业者", PASSWORD, verified=True)
                for e in founders
            ]
            startup = Startup(
                name_zh=name,
                name_en=fields.pop("name_en", ""),
                kind=kind,
                tech_field="new_materials",
                founders=users,
                **fields,
            )
            db.session.add(startup)
            db.session.commit()
            return startup.id

    def enrollment(self, tenant, startup_id, stage="incubator", **fields) -> int:
        fields.setdefault("admitted_on", date(2024, 1, 1))
        return self._add(
            Enrollment(startup_id=startup_id, tenant_id=tenant.id, stage=stage, **fields)
        )

    def milestone(self, enrollment_id, due_on, status="open", key="m") -> int:
        return self._add(
            Milestone(
                enrollment_id=enrollment_id,
                key=key,
                title_zh="完成中试",
                title_en="Pilot run",
                due_on=due_on,
                status=status,
            )
        )

    def figures(self, startup_id, year, rd_expense=None) -> int:
        return self._add(AnnualFigures(startup_id=startup_id, year=year, rd_expense=rd_expense))

    def certification(self, startup_id, kind, **fields) -> int:
        return self._add(Certification(startup_id=startup_id, kind=kind, **fields))

    def funding(self, startup_id, day, amount) -> int:
        return self._add(
            FundingRound(startup_id=startup_id, date=day, amount=Decimal(amount), kind="vc")
        )

    def application(self, tenant, startup_id, stage="incubator", status="submitted") -> int:
        return self._add(
            Application(startup_id=startup_id, tenant_id=tenant.id, stage=stage, status=status)
        )


def login(app, email: str, locale: str = "en"):
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, email
    client.post("/language", data={"locale": locale})
    return client


def populate(app, tenant, count: int, today: date) -> None:
    """``count`` startups at ``tenant`` with something for every number and warning."""
    with app.app_context():
        startups = [
            Startup(
                name_zh=f"批量企业{tenant.slug}{i:04d}", kind="company", tech_field="new_materials"
            )
            for i in range(count)
        ]
        db.session.add_all(startups)
        db.session.flush()
        for i, s in enumerate(startups):
            graduated = i % 5 == 0
            enrollment = Enrollment(
                startup_id=s.id,
                tenant_id=tenant.id,
                stage="incubator",
                status="graduated" if graduated else "active",
                admitted_on=date(today.year - 3, 1, 1),
                due_on=today + timedelta(days=i % 200 - 20),
                ended_on=date(today.year - 1 - i % 3, 6, 30) if graduated else None,
            )
            db.session.add(enrollment)
            db.session.flush()
            db.session.add_all(
                [
                    Milestone(
                        enrollment_id=enrollment.id,
                        key="pilot",
                        title_zh="中试",
                        due_on=today - timedelta(days=i % 3),
                        status=("open", "in_progress", "verified")[i % 3],
                    ),
                    Certification(startup_id=s.id, kind="tech_sme", year=today.year - i % 2),
                    Certification(
                        startup_id=s.id,
                        kind="high_tech",
                        valid_until=today + timedelta(days=i % 400),
                    ),
                    FundingRound(
                        startup_id=s.id,
                        date=date(today.year - 1, 3, 1),
                        amount=Decimal("100.5"),
                        kind="vc",
                    ),
                    Application(
                        startup_id=s.id, tenant_id=tenant.id, stage="makerspace", status="submitted"
                    ),
                ]
            )
            if i % 2:
                db.session.add(
                    AnnualFigures(startup_id=s.id, year=today.year - 1, rd_expense=Decimal("12.3"))
                )
        db.session.commit()
        link_carriers()


def trend_story(app, rows: Rows, alpha, beta) -> None:
    """Four enrollments at alpha over four years, their figures, rounds and rights; one at beta.

    Dates count back from this year, so the charts always show these four years.
    """
    year = local_today().year
    first = rows.startup("甲企业")
    rows.enrollment(alpha, first, admitted_on=date(year - 2, 1, 1))
    second = rows.startup("乙企业")
    rows.enrollment(
        alpha,
        second,
        stage="makerspace",
        status="graduated",
        admitted_on=date(year - 3, 3, 1),
        ended_on=date(year - 2, 6, 30),
    )
    rows.enrollment(alpha, second, admitted_on=date(year - 2, 7, 1))
    third = rows.startup("丙企业")
    rows.enrollment(
        alpha,
        third,
        status="withdrawn",
        admitted_on=date(year - 1, 2, 1),
        ended_on=date(year - 1, 9, 1),
    )
    elsewhere = rows.startup("别家企业")
    rows.enrollment(beta, elsewhere, admitted_on=date(year - 5, 1, 1))

    with app.app_context():
        db.session.add_all(
            [
                AnnualFigures(startup_id=first, year=year - 1, revenue=100, rd_expense=10),
                # Before the first startup came: not the portfolio's.
                AnnualFigures(startup_id=first, year=year - 4, revenue=999, rd_expense=99),
                # Both of the second startup's stages ran that year: counted once.
                AnnualFigures(
                    startup_id=second, year=year - 2, revenue=Decimal("80.5"), rd_expense=8
                ),
                AnnualFigures(startup_id=elsewhere, year=year - 1, revenue=500, rd_expense=50),
                FundingRound(startup_id=first, date=date(year - 1, 5, 1), amount=200, kind="vc"),
                FundingRound(startup_id=first, date=date(year - 3, 5, 1), amount=700, kind="vc"),
                FundingRound(startup_id=second, date=date(year - 2, 3, 1), amount=30, kind="grant"),
                FundingRound(startup_id=second, date=date(year - 1, 3, 1), amount=50, kind="angel"),
                FundingRound(startup_id=elsewhere, date=date(year - 1, 3, 1), amount=90, kind="vc"),
                IPAsset(
                    startup_id=first,
                    kind="invention_patent",
                    status="granted",
                    filed_on=date(year - 1, 4, 1) - timedelta(days=400),
                    granted_on=date(year - 1, 4, 1),
                ),
                IPAsset(startup_id=first, kind="invention_patent", status="applied"),
                IPAsset(
                    startup_id=second,
                    kind="utility_model",
                    status="granted",
                    filed_on=date(year - 2, 1, 5) - timedelta(days=400),
                    granted_on=date(year - 2, 1, 5),
                ),
                IPAsset(
                    startup_id=elsewhere,
                    kind="utility_model",
                    status="granted",
                    filed_on=date(year, 1, 5) - timedelta(days=400),
                    granted_on=date(year, 1, 5),
                ),
            ]
        )
        db.session.commit()
