"""Commands under ``flask --app wsgi``."""

from __future__ import annotations

from sqlalchemy import func, select

from core.applications.models import Application, Review
from core.auth.models import User
from core.enrollments.models import Enrollment, Milestone
from core.extensions import db
from core.registry.models import AnnualFigures, Startup
from core.tenancy.models import Membership, Tenant


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


ADMIN = "lantern orchard 平顶山 harbour"


def test_create_admin(runner, app):
    result = runner.invoke(
        args=["create-admin", "--email", "Boss@City.cn", "--name", "Boss", "--password", ADMIN]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "boss@city.cn" and user.is_platform_admin and user.email_verified
    client = app.test_client()
    client.post("/login", data={"email": "boss@city.cn", "password": ADMIN})
    assert client.get("/admin/").status_code == 200


BOSS = "the boss's own passphrase"


def test_create_admin_refuses_a_weak_password_and_creates_nothing(runner, app):
    for weak in ("12345678", "x" * 12, "short"):
        result = runner.invoke(
            args=["create-admin", "--email", "boss@city.cn", "--name", "Boss", "--password", weak]
        )
        assert result.exit_code == 2 and "--password" in result.output, result.output
    assert count(app, User) == 0


def test_create_admin_makes_an_unverified_account_a_verified_admin(runner, app, client):
    client.post(
        "/signup",
        data={
            "name": "Boss",
            "email": "boss@city.cn",
            "password": BOSS,
            "confirm": BOSS,
            "consent": "y",
        },
    )
    result = runner.invoke(
        args=["create-admin", "--email", "boss@city.cn", "--name", "Boss", "--password", ADMIN]
    )
    assert result.exit_code == 0, result.output
    client.post("/login", data={"email": "boss@city.cn", "password": BOSS})
    assert client.get("/admin/").status_code == 200


def test_create_tenant_with_a_first_manager(runner, app):
    result = runner.invoke(
        args=[
            "create-tenant",
            "alpha",
            "--name-zh",
            "阿尔法",
            "--name-en",
            "Alpha",
            "--stages",
            "makerspace,incubator",
            "--prefix",
            "alpha",
            "--manager",
            "m@alpha.cn",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Invited m@alpha.cn to manage it" in result.output
    with app.app_context():
        tenant = db.session.scalar(select(Tenant))
        assert tenant.serial_prefix == "ALPHA"
        assert tenant.enabled_stages == ["makerspace", "incubator"]
    # An invitation, not an account: tests/core/test_invitations.py follows its link.
    assert count(app, Membership) == 0 and count(app, User) == 0


def test_create_tenant_refuses_unknown_stages_and_clashes(runner, app):
    args = ["create-tenant", "alpha", "--name-zh", "甲", "--name-en", "A", "--prefix", "AL"]
    result = runner.invoke(args=[*args, "--stages", "incubator,moonshot"])
    assert result.exit_code != 0 and "moonshot" in result.output
    assert runner.invoke(args=[*args, "--stages", "incubator"]).exit_code == 0
    again = runner.invoke(args=[*args, "--stages", "incubator"])
    assert again.exit_code != 0 and "already uses" in again.output
    bad_slug = runner.invoke(
        args=[
            "create-tenant",
            "Bad Slug",
            "--name-zh",
            "乙",
            "--name-en",
            "B",
            "--prefix",
            "BB",
            "--stages",
            "incubator",
        ]
    )
    assert bad_slug.exit_code != 0
    assert count(app, Tenant) == 1


def test_seed_demo_builds_a_realistic_dataset_and_is_idempotent(runner, app):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "admin@demo.incuchain.cn" in first.output and "incuchain-demo" in first.output
    models = (User, Tenant, Startup, Enrollment, Membership, Milestone, Application, AnnualFigures)
    counts = {m: count(app, m) for m in models}
    assert counts[Tenant] == 3 and 25 <= counts[Startup] <= 40
    with app.app_context():
        stage_sets = [t.enabled_stages for t in db.session.scalars(select(Tenant))]
        fields = set(db.session.scalars(select(Startup.tech_field)))
        stages = set(db.session.scalars(select(Enrollment.stage)))
    assert ["makerspace", "incubator", "accelerator"] in stage_sets
    assert {"new_materials", "nylon_materials", "carbon_materials", "special_steel"} <= fields
    assert {"modern_agriculture", "biomedicine"} <= fields
    assert stages == {"makerspace", "incubator", "accelerator"}
    assert count(app, Milestone) > 5 * counts[Enrollment]
    assert count(app, AnnualFigures) > 20 and count(app, Review) >= 2
    with app.app_context():
        submitted = db.session.scalars(select(Application.status)).all()
    assert submitted == ["submitted", "submitted"]
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert {m: count(app, m) for m in counts} == counts


def test_seed_demo_logins_work(runner, app):
    output = runner.invoke(args=["seed-demo"]).output
    emails = [line.split()[-2] for line in output.splitlines() if "@" in line]
    assert any(e.startswith("founder") for e in emails)
    client = app.test_client()
    for email in emails:
        response = client.post("/login", data={"email": email, "password": "incuchain-demo"})
        assert response.status_code == 302, email
        client.post("/logout")
