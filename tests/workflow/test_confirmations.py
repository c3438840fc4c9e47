"""Irreversible actions ask first: the forms carry the question static/confirm.js asks.

The browser side (the dialog, Cancel sends nothing) is in
tests/e2e/test_flow_journey.py; these tests read what each page gives the dialog.
"""

from __future__ import annotations

import html
import re
from datetime import date

from tests.workflow.conftest import STAGE
from tests.workflow.test_review import SCORES_R1, assign


def form_attributes(page: str, form_id: str) -> dict[str, str]:
    """The attributes of the form with ``id=form_id``, unescaped."""
    tag = re.search(rf'<form[^>]*id="{form_id}"[^>]*>', page, re.S)
    assert tag, f"no form {form_id}"
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag.group(0))}


def test_deciding_with_a_review_missing_says_so_before_and_on_the_confirm_step(
    carrier, manager, submitted
):
    assign(manager, carrier, submitted, "r1@tt.cn", "r2@tt.cn")
    carrier.client_for("r1@tt.cn").post(f"/t/tt/applications/{submitted}/score", data=SCORES_R1)
    page = manager.get(f"/t/tt/applications/{submitted}").get_data(as_text=True)
    missing = "1 of 2 assigned reviewers has not given their scores yet."
    assert missing in page
    form = form_attributes(page, "decision-form")
    assert form["data-confirm-detail"] == missing
    assert form["data-confirm-by"] == "decision"
    assert form["data-confirm-admit"].startswith("Admit 转化科技有限公司 to ")
    assert form["data-confirm-reject"].startswith("Reject the application of 转化科技有限公司")
    assert form["data-confirm-cancel"] == "Cancel"

    carrier.client_for("r2@tt.cn").post(
        f"/t/tt/applications/{submitted}/score", data={**SCORES_R1, "comment": "ok"}
    )
    page = manager.get(f"/t/tt/applications/{submitted}").get_data(as_text=True)
    assert "reviews-missing" not in page
    assert "data-confirm-detail" not in form_attributes(page, "decision-form")


def test_deciding_without_any_reviewer_says_so(manager, submitted):
    page = manager.get(f"/t/tt/applications/{submitted}").get_data(as_text=True)
    expected = "No reviewer is assigned: the decision is taken without review scores."
    assert form_attributes(page, "decision-form")["data-confirm-detail"] == expected


def test_graduating_removing_and_deleting_ask_first(carrier, manager, founder):
    enrollment = carrier.factory.enrollment(
        carrier.tenant, carrier.startup, STAGE, date(2020, 1, 1)
    )
    page = manager.get(f"/enrollments/{enrollment.id}").get_data(as_text=True)
    graduate = form_attributes(page, "graduate-form")
    assert graduate["data-confirm"].startswith("Graduate 转化科技有限公司 from ")
    assert "cannot be undone" in graduate["data-confirm"]
    assert graduate["data-busy"] == "Graduating and issuing the certificate…"

    members = manager.get("/t/tt/members").get_data(as_text=True)
    assert 'data-confirm="Remove Reviewer One (r1@tt.cn)? They lose this role at once."' in (
        members
    )

    startup = carrier.startup.id
    founders = founder.get(f"/startups/{startup}/founders").get_data(as_text=True)
    assert "from the founders of 转化科技有限公司?" in founders

    row = {"date": "2024-06-01", "kind": "tech_loan", "amount": "200", "investor": "中原银行"}
    assert founder.post(f"/startups/{startup}/funding/new", data=row).status_code == 302
    record = founder.get(f"/startups/{startup}").get_data(as_text=True)
    row_url = re.search(rf"/startups/{startup}/funding/(\d+)", record).group(0)
    delete = form_attributes(founder.get(row_url).get_data(as_text=True), "delete-row")
    assert delete["data-confirm"] == (
        "Delete this row from the record of 转化科技有限公司? This cannot be undone."
    )
