"""The legal life of a right, at the edges the clauses fix (innovation-factors.md §1)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from core.ip import life
from core.ip.life import LegalRules, Status, deadline, life_of, patent_year

RULES = LegalRules()


def right(kind="invention_patent", **values):
    fields = {
        "kind": kind,
        "status": "granted",
        "filed_on": date(2020, 3, 2),
        "granted_on": date(2022, 5, 10),
        "published_on": None,
        "exam_requested_on": date(2020, 6, 1),
        "term_extension_days": None,
        "termination_notice_on": None,
        "invalidated_on": None,
    }
    return SimpleNamespace(**{**fields, **values})


def paid(year, on):
    return SimpleNamespace(year=year, paid_on=on)


def event(kind, on, **values):
    fields = {
        "kind": kind,
        "happened_on": on,
        "id": None,
        "direction": "out",
        "counterparty": "",
        "released_on": None,
        "ends_on": None,
    }
    return SimpleNamespace(**{**fields, **values})


def test_patent_years_run_from_the_filing_date():
    # 审查指南: filed 1999-06-01, the first year ends 2000-05-31.
    assert patent_year(date(1999, 6, 1), date(2000, 5, 31)) == 1
    assert patent_year(date(1999, 6, 1), date(2000, 6, 1)) == 2


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day():
    assert deadline(date(2024, 10, 1)) == date(2024, 10, 8)  # 国庆节
    assert deadline(date(2024, 10, 8)) == date(2024, 10, 8)


def test_an_invention_lasts_twenty_years_to_the_day_before_the_anniversary():
    found = life_of(right(), [], [], date(2022, 6, 1), RULES)
    assert found.status == Status.VALID
    assert found.term_end == date(2040, 3, 1) and str(found.term_clause) == "专利法 第四十二条"
    # The grant year (the third) is paid at grant; the fourth falls due on the anniversary.
    assert found.annuities[0].year == 3 and found.annuities[0].at_grant
    assert found.annuity.year == 4 and found.annuity.due == date(2023, 3, 2)


def test_term_compensation_as_decided_is_added():
    found = life_of(right(term_extension_days=100), [], [], date(2022, 6, 1), RULES)
    assert found.term_end == date(2040, 6, 9) and found.extension_days == 100


@pytest.mark.parametrize("filed_on, years", [(date(2021, 5, 31), 10), (date(2021, 6, 1), 15)])
def test_the_design_term_depends_on_the_cut_over(filed_on, years):
    design = right("design", filed_on=filed_on, granted_on=date(2021, 9, 1))
    found = life_of(design, [], [], date(2021, 10, 1), RULES)
    assert found.term_end.year == filed_on.year + years
    assert "PARTIAL" in str(found.term_clause)


def test_the_cut_over_is_a_setting():
    later = LegalRules(design_15_years_from=date(2022, 1, 1))
    assert later.term_years("design", date(2021, 6, 1)) == 10


@pytest.mark.parametrize(
    "today, surcharge",
    [(date(2023, 3, 20), 0), (date(2023, 4, 15), 5), (date(2023, 8, 20), 25)],
)
def test_an_unpaid_annuity_runs_into_the_grace_period_with_its_surcharge(today, surcharge):
    found = life_of(right(), [], [], today, RULES)
    assert found.status == Status.GRACE and found.since == date(2023, 3, 2)
    assert found.annuity.year == 4 and found.annuity.surcharge == surcharge
    # 2023-09-02 is a Saturday: the grace ends on the Monday after.
    assert found.annuity.grace_ends == date(2023, 9, 4)


def test_after_the_grace_the_right_terminated_at_the_due_date():
    found = life_of(right(), [], [], date(2023, 9, 5), RULES)
    assert found.status == Status.TERMINATED and found.since == date(2023, 3, 2)
    assert "第四十四条" in str(found.clause) and found.restoration_until is None
    notice = right(termination_notice_on=date(2023, 10, 10))
    found = life_of(notice, [], [], date(2023, 11, 1), RULES)
    # Two months from receipt of the notice; 2023-12-10 is a Sunday.
    assert found.restoration_until == date(2023, 12, 11)


def test_a_payment_in_grace_keeps_the_right_and_records_its_band():
    found = life_of(right(), [paid(4, date(2023, 5, 10))], [], date(2023, 9, 5), RULES)
    assert found.status == Status.VALID
    assert found.annuities[1].surcharge == 10 and found.annuity.year == 5


def test_a_late_payment_counts_only_with_a_restoration():
    payments = [paid(4, date(2023, 11, 1))]
    assert life_of(right(), payments, [], date(2023, 12, 1), RULES).status == Status.TERMINATED
    restored = [event("restoration", date(2023, 11, 20))]
    assert life_of(right(), payments, restored, date(2023, 12, 1), RULES).status == Status.VALID


def test_an_expired_patent():
    payments = [paid(year, date(2019 + year, 3, 1)) for year in range(4, 21)]
    found = life_of(right(), payments, [], date(2040, 3, 2), RULES)
    assert found.status == Status.EXPIRED and found.since == date(2040, 3, 2)


def test_an_invention_application_must_ask_for_examination_within_three_years():
    pending = right(status="applied", granted_on=None, exam_requested_on=None)
    found = life_of(pending, [], [], date(2022, 1, 1), RULES)
    assert found.status == Status.APPLIED and found.exam_request_due == date(2023, 3, 2)
    found = life_of(pending, [], [], date(2023, 3, 3), RULES)
    assert found.status == Status.WITHDRAWN and "第三十五条" in str(found.clause)


def test_an_assignment_out_transfers_the_right_and_its_ownership():
    events = [event("assignment", date(2023, 1, 5), counterparty="洛阳某公司")]
    found = life_of(right(), [], events, date(2023, 2, 1), RULES)
    assert found.status == Status.TRANSFERRED and found.owner == "洛阳某公司"
    back = [*events, event("assignment", date(2023, 1, 20), direction="in")]
    assert life_of(right(), [], back, date(2023, 2, 1), RULES).status == Status.VALID


def test_pledges_and_licences_in_force():
    pledge = event(
        "pledge", date(2022, 6, 1), counterparty="中原银行", released_on=date(2023, 6, 1)
    )
    licence = event("licence", date(2022, 7, 1), ends_on=date(2045, 1, 1))
    found = life_of(right(), [], [pledge, licence], date(2022, 8, 1), RULES)
    assert found.pledges == (pledge,) and found.licences == (licence,)
    # A licence beyond the patent's end is a data error (民法典 第八百六十五条).
    assert found.licences_outliving == (licence,)
    assert life_of(right(), [], [pledge], date(2023, 6, 1), RULES).pledges == ()


def test_an_invalidated_right():
    found = life_of(right(invalidated_on=date(2024, 1, 1)), [], [], date(2024, 2, 1), RULES)
    assert found.status == Status.INVALID


def test_a_trademark_lasts_ten_years_and_renews_in_its_last_year():
    mark = right("trademark", filed_on=None, granted_on=date(2015, 3, 7))
    found = life_of(mark, [], [], date(2024, 6, 1), RULES)
    assert found.term_end == date(2025, 3, 6) and found.renewal_opens == date(2024, 3, 6)
    assert life_of(mark, [], [], date(2025, 5, 1), RULES).status == Status.GRACE
    assert life_of(mark, [], [], date(2025, 10, 1), RULES).status == Status.EXPIRED
    renewed = [event("renewal", date(2024, 6, 1))]
    assert life_of(mark, [], renewed, date(2025, 10, 1), RULES).term_end == date(2035, 3, 6)


def test_software_copyright_to_the_end_of_the_fiftieth_year():
    software = right("software_copyright", published_on=date(2020, 5, 1))
    found = life_of(software, [], [], date(2024, 1, 1), RULES)
    assert found.term_end == date(2070, 12, 31) and found.status == Status.VALID
    assert str(found.clause) == str(life.SOFTWARE)
