"""The carrier's warnings list and the warnings on the dashboard."""

from __future__ import annotations

from datetime import timedelta

from core.timeutil import local_today
from core.warnings import rules
from tests.reports.support import login, populate


def test_the_list_explains_each_warning_and_filters_by_kind(app, alpha, beta, rows):
    today = local_today()
    late = rows.startup("逾期企业", name_en="Late Co")
    enrollment = rows.enrollment(alpha, late, due_on=today - timedelta(days=1))
    rows.figures(late, today.year - 1)
    milestone = rows.milestone(enrollment, today - timedelta(days=3))
    rows.enrollment(beta, rows.startup("别家企业"), due_on=today - timedelta(days=1))
    manager = login(app, "manager@alpha.cn")

    page = manager.get("/t/alpha/warnings").get_data(as_text=True)
    assert page.count("<tr data-kind=") == 2
    assert "Late Co is past its time limit at alpha carrier" in page
    assert "the milestone “Pilot run” was due on" in page
    assert f'href="/enrollments/{enrollment}#milestone-{milestone}"' in page
    assert "别家企业" not in page

    page = manager.get("/t/alpha/warnings?kind=milestone.overdue").get_data(as_text=True)
    assert page.count("<tr data-kind=") == 1 and "Pilot run" in page
    page = manager.get("/t/alpha/warnings?kind=figures.missing").get_data(as_text=True)
    assert "Nothing needs attention." in page


def test_the_dashboard_counts_warnings_by_kind(app, alpha, rows):
    startup = rows.startup("高企")
    rows.enrollment(alpha, startup)
    rows.certification(startup, "high_tech", valid_until=local_today() + timedelta(days=10))
    page = login(app, "manager@alpha.cn").get("/t/alpha/dashboard").get_data(as_text=True)
    assert 'data-kind="high_tech.expiring" href="/t/alpha/warnings?kind=high_tech.expiring"' in (
        page
    )
    assert "高新技术企业 certificate expiring: 1" in page
    assert "Last year’s figures not reported: 1" in page


def test_pages_of_all_kinds_together_are_the_whole_list_in_order(app, alpha):
    """Paging in SQL kind by kind gives exactly the list evaluated whole, sliced."""
    today = local_today()
    populate(app, alpha, 7, today)
    with app.test_request_context():
        whole = [w.key for w in rules.evaluate(today, alpha.id)]
        tally = rules.count_kinds(today, alpha.id)
        assert sum(tally.values()) == len(whole) and len({w.split(":")[0] for w in whole}) >= 4
        for size in (1, 3, 5):
            paged = []
            for offset in range(0, len(whole), size):
                page = rules.page_of(today, alpha.id, tally, rules.KINDS, offset, size)
                assert len(page) == min(size, len(whole) - offset)
                paged += [w.key for w in page]
            assert paged == whole
