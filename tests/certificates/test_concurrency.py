"""Concurrent graduations: never twice the same enrollment, never twice the same serial.

Each thread runs the real service in its own application context and
database connection, against the file database (SQLite in WAL mode) or
PostgreSQL, whichever the suite runs on.
"""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from core import unit_of_work
from core.auth.models import User
from core.certificates.models import Certificate
from core.extensions import db
from core.graduation import operations as services
from core.graduation.models import Graduation
from tests.stages.test_graduation_service import fund

ON = date(2026, 6, 30)


def race(app, enrollment_ids: list[int], manager_id: int) -> list[str]:
    """Graduate each id in its own thread, all released at once; the outcomes."""
    barrier = threading.Barrier(len(enrollment_ids))
    outcomes: list[str] = []

    def run(enrollment_id: int):
        with app.test_request_context(method="POST"):  # graduating is a form post
            actor = db.session.get(User, manager_id)
            # A post's transaction holds SQLite's write lock: end it before
            # waiting for the others, as a request ends before the next one.
            db.session.commit()
            barrier.wait()
            try:
                with unit_of_work.transaction():
                    result = services.graduate(enrollment_id, actor, ON)
                outcomes.append(result.certificate.serial)
            except services.GraduationRefused as refused:
                outcomes.append(refused.reason)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in enrollment_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_graduations_get_distinct_consecutive_serials(app, factory, world):
    manager = factory.member(world["alpha"], "manager@alpha.cn", "manager")
    ids = [world["funded"]]
    for i in range(5):
        startup = factory.startup(f"并发科技{i}")
        fund(app, startup.id, "800")
        ids.append(factory.enrollment(world["alpha"], startup, "incubator", date(2025, 1, 1)).id)
    outcomes = race(app, ids, manager.id)
    assert sorted(outcomes) == [f"ALPHA-2026-{n:04d}" for n in range(1, 7)]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 6


def test_the_same_enrollment_graduates_once_however_many_requests_race(app, factory, world):
    manager = factory.member(world["alpha"], "manager@alpha.cn", "manager")
    outcomes = race(app, [world["funded"]] * 4, manager.id)
    assert sorted(outcomes) == ["ALPHA-2026-0001", "ended", "ended", "ended"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Graduation)) == 1
        assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_serials_count_per_carrier_and_year(app, factory, world):
    manager = factory.member(world["alpha"], "manager@alpha.cn", "manager")
    beta = factory.tenant("beta", stages=("incubator",), prefix="BETA")
    beta_manager = factory.member(beta, "manager@beta.cn", "manager")
    other = factory.startup("贝塔科技")
    fund(app, other.id, "800")
    beta_id = factory.enrollment(beta, other, "incubator", date(2025, 1, 1)).id
    with app.test_request_context():
        alpha_actor = db.session.get(User, manager.id)
        first = services.graduate(world["funded"], alpha_actor, date(2025, 12, 31))
        second = services.graduate(world["plain"], alpha_actor, date(2026, 1, 1), "override")
        third = services.graduate(beta_id, db.session.get(User, beta_manager.id), ON)
        assert [first.certificate.serial, second.certificate.serial, third.certificate.serial] == [
            "ALPHA-2025-0001",
            "ALPHA-2026-0001",
            "BETA-2026-0001",
        ]
