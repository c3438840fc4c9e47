"""Shared fixtures in the Flask tutorial's style: ``app``, ``client``, ``runner``, ``auth``.

Each test gets its own application. On SQLite (the default) each test also
gets its own database file. When ``INCUCHAIN_TEST_DB`` names a PostgreSQL
database (``make test`` sets it from ``TEST_DATABASE_URL``), the schema is
created once per process and every table is emptied after each test.

``make test`` runs the suite in parallel (pytest-xdist, ``-n``): on
PostgreSQL each worker then has a database of its own, derived from
``INCUCHAIN_TEST_DB`` (``…_gw0``, ``…_gw1``; see ``tests/databases.py``).
"""

from __future__ import annotations

import importlib.metadata
import os
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, select, text

from core import create_app
from core.auth import operations as accounts
from core.auth.models import User
from core.carriers import operations as tenancy
from core.config import ROOT, normalise_database_url
from core.enrollments.operations import enroll
from core.extensions import db
from core.plugin_api.testing import FakeDistribution, compile_catalogs
from core.registry.models import Startup
from core.tenancy.models import Role, Tenant
from tests import databases

PASSWORD = "correct horse battery"
#: The PostgreSQL database of the run, when there is one.
RUN_DB = normalise_database_url(os.environ.get("INCUCHAIN_TEST_DB") or "")
#: The xdist worker this process is (``gw0``, ``gw1``, …); empty in a run without workers.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
#: This process's PostgreSQL database: the run's own, or the worker's.
EXTERNAL_DB = databases.worker_database_url(RUN_DB, WORKER) if RUN_DB else ""


def pytest_sessionstart(session):
    if EXTERNAL_DB and WORKER:
        databases.create_database(EXTERNAL_DB)


def pytest_unconfigure(config):
    # The controller drops the workers' databases once every worker has stopped,
    # including those of workers that crashed (xdist replaces them under new ids).
    if RUN_DB and not WORKER:
        databases.drop_worker_databases(RUN_DB)


def test_config(tmp_path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": EXTERNAL_DB or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "WTF_CSRF_ENABLED": False,
        "INCUCHAIN_LOAD_ENTRYPOINTS": False,
        # Cheap hashing keeps the suite fast; production uses the defaults.
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST_KIB": 8,
        "ARGON2_PARALLELISM": 1,
        # Jobs run where they are sent, within the request that sent them.
        "JOBS_IMMEDIATE": True,
        # Production requires 2-step verification of admins and managers; the suite logs
        # in with passwords, and tests/core/test_mfa.py turns the requirement on.
        "MFA_REQUIRED_FOR": (),
    }
    config.update(overrides)
    return config


def link_carriers() -> None:
    """Link startups to the carriers of the applications and enrollments a test added directly.

    Submitting and enrolling link a startup to its carrier (``CarrierLink``);
    tests that insert those rows themselves call this afterwards, as the
    migrations that introduced the links and their states did for existing rows.
    """
    db.session.execute(
        text(
            "INSERT INTO carrier_links (startup_id, tenant_id, state, created_at) "
            "SELECT startup_id, tenant_id, 'applied', CURRENT_TIMESTAMP FROM ("
            "SELECT startup_id, tenant_id FROM enrollments "
            "UNION SELECT startup_id, tenant_id FROM applications WHERE status <> 'draft'"
            ") AS linked WHERE NOT EXISTS (SELECT 1 FROM carrier_links AS l "
            "WHERE l.startup_id = linked.startup_id AND l.tenant_id = linked.tenant_id)"
        )
    )
    db.session.execute(
        text(
            "UPDATE carrier_links SET state = CASE WHEN EXISTS (SELECT 1 FROM enrollments e "
            "WHERE e.startup_id = carrier_links.startup_id "
            "AND e.tenant_id = carrier_links.tenant_id) THEN 'enrolled' "
            "WHEN EXISTS (SELECT 1 FROM applications a "
            "WHERE a.startup_id = carrier_links.startup_id "
            "AND a.tenant_id = carrier_links.tenant_id "
            "AND a.status IN ('submitted', 'admitted')) THEN 'applied' ELSE 'closed' END"
        )
    )
    db.session.commit()


def assign_reviewer(app, tenant_id: int, startup_id: int, email: str, stage="makerspace"):
    """A submitted application of the startup at the carrier, assigned to the reviewer ``email``.

    Reviewers see only the startups of the applications assigned to them.
    """
    from core.applications.models import Application, Review

    with app.app_context():
        reviewer = db.session.scalar(select(User).where(User.email == email))
        application = Application(
            startup_id=startup_id, tenant_id=tenant_id, stage=stage, status="submitted"
        )
        application.reviews.append(Review(reviewer_id=reviewer.id))
        db.session.add(application)
        db.session.commit()
        link_carriers()
        return application.id


def empty_database() -> None:
    """Remove every row, leaving the schema for the next test."""
    db.session.remove()
    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def smtp_server():
    """A real SMTP server on a local port; ``smtp_server.use(app)`` sends the app's mail there."""
    from tests.mailbox import SMTPServer

    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def make_app(tmp_path, monkeypatch):
    """Build an application with its schema; extra config as keyword arguments."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    apps = []

    def factory(**overrides):
        app = create_app(test_config(tmp_path, **overrides))
        with app.app_context():
            db.create_all()
            if EXTERNAL_DB and not apps:
                empty_database()
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            if EXTERNAL_DB:
                empty_database()
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = PASSWORD, **kwargs):
        return self._client.post("/login", data={"email": email, "password": password}, **kwargs)

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class Factory:
    """Rows for tests, each committed in its own app context.

    The objects returned are detached but fully loaded, so tests can read
    their attributes; requests made by the test client never share a
    context (or ``g``) with the test.
    """

    def __init__(self, app):
        self.app = app

    def _commit(self, obj):
        db.session.commit()
        db.session.refresh(obj)
        return obj

    def user(self, email: str, name: str = "Test User", *, admin: bool = False):
        with self.app.app_context():
            return self._commit(
                accounts.create_user(email, name, PASSWORD, verified=True, platform_admin=admin)
            )

    def tenant(self, slug: str, stages=("makerspace", "incubator"), prefix: str | None = None):
        values = {
            "name_zh": f"{slug}载体",
            "name_en": f"{slug} carrier",
            "enabled_stages": list(stages),
            "serial_prefix": prefix or slug.upper().replace("-", "")[:12],
        }
        with self.app.app_context():
            return self._commit(tenancy.create_tenant(slug, values))

    def member(self, tenant: Tenant, email: str, role: Role, name: str = "Member"):
        """The user with ``role`` at ``tenant``, created when needed."""
        with self.app.app_context():
            user = accounts.find_user(email) or accounts.create_user(
                email, name, PASSWORD, verified=True
            )
            tenant = db.session.merge(tenant)
            membership = tenancy.add_member(tenant, user, role)
            if membership is None:
                return accounts.find_user(email)
            db.session.commit()
            return self._commit(membership.user)

    def startup(
        self,
        name_zh: str = "测试科技有限公司",
        *,
        founders: tuple[str, ...] = (),
        kind: str = "company",
        tech_field: str = "new_materials",
        credit_code: str | None = None,
        founded_on: date | None = None,
        **fields,
    ):
        """A startup; ``founders`` are emails of users created when needed."""
        with self.app.app_context():
            users = []
            for email in founders:
                user = accounts.find_user(email) or accounts.create_user(
                    email, "创业者", PASSWORD, verified=True
                )
                users.append(user)
            startup = Startup(
                name_zh=name_zh,
                kind=kind,
                tech_field=tech_field,
                credit_code=credit_code,
                founded_on=founded_on,
                founders=users,
                **fields,
            )
            db.session.add(startup)
            return self._commit(startup)

    def enrollment(self, tenant: Tenant, startup, stage: str, admitted_on: date | None = None):
        """Enroll ``startup`` as admission does: time limit and the stage's milestones."""
        with self.app.app_context():
            enrollment = enroll(
                db.session.merge(startup),
                db.session.merge(tenant),
                stage,
                admitted_on or date.today(),
            )
            return self._commit(enrollment)


@pytest.fixture
def factory(app):
    return Factory(app)


@pytest.fixture
def count_queries(app):
    """``with count_queries() as counted: ...`` then ``counted()`` is the number of statements."""

    @contextmanager
    def counter():
        statements: list[str] = []

        def before(_conn, _cursor, statement, *_args):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield lambda: len(statements)
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counter


@pytest.fixture
def install_plugins(monkeypatch):
    """``install_plugins(name=module, ...)`` makes those plugins look pip-installed."""

    def install(**modules):
        dists = [FakeDistribution(name, module) for name, module in modules.items()]
        monkeypatch.setattr(importlib.metadata, "distributions", lambda: dists)

    return install


@pytest.fixture(scope="session")
def techtransfer_catalogue():
    """The fourth stage's own catalogue, compiled: only its ``.po`` is kept in git."""
    return compile_catalogs(ROOT / "tests" / "fixture_plugins" / "techtransfer_translations")


@pytest.fixture
def techtransfer_app(make_app, install_plugins, techtransfer_catalogue):
    """An app with the tests-only fourth stage installed as a third-party plugin."""
    install_plugins(techtransfer="tests.fixture_plugins.techtransfer")
    return make_app(INCUCHAIN_LOAD_ENTRYPOINTS=True)
