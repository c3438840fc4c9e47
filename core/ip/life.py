"""An IP right's legal life, derived from its dates, annuity payments and events.

Pure functions of a recorded right (``IPAsset``), its ``AnnuityPayment`` and
``IPEvent`` rows, a day and the ``LegalRules`` in force. Every result names
the clause it rests on (``Clause``), with how sure the reference note is of it
(../shared/domain/innovation-factors.md §1): the VERIFIED clauses are data
here; the PARTIAL or UNVERIFIED ones (the design-patent cut-over, the
surcharge bands) come from settings (``rules_from``), so a carrier's
administrator corrects them without a release.

Counting (专利法实施细则 2023 第五条): the day a period starts is not counted;
a period in years or months ends on the corresponding day of its last month
(the month's last day when it has none); a deadline falling on a 法定休假日
moves to the next working day (``deadline``, with China's official holiday
calendar from ``chinese-calendar`` where it covers the year, weekends only
beyond it). A patent's term is no deadline to act by and does not move: it
is the last day of its last patent year, patent years running from the
filing date (审查指南 第五部分第九章: "第一年度是1999年6月1日至2000年5月31日").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import chinese_calendar

from core.ip.models import AnnuityPayment, EventKind, IPEvent
from core.plugin_api import add_months, add_years

VERIFIED, PARTIAL, UNVERIFIED = "VERIFIED", "PARTIAL", "UNVERIFIED"

#: The rules below: the patent law of 2020, its implementing rules of 2023 (in
#: force 2024-01-20), the trademark law of 2019, the software regulation of 2013.
POLICY_VERSION = "专利法(2020)·专利法实施细则(2023)·商标法(2019)·计算机软件保护条例(2013)"


@dataclass(frozen=True)
class Clause:
    """A clause as a manager sees it: where it is, and how sure the reference is."""

    cite: str
    certainty: str = VERIFIED

    def __str__(self) -> str:
        return self.cite if self.certainty == VERIFIED else f"{self.cite}({self.certainty})"


TERM = Clause("专利法 第四十二条")
TERM_DESIGN_CUTOVER = Clause("专利法 第四十二条;国家知识产权局公告第423号", PARTIAL)
PATENT_YEAR = Clause("审查指南 第五部分第九章(专利年度自申请日起算)", PARTIAL)
EXAM_REQUEST = Clause("专利法 第三十五条")
GRANT_EFFECT = Clause("专利法 第三十九条、第四十条")
ANNUITY = Clause("专利法 第四十三条;专利法实施细则 第一百一十五条")
SURCHARGE = Clause("专利法实施细则 第一百一十五条;滞纳金分档", PARTIAL)
LAPSE = Clause("专利法 第四十四条;专利法实施细则 第一百一十五条")
RESTORATION = Clause("专利法实施细则 第六条")
ASSIGNMENT = Clause("专利法 第十条")
INVALID = Clause("专利法 第四十七条", UNVERIFIED)
LICENCE_FILING = Clause("专利法实施细则 第十五条")
LICENCE_LIFE = Clause("民法典 第八百六十五条")
PLEDGE = Clause("民法典 第四百四十四条")
TRADEMARK = Clause("商标法 第三十九条、第四十条")
SOFTWARE = Clause("计算机软件保护条例 第十四条")
IC_LAYOUT = Clause("集成电路布图设计保护条例 第十二条")
PLANT_VARIETY = Clause("植物新品种保护条例 第三十四条")


@dataclass(frozen=True)
class LegalRules:
    """The rules as data: VERIFIED values fixed, PARTIAL ones given by settings."""

    #: 外观设计 filed on or after this day have 15 years, earlier ones 10 (PARTIAL).
    design_15_years_from: date = date(2021, 6, 1)
    #: The 滞纳金 in percent of the year's annuity, by whole months late: paid within the
    #: first month 0, the second 5 … the sixth 25 (PARTIAL: third-party restatements agree).
    surcharge_bands: tuple[int, ...] = (0, 5, 10, 15, 20, 25)
    #: 专利法 第四十二条 and 商标法 第三十九条.
    years: dict = field(
        default_factory=lambda: {
            "invention_patent": 20,
            "utility_model": 10,
            "trademark": 10,
            "ic_layout": 10,
            # 20 for 藤本植物、林木、果树和观赏树木; the genus is not recorded.
            "plant_variety": 15,
        }
    )
    grace_months: int = 6
    restoration_months: int = 2
    exam_request_years: int = 3
    licence_filing_months: int = 3
    renewal_window_months: int = 12
    renewal_grace_months: int = 6
    software_years: int = 50

    def term_years(self, kind: str, filed_on: date | None) -> int | None:
        if kind == "design":
            if filed_on is None:
                return None
            return 15 if filed_on >= self.design_15_years_from else 10
        return self.years.get(kind)

    def surcharge(self, months_late: int) -> int:
        """The surcharge in percent for an annuity paid in the ``months_late``-th month late."""
        return self.surcharge_bands[min(max(months_late, 1), len(self.surcharge_bands)) - 1]


def rules_from(config) -> LegalRules:
    """The rules with the settings ``IP_DESIGN_15_YEARS_FROM`` and ``IP_SURCHARGE_BANDS``."""
    return LegalRules(
        design_15_years_from=date.fromisoformat(config["IP_DESIGN_15_YEARS_FROM"]),
        surcharge_bands=tuple(int(p) for p in config["IP_SURCHARGE_BANDS"].split(",")),
    )


def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the calendar does not hold yet: weekends only
        return day.weekday() < 5


def deadline(day: date) -> date:
    """``day``, or the first working day after it when it is a holiday (细则 第五条)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


PATENTS = ("invention_patent", "utility_model", "design")


class Status:
    """The computed legal status (``Life.status``)."""

    APPLIED = "applied"  # 申请中
    WITHDRAWN = "withdrawn"  # 视为撤回
    VALID = "valid"  # 有效
    GRACE = "grace"  # 滞纳期 / 宽展期
    TERMINATED = "terminated"  # 已终止
    EXPIRED = "expired"  # 已届满
    INVALID = "invalid"  # 已无效
    TRANSFERRED = "transferred"  # 已转让

    #: Statuses in which the startup holds a right in force.
    IN_FORCE = (VALID, GRACE)


@dataclass(frozen=True)
class Annuity:
    """One patent year's annuity: when it is due, and whether and when it was paid."""

    year: int
    #: The anniversary of the filing date that starts the year.
    starts: date
    #: The deadline (``starts`` moved past holidays).
    due: date
    #: The last day of the six-month grace, moved past holidays.
    grace_ends: date
    paid_on: date | None = None
    #: Paid with the grant formalities (细则 第一百一十四条).
    at_grant: bool = False
    #: The 滞纳金 (percent of the year's annuity) it cost or would cost if paid on the day.
    surcharge: int = 0


@dataclass(frozen=True)
class Life:
    """Everything derived about one right on one day."""

    status: str
    #: The clause the status rests on.
    clause: Clause
    #: The day the status took effect, where one does (a lapse is back-dated to the due date).
    since: date | None = None
    #: The last day of protection, and its clause.
    term_end: date | None = None
    term_clause: Clause | None = None
    #: Compensation CNIPA granted, in days, included in ``term_end``.
    extension_days: int = 0
    annuities: tuple[Annuity, ...] = ()
    #: The annuity in grace or lapsed; the next one due otherwise.
    annuity: Annuity | None = None
    #: 实审 must be requested by this day (发明 applications without a request).
    exam_request_due: date | None = None
    #: The last day to ask for restoration, once the termination notice was received.
    restoration_until: date | None = None
    #: A trademark's renewal window and its grace.
    renewal_opens: date | None = None
    renewal_grace_ends: date | None = None
    #: Who holds it now, when an assignment moved it away; pledges and licences in force.
    owner: str = ""
    pledges: tuple[IPEvent, ...] = ()
    licences: tuple[IPEvent, ...] = ()
    #: Licences whose end is past the right's end or termination (民法典 第八百六十五条).
    licences_outliving: tuple[IPEvent, ...] = ()

    @property
    def in_force(self) -> bool:
        return self.status in Status.IN_FORCE


def patent_year(filed_on: date, day: date) -> int:
    """The patent year of ``day``: 1 from the filing date to the day before its anniversary."""
    year = day.year - filed_on.year + 1
    if day < add_years(filed_on, year - 1):
        year -= 1
    return year


def annuity_schedule(
    right, payments: Iterable[AnnuityPayment], rules: LegalRules, today: date, years: int
) -> tuple[Annuity, ...]:
    """From the grant year (paid at grant) to the last patent year of the term."""
    paid = {p.year: p.paid_on for p in payments}
    first = patent_year(right.filed_on, right.granted_on)
    schedule = []
    for year in range(first, years + 1):
        starts = add_years(right.filed_on, year - 1)
        due = starts if year == first else deadline(starts)
        grace_ends = deadline(add_months(starts, rules.grace_months))
        paid_on = paid.get(year)
        at_grant = year == first
        surcharge = 0
        late_on = paid_on or today
        if not at_grant and late_on > due:
            months = next(
                (m for m in range(1, rules.grace_months + 1) if late_on <= add_months(starts, m)),
                rules.grace_months,
            )
            surcharge = rules.surcharge(months)
        schedule.append(
            Annuity(year, starts, due, grace_ends, paid_on, at_grant=at_grant, surcharge=surcharge)
        )
    return tuple(schedule)


def _transferred(events: list[IPEvent], today: date) -> IPEvent | None:
    """The assignment that moved the right away, unless a later one brought it back."""
    assignments = [e for e in events if e.kind == EventKind.ASSIGNMENT and e.happened_on <= today]
    last = max(assignments, key=lambda e: (e.happened_on, e.id or 0), default=None)
    return last if last is not None and last.direction == "out" else None


def _in_force(events: list[IPEvent], kind: str, today: date) -> tuple[IPEvent, ...]:
    return tuple(
        e
        for e in events
        if e.kind == kind
        and e.happened_on <= today
        and (e.released_on is None or e.released_on > today)
        and (e.ends_on is None or e.ends_on >= today)
    )


def _restored(events: list[IPEvent], after: date) -> bool:
    return any(e.kind == EventKind.RESTORATION and e.happened_on >= after for e in events)


def _patent(right, payments, events, today: date, rules: LegalRules, base: dict) -> Life:
    years = rules.term_years(right.kind, right.filed_on)
    if right.filed_on is None or years is None:
        return Life(
            Status.APPLIED if right.status == "applied" else Status.VALID, GRANT_EFFECT, **base
        )
    term_clause = TERM_DESIGN_CUTOVER if right.kind == "design" else TERM
    extension = right.term_extension_days or 0
    term_end = add_years(right.filed_on, years) - timedelta(days=1) + timedelta(days=extension)
    base = {**base, "term_end": term_end, "term_clause": term_clause, "extension_days": extension}
    if right.status == "applied" or right.granted_on is None:
        if right.kind == "invention_patent" and right.exam_requested_on is None:
            due = deadline(add_years(right.filed_on, rules.exam_request_years))
            if today > due:
                return Life(Status.WITHDRAWN, EXAM_REQUEST, since=due, exam_request_due=due, **base)
            return Life(Status.APPLIED, EXAM_REQUEST, exam_request_due=due, **base)
        return Life(Status.APPLIED, GRANT_EFFECT, **base)
    schedule = annuity_schedule(right, payments, rules, today, years)
    base["annuities"] = schedule
    for annuity in schedule:
        if annuity.at_grant or annuity.due >= today:
            continue
        if annuity.paid_on is not None and annuity.paid_on <= annuity.grace_ends:
            continue
        if annuity.paid_on is not None and _restored(events, annuity.grace_ends):
            continue
        if today <= annuity.grace_ends:
            return Life(Status.GRACE, SURCHARGE, since=annuity.due, annuity=annuity, **base)
        restoration_until = None
        if right.termination_notice_on:
            restoration_until = deadline(
                add_months(right.termination_notice_on, rules.restoration_months)
            )
        life = Life(
            Status.TERMINATED,
            LAPSE,
            since=annuity.starts,
            annuity=annuity,
            restoration_until=restoration_until,
            **base,
        )
        return life
    if today > term_end:
        return Life(Status.EXPIRED, term_clause, since=term_end + timedelta(days=1), **base)
    upcoming = next((a for a in schedule if a.paid_on is None and a.due >= today), None)
    return Life(Status.VALID, ANNUITY, since=right.granted_on, annuity=upcoming, **base)


def _trademark(right, events, today: date, rules: LegalRules, base: dict) -> Life:
    if right.status == "applied" or right.granted_on is None:
        return Life(Status.APPLIED, TRADEMARK, **base)
    expiry = add_years(right.granted_on, rules.years["trademark"]) - timedelta(days=1)
    renewals = sorted(e.happened_on for e in events if e.kind == EventKind.RENEWAL)
    for renewed in renewals:
        if (
            add_months(expiry, -rules.renewal_window_months)
            <= renewed
            <= add_months(expiry, rules.renewal_grace_months)
        ):
            expiry = add_years(expiry, rules.years["trademark"])
    opens = add_months(expiry, -rules.renewal_window_months)
    grace_ends = add_months(expiry, rules.renewal_grace_months)
    base = {
        **base,
        "term_end": expiry,
        "term_clause": TRADEMARK,
        "renewal_opens": opens,
        "renewal_grace_ends": grace_ends,
    }
    if today <= expiry:
        return Life(Status.VALID, TRADEMARK, since=right.granted_on, **base)
    if today <= grace_ends:
        return Life(Status.GRACE, TRADEMARK, since=expiry + timedelta(days=1), **base)
    return Life(Status.EXPIRED, TRADEMARK, since=expiry + timedelta(days=1), **base)


def _other(right, today: date, rules: LegalRules, base: dict) -> Life:
    """Software, IC layouts, plant varieties and kinds without a term rule."""
    term_end, clause = None, GRANT_EFFECT
    if right.kind == "software_copyright":
        clause = SOFTWARE
        if right.published_on:
            term_end = date(right.published_on.year + rules.software_years, 12, 31)
    elif right.kind == "ic_layout" and right.filed_on:
        clause = IC_LAYOUT
        term_end = add_years(right.filed_on, rules.years["ic_layout"]) - timedelta(days=1)
    elif right.kind == "plant_variety" and right.granted_on:
        clause = PLANT_VARIETY
        term_end = add_years(right.granted_on, rules.years["plant_variety"]) - timedelta(days=1)
    base = {**base, "term_end": term_end, "term_clause": clause if term_end else None}
    if right.status == "applied":
        return Life(Status.APPLIED, clause, **base)
    if term_end and today > term_end:
        return Life(Status.EXPIRED, clause, since=term_end + timedelta(days=1), **base)
    return Life(Status.VALID, clause, since=right.granted_on, **base)


def life_of(right, payments, events, today: date, rules: LegalRules) -> Life:
    """The legal life of ``right`` on ``today``."""
    events = sorted(events, key=lambda e: (e.happened_on, e.id or 0))
    base = {
        "pledges": _in_force(events, EventKind.PLEDGE, today),
        "licences": _in_force(events, EventKind.LICENCE, today),
    }
    if right.invalidated_on and right.invalidated_on <= today:
        return Life(Status.INVALID, INVALID, since=right.invalidated_on, **base)
    moved = _transferred(events, today)
    if right.kind in PATENTS:
        life = _patent(right, payments, events, today, rules, base)
    elif right.kind == "trademark":
        life = _trademark(right, events, today, rules, base)
    else:
        life = _other(right, today, rules, base)
    ends = life.since if life.status in (Status.TERMINATED, Status.EXPIRED) else life.term_end
    outliving = tuple(
        e for e in events if e.kind == EventKind.LICENCE and ends and e.ends_on and e.ends_on > ends
    )
    if moved is not None:
        return Life(
            Status.TRANSFERRED,
            ASSIGNMENT,
            since=moved.happened_on,
            term_end=life.term_end,
            term_clause=life.term_clause,
            owner=moved.counterparty,
        )
    return replace(life, licences_outliving=outliving)


def licence_filing_due(licence: IPEvent, rules: LegalRules) -> date:
    """A licence contract must be filed within three months of taking effect (细则 第十五条)."""
    return deadline(add_months(licence.happened_on, rules.licence_filing_months))
