"""axe-core over the main pages of every role: no serious or critical violation.

axe-core (``tests/e2e/vendor/axe-core``, from the npm registry) is evaluated in each page through
the browser's devtools protocol, which the Content-Security-Policy does not govern; the pages
themselves load nothing but their own scripts. The data is the demo dataset, so every page has
rows, forms and charts to check.
"""

from __future__ import annotations

from pathlib import Path
from pprint import pformat

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from core import demo, unit_of_work
from core.applications.models import Application, ApplicationStatus
from core.auth.operations import find_user
from core.certificates.models import Certificate
from core.enrollments.models import Enrollment
from core.extensions import db
from core.registry.models import Startup
from core.tenancy.models import Tenant
from tests.e2e.test_journeys import log_in

ROOT = Path(__file__).resolve().parents[2]
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
CARRIER = "/t/pds-hitech"
FOUNDER = "founder09@demo.incuchain.cn"

#: Each role's login (None: a visitor) and main pages; ``{startup}``, ``{enrollment}``,
#: ``{application}`` and ``{code}`` are the demo's rows, found after loading it.
PAGES = {
    "public": (
        None,
        ["/", "/login", "/signup", "/password/reset", "/privacy", "/stages/incubator"]
        + ["/verify", "/verify/{code}"],
    ),
    "admin": (
        "admin@demo.incuchain.cn",
        ["/admin/", "/admin/tenants/new", "/admin/tenants/pds-hitech", "/admin/users"]
        + ["/admin/city/"],
    ),
    "manager": (
        "manager@pds-hitech.example.cn",
        [f"{CARRIER}/{path}" for path in ("", "dashboard", "startups", "applications")]
        + [f"{CARRIER}/{path}" for path in ("applications/{application}", "stages/incubator")]
        + [f"{CARRIER}/{path}" for path in ("warnings", "milestones", "members", "settings")]
        + [f"{CARRIER}/{path}" for path in ("audit", "certificates", "import", "statistics")]
        + ["/startups/{startup}", "/enrollments/{enrollment}"],
    ),
    "reviewer": (
        "reviewer1@pds-hitech.example.cn",
        ["/", f"{CARRIER}/applications", f"{CARRIER}/applications/{{application}}"]
        + ["/notifications"],
    ),
    "founder": (
        FOUNDER,
        ["/", "/startups/", "/startups/{startup}", "/enrollments/{enrollment}", "/applications"]
        + ["/notifications", "/account"],
    ),
}

#: axe's results reduced to what a failure message needs.
RUN_AXE = """async () => {
  const results = await axe.run(document);
  return results.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


def load_demo(app) -> dict[str, object]:
    """Load the demo dataset; the rows the pages name and the demo's password."""
    with app.app_context():
        with unit_of_work.transaction():
            logins = demo.load(ROOT / "demo" / "dataset.json")
        enrollment = db.session.scalars(
            select(Enrollment)
            .join(Enrollment.startup)
            .where(Startup.founders.contains(find_user(FOUNDER)))
        ).first()
        carrier = db.session.scalar(select(Tenant.id).where(Tenant.slug == "pds-hitech"))
        return {
            "startup": enrollment.startup_id,
            "enrollment": enrollment.id,
            "application": db.session.scalar(
                select(Application.id)
                .where(
                    Application.tenant_id == carrier,
                    Application.status == ApplicationStatus.SUBMITTED,
                )
                .order_by(Application.id)
            ),
            "code": db.session.scalar(select(Certificate.code).order_by(Certificate.id)),
            "password": logins[0][2],
        }


def violations(page: Page, path: str) -> list[dict]:
    response = page.goto(path)
    assert response.status == 200, path
    page.evaluate(AXE)
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("role", PAGES)
def test_the_main_pages_of_every_role_have_no_serious_accessibility_violation(
    new_page, live_server, role
):
    rows = load_demo(live_server.app)
    email, paths = PAGES[role]
    found = {}
    for size, viewport in SIZES.items():
        page = new_page(viewport=viewport)
        if email:
            log_in(page, email, rows["password"])
            page.wait_for_url(f"{live_server.url}/")
        for path in paths:
            path = path.format(**rows)
            if problems := violations(page, path):
                found[size, path] = problems
    assert found == {}, pformat(found, width=100)
