"""One seeded world for the security tests: two carriers with every stage and
everything a route can name, plus one user per role of the access sweep.

Alpha is the carrier under test; every URL parameter names one of alpha's
objects. Beta is the other carrier: its manager and its founder must see
nothing of alpha, and alpha's people nothing of beta.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from core import unit_of_work
from core.applications import operations as applications
from core.applications.models import Application
from core.auth.models import User
from core.certificates.models import Certificate
from core.enrollments.models import Enrollment, Evidence, Milestone
from core.extensions import db
from core.graduation import operations as graduation
from core.graduation.models import Referral
from core.jobs.models import Job, JobStatus
from core.registry import operations as registry
from core.registry.models import AnnualFigures, Certification, FundingRound, IPAsset
from core.tenancy.models import Membership, Role
from core.timeutil import local_today, utcnow
from tests.conftest import PASSWORD, Factory
from tests.stages.support import VALID_CODE

STAGES = ("makerspace", "incubator", "accelerator")
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
INCUBATOR_ANSWERS = {
    "main_business": "高性能尼龙复合材料的研发。",
    "employees": "14",
    "tech_staff": "6",
    "revenue": "120",
    "rd_expense": "18",
    "total_assets": "260",
    "ip_summary": "发明专利1件。",
    "financing_plan": "天使投资200万元。",
    "space_needed": "300",
    "on_site": "y",
}

#: The roles of the access sweep and the user who plays each.
ROLES = {
    "anonymous": None,
    "founder": "founder@alpha.cn",
    "founder_other": "founder@beta.cn",
    "reviewer_unassigned": "reviewer2@alpha.cn",
    "manager_other": "manager@beta.cn",
    "manager": "manager@alpha.cn",
    "admin": "admin@city.cn",
    # Reviews the application of alpha's applicant only, not the sweep's startup.
    "reviewer_assigned": "reviewer1@alpha.cn",
    # A third carrier, gamma, to which the sweep's startup applied and which rejected it.
    "manager_rejected": "manager@gamma.cn",
}

#: Startup names only alpha's people may see (the graduated one is public on /verify).
ALPHA_PRIVATE = ("阿尔法在孵科技有限公司", "阿尔法申请科技有限公司")
BETA_PRIVATE = ("贝塔机密科技有限公司",)


@dataclass
class World:
    app: object
    ids: dict = field(default_factory=dict)
    #: Role → its user's API token.
    tokens: dict = field(default_factory=dict)

    def api_headers(self, role: str) -> dict:
        token = self.tokens.get(role)
        return {"Authorization": f"Bearer {token}"} if token else {}

    def client(self, role: str):
        """A client logged in as the role's user (or as the user with that email)."""
        client = self.app.test_client()
        email = ROLES.get(role, role)
        if email:
            response = client.post("/login", data={"email": email, "password": PASSWORD})
            assert response.status_code == 302, email
        return client


def _post(app, role_email: str, url: str, **kwargs):
    client = app.test_client()
    client.post("/login", data={"email": role_email, "password": PASSWORD})
    response = client.post(url, **kwargs)
    assert response.status_code in (200, 302), (url, response.status_code)
    return response


def build(app) -> World:
    factory = Factory(app)
    alpha = factory.tenant("alpha", stages=STAGES, prefix="ALPHA")
    beta = factory.tenant("beta", stages=STAGES, prefix="BETA")
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer1@alpha.cn", Role.REVIEWER, "Alpha Reviewer One")
    factory.member(alpha, "reviewer2@alpha.cn", Role.REVIEWER, "Alpha Reviewer Two")
    factory.member(beta, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    gamma = factory.tenant("gamma", stages=STAGES, prefix="GAMMA")
    factory.member(gamma, "manager@gamma.cn", Role.MANAGER, "Gamma Manager")
    factory.user("admin@city.cn", "City Admin", admin=True)

    enrolled = factory.startup(ALPHA_PRIVATE[0], founders=("founder@alpha.cn",))
    factory.startup(
        ALPHA_PRIVATE[1],
        founders=("applicant@alpha.cn",),
        credit_code=VALID_CODE,
        founded_on=local_today() - timedelta(days=200),
    )
    graduate = factory.startup("阿尔法毕业科技有限公司", founders=("founder@alpha.cn",))
    secret = factory.startup(BETA_PRIVATE[0], founders=("founder@beta.cn",))
    enrollment = factory.enrollment(alpha, enrolled, "incubator", date(2025, 1, 1))
    graduating = factory.enrollment(alpha, graduate, "makerspace", date(2024, 1, 1))
    factory.enrollment(beta, secret, "incubator", date(2025, 1, 1))
    ids = {"alpha_enrollment": enrollment.id, "startup": enrolled.id}

    with app.app_context():
        day = date(2025, 6, 1)
        db.session.add_all(
            [  # one row of each record kind, each the first of its table (id 1)
                FundingRound(startup_id=enrolled.id, date=day, amount=100, kind="angel"),
                AnnualFigures(startup_id=enrolled.id, year=2025, revenue=Decimal(12)),
                IPAsset(startup_id=enrolled.id, kind="design", status="applied", filed_on=day),
                Certification(startup_id=enrolled.id, kind="tech_sme", year=2025, number="R1"),
            ]
        )
        db.session.commit()
        ids["funding_row"] = db.session.scalar(select(FundingRound.id))
        ids["ip"] = db.session.scalar(select(IPAsset.id))
        assert ids["funding_row"] == 1
        ids["milestone"] = db.session.scalar(
            select(Milestone.id).where(Milestone.enrollment_id == enrollment.id).limit(1)
        )
    # Evidence, uploaded as the founder does it.
    _post(
        app,
        "founder@alpha.cn",
        f"/milestones/{ids['milestone']}/update",
        data={"status": "open", "progress": "0", "files": [(io.BytesIO(PDF), "a.pdf")]},
        content_type="multipart/form-data",
    )
    # An application with one assigned reviewer.
    _post(
        app,
        "applicant@alpha.cn",
        "/t/alpha/apply/incubator",
        data={**INCUBATOR_ANSWERS, "action": "submit"},
    )
    with app.test_request_context(method="POST"):
        application = db.session.scalar(select(Application))
        assert application.status == "submitted", application.intake_results
        manager = db.session.scalar(select(User).where(User.email == "manager@alpha.cn"))
        reviewer = db.session.scalar(select(User).where(User.email == "reviewer1@alpha.cn"))
        applications.assign_reviewers(application, {reviewer.id}, manager)
        db.session.commit()
        ids["application"] = application.id
        manager_id = manager.id
    # The enrolled startup applies to gamma too (submitted, so gamma sees its record),
    # and gamma rejects it.
    with app.test_request_context(method="POST"):
        rejected = Application(
            startup_id=enrolled.id, tenant_id=gamma.id, stage="makerspace", status="submitted"
        )
        db.session.add(rejected)
        db.session.flush()
        registry.link([enrolled.id], gamma.id)
        gamma_manager = db.session.scalar(select(User).where(User.email == "manager@gamma.cn"))
        applications.decide(rejected, False, "不符合入驻条件", local_today(), gamma_manager)
        db.session.commit()
    # A graduation with its certificate and referral to the next stage.
    with app.test_request_context(method="POST"):
        manager = db.session.get(User, manager_id)
        with unit_of_work.transaction():
            graduation.graduate(graduating.id, manager, date(2026, 1, 31), "满足条件的历史记录")
    with app.app_context():
        certificate = db.session.scalar(select(Certificate))
        ids["certificate"] = certificate.id
        ids["code"] = certificate.code
        ids["referral"] = db.session.scalar(select(Referral.id))
        ids["evidence"] = db.session.scalar(select(Evidence.id))
        ids["reviewer_membership"] = db.session.scalar(
            select(Membership.id)
            .join(User)
            .where(User.email == "reviewer2@alpha.cn", Membership.tenant_id == alpha.id)
        )
        ids["founder_user"] = db.session.scalar(
            select(User.id).where(User.email == "founder@alpha.cn")
        )
        ids["spare_user"] = db.session.scalar(
            select(User.id).where(User.email == "applicant@alpha.cn")
        )
        ids["graduated_enrollment"] = graduating.id
        assert db.session.get(Enrollment, graduating.id).status == "graduated"
    ids["job"] = manager_download(app, manager_id, alpha.id)
    made, ids["token"] = api_tokens(app)
    return World(app, ids, made)


def api_tokens(app) -> tuple[dict[str, str], int]:
    """A personal access token for each role's user (the API's only credential),
    and the id of a second token of the manager's, for the revoking route."""
    from core.api import tokens

    made, rows = {}, {}
    with app.test_request_context(method="POST"):
        for role, email in ROLES.items():
            if email:
                user = db.session.scalar(select(User).where(User.email == email))
                rows[role], made[role] = tokens.create(user, "security sweep")
        spare, _token = tokens.create(rows["manager"].user, "to revoke")
        db.session.commit()
        return made, spare.id


def manager_download(app, manager_id: int, tenant_id: int) -> int:
    """A finished download of alpha's manager: its page and file are theirs alone."""
    with app.app_context():
        job = Job(
            kind="portfolio.startups",
            owner_id=manager_id,
            tenant_id=tenant_id,
            locale="zh_CN",
            status=JobStatus.DONE,
            result_name="startups.csv",
            result_type="text/csv",
            result=b"name\r\n",
            expires_at=utcnow() + timedelta(hours=1),
        )
        db.session.add(job)
        db.session.commit()
        return job.id
