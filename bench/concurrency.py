"""Concurrent writers through the whole app: errors, lost updates, certificates per graduation.

Workers (processes by default, like gunicorn's; or threads) each log in as a
founder and as a manager and, until the time is up, post what people post
at once: milestone updates on a few shared milestones, funding rounds (the
figures a founder submits) and graduations of a few shared enrollments. Then
the database is checked:

- errors: responses of 500 and above (what a user would see as a failure);
- lost updates: an accepted post whose row is missing, a milestone whose
  state is not its last recorded change, or an update that read a stale
  value: its audited "before" is not what the previous update left (what
  a read outside the write transaction gives);
- certificates per graduation: every enrollment graduated at most once, with
  exactly one certificate.

    .venv/bin/python bench/concurrency.py [--workers 8] [--seconds 30] [--threads]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/incuchain_bench]

Without ``--database-url`` it runs on a new SQLite file in WAL mode. Results
go to docs/performance.md, "Concurrency". tests/security/test_concurrency.py
runs the same check briefly.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

PASSWORD = "concurrency bench password"
#: Shared targets: few, so that workers collide on them.
MILESTONES = 4
GRADUATIONS = 6


@dataclass
class Tally:
    """What one worker saw."""

    requests: int = 0
    errors: int = 0
    statuses: Counter = field(default_factory=Counter)
    #: Accepted posts: milestone id → number of accepted updates; funding rows added.
    milestone_updates: Counter = field(default_factory=Counter)
    funding_added: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.requests += other.requests
        self.errors += other.errors
        self.statuses.update(other.statuses)
        self.milestone_updates.update(other.milestone_updates)
        self.funding_added += other.funding_added
        self.error_samples.extend(other.error_samples[:3])


def make_app(database_url: str, instance: Path, deferred: bool = False):
    os.environ["INSTANCE_PATH"] = str(instance)
    from core import create_app, database

    if deferred:  # for comparison: every SQLite transaction deferred, as before
        database.begin_statement = lambda: "BEGIN"

    return create_app(
        {
            "SECRET_KEY": "concurrency-bench",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "UPLOAD_DIR": str(instance / "uploads"),
            "WTF_CSRF_ENABLED": False,
            "INCUCHAIN_LOAD_ENTRYPOINTS": False,
            "RATELIMIT_ENABLED": False,
            # Cheap hashing: the log-ins are not what is measured.
            "ARGON2_MEMORY_COST_KIB": 8,
            # The workers log in with passwords; the manager is not asked for a code.
            "MFA_REQUIRED_FOR": (),
        }
    )


def seed(app, workers: int) -> dict:
    """A carrier, its manager, one founder and startup per worker, shared targets."""
    from core.auth import operations as accounts
    from core.carriers import operations as tenancy
    from core.enrollments.models import Milestone
    from core.enrollments.operations import enroll
    from core.extensions import db
    from core.registry.models import Startup
    from core.tenancy.models import Role

    with app.app_context():
        db.drop_all()
        db.create_all()
        tenant = tenancy.create_tenant(
            "bench",
            {
                "name_zh": "压测载体",
                "name_en": "Bench carrier",
                "enabled_stages": ["incubator"],
                "serial_prefix": "BENCH",
            },
        )
        accounts.create_user("manager@bench.cn", "Manager", PASSWORD, verified=True)
        tenancy.add_member(tenant, accounts.find_user("manager@bench.cn"), Role.MANAGER)
        founders = [f"founder{i}@bench.cn" for i in range(workers)]
        shared = Startup(name_zh="共享科技有限公司", kind="team", tech_field="new_materials")
        own = []
        for email in founders:
            user = accounts.create_user(email, email, PASSWORD, verified=True)
            shared.founders.append(user)
            own.append(
                Startup(
                    name_zh=f"{email}科技", kind="team", tech_field="new_materials", founders=[user]
                )
            )
        db.session.add_all([shared, *own])
        db.session.flush()
        enrollment = enroll(shared, tenant, "incubator", date(2025, 1, 1))
        graduating = []
        for n in range(GRADUATIONS):
            startup = Startup(name_zh=f"毕业科技{n}", kind="team", tech_field="new_materials")
            db.session.add(startup)
            db.session.flush()
            graduating.append(enroll(startup, tenant, "incubator", date(2025, 1, 1)))
        db.session.commit()
        milestones = db.session.scalars(
            select(Milestone.id)
            .where(Milestone.enrollment_id == enrollment.id)
            .order_by(Milestone.id)
            .limit(MILESTONES)
        ).all()
        return {
            "founders": founders,
            "startups": [s.id for s in own],
            "milestones": list(milestones),
            "graduating": [e.id for e in graduating],
        }


def work(app, world: dict, index: int, seconds: float, limit: int | None = None) -> Tally:
    """One worker's loop: log in, then post until the time is up (or ``limit`` posts)."""
    tally = Tally()
    rng = random.Random(index)
    founder = app.test_client()
    manager = app.test_client()
    for client, email in ((founder, world["founders"][index]), (manager, "manager@bench.cn")):
        response = client.post("/login", data={"email": email, "password": PASSWORD})
        if response.status_code != 302:
            # A log-in writes its session: with deferred transactions it fails like any write.
            tally.errors += 1
            tally.error_samples.append(f"log-in of {email}: {response.status_code}")
            return tally
    startup = world["startups"][index]
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline and (limit is None or n < limit):
        n += 1
        kind = rng.choices(("milestone", "funding", "graduate"), weights=(5, 4, 1))[0]
        if kind == "milestone":
            milestone = rng.choice(world["milestones"])
            response = founder.post(
                f"/milestones/{milestone}/update",
                data={
                    "status": "in_progress",
                    "progress": str(rng.randint(1, 99)),
                    "notes": f"worker {index} update {n}",
                },
            )
            if response.status_code == 302:
                tally.milestone_updates[milestone] += 1
        elif kind == "funding":
            response = founder.post(
                f"/startups/{startup}/funding/new",
                data={
                    "date": "2025-06-01",
                    "kind": "angel",
                    "amount": f"{n}.5",
                    "investor": f"worker {index}",
                },
            )
            if response.status_code == 302:
                tally.funding_added += 1
        else:
            enrollment = rng.choice(world["graduating"])
            response = manager.post(
                f"/enrollments/{enrollment}/graduate",
                data={"override_reason": "压测：并发毕业"},
            )
        tally.requests += 1
        tally.statuses[response.status_code] += 1
        if response.status_code >= 500:
            tally.errors += 1
            if len(tally.error_samples) < 3:
                tally.error_samples.append(f"{kind}: {response.status_code}")
        response.close()
    return tally


def check(app, tally: Tally) -> dict:
    """Compare what the workers were told with what the database holds."""
    from core.audit.models import AuditEvent
    from core.certificates.models import Certificate
    from core.enrollments.models import Milestone, MilestoneChange
    from core.extensions import db
    from core.graduation.models import Graduation
    from core.registry.models import FundingRound

    with app.app_context():
        lost = 0
        for milestone_id, accepted in tally.milestone_updates.items():
            changes = db.session.scalars(
                select(MilestoneChange)
                .where(
                    MilestoneChange.milestone_id == milestone_id,
                    MilestoneChange.action == "updated",
                )
                .order_by(MilestoneChange.id)
            ).all()
            milestone = db.session.get(Milestone, milestone_id)
            lost += max(0, accepted - len(changes))
            if changes and changes[-1].progress != milestone.progress:
                lost += 1
            events = db.session.scalars(
                select(AuditEvent)
                .where(
                    AuditEvent.action == "milestone.updated",
                    AuditEvent.object_id == str(milestone_id),
                )
                .order_by(AuditEvent.id)
            ).all()
            lost += sum(
                1
                for previous, event in zip(events, events[1:], strict=False)
                if event.before.get("notes") != previous.after.get("notes")
            )
        funding = db.session.scalar(select(func.count()).select_from(FundingRound))
        lost += max(0, tally.funding_added - funding)
        per_enrollment = db.session.execute(
            select(Graduation.enrollment_id, func.count()).group_by(Graduation.enrollment_id)
        ).all()
        per_graduation = db.session.execute(
            select(Certificate.graduation_id, func.count()).group_by(Certificate.graduation_id)
        ).all()
        graduations = db.session.scalar(select(func.count()).select_from(Graduation))
    return {
        "requests": tally.requests,
        "errors": tally.errors,
        "lost_updates": lost,
        "graduations": graduations,
        "graduated_twice": sum(1 for _e, c in per_enrollment if c != 1),
        "certificates_per_graduation": sorted({c for _g, c in per_graduation}) or [0],
        "statuses": dict(sorted(tally.statuses.items())),
        "error_samples": tally.error_samples,
    }


def _process_worker(database_url, instance, world, index, seconds, start, deferred):
    app = make_app(database_url, Path(instance), deferred)
    with app.app_context():  # connect before the start, as a warm app server would
        from core.extensions import db

        db.engine.connect().close()
    start.wait()
    return work(app, world, index, seconds)


def run(
    database_url: str,
    instance: Path,
    workers: int,
    seconds: float,
    threads: bool,
    *,
    limit: int | None = None,
    deferred: bool = False,
) -> dict:
    app = make_app(database_url, instance, deferred)
    world = seed(app, workers)
    total = Tally()
    if threads:
        results: list[Tally] = []
        barrier = threading.Barrier(workers)

        def thread(index):
            barrier.wait()
            results.append(work(app, world, index, seconds, limit))

        pool = [threading.Thread(target=thread, args=(i,)) for i in range(workers)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
    else:
        context = multiprocessing.get_context("spawn")
        with context.Manager() as manager, context.Pool(workers) as pool:
            start = manager.Event()
            pending = [
                pool.apply_async(
                    _process_worker,
                    (database_url, str(instance), world, i, seconds, start, deferred),
                )
                for i in range(workers)
            ]
            time.sleep(5)  # let every process import the app and connect
            start.set()
            results = [p.get() for p in pending]
    for result in results:
        total.add(result)
    outcome = check(app, total)
    with app.app_context():
        from core.extensions import db

        db.session.remove()
        db.engine.dispose()
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", action="store_true", help="threads instead of processes")
    parser.add_argument("--database-url", help="default: a new SQLite file (WAL)")
    parser.add_argument(
        "--deferred", action="store_true", help="SQLite: deferred write transactions, to compare"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp)
        url = args.database_url or f"sqlite:///{instance / 'bench.sqlite3'}"
        kind = "threads" if args.threads else "processes"
        mode = " (deferred transactions)" if args.deferred else ""
        print(f"{args.workers} {kind} × {args.seconds:g} s on {url.split('://')[0]}{mode}")
        started = time.monotonic()
        outcome = run(
            url, instance, args.workers, args.seconds, args.threads, deferred=args.deferred
        )
        elapsed = time.monotonic() - started
    for key, value in outcome.items():
        print(f"  {key}: {value}")
    print(f"  requests per second: {outcome['requests'] / args.seconds:.0f} (wall {elapsed:.0f} s)")


if __name__ == "__main__":
    main()
