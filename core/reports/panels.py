"""The dashboard's charts and tables: numbers from ``dashboard`` with labels and links.

Every number links to the list behind it: the carrier's startup list
filtered by stage and status (or by the year an enrollment ended), the
milestone list filtered by status, or the warnings list filtered by kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _

from core.enrollments.models import EnrollmentStatus, MilestoneStatus
from core.portfolio.listing import ENROLLED
from core.reports import dashboard, trends
from core.reports.charts import Bar, Chart, percent
from core.warnings import rules
from core.warnings.texts import KIND_NAMES

MILESTONE_STATUSES = {status: status.label for status in MilestoneStatus}


def startups_link(**filters) -> str:
    return url_for("portfolio.carrier.startups", **{k: v for k, v in filters.items() if v})


@dataclass(frozen=True)
class FunnelRow:
    stage: object  # the StageSpec, or None for the total
    numbers: dashboard.Funnel

    def link(self, step: str) -> str:
        """The list behind a number.

        *Applied* counts startups whose applications were rejected too; those no
        longer share their record with the carrier, so the number leads to the
        carrier's applications (its own, decided or not), not to the startups.
        """
        if step == "applied":
            return url_for("review.applications_list", status="all")
        key = self.stage.key if self.stage else ""
        status = {"admitted": ENROLLED, "graduated": EnrollmentStatus.GRADUATED}
        return startups_link(stage=key, status=status[step])

    @property
    def admission_rate(self) -> str:
        return percent(self.numbers.admitted, self.numbers.applied)

    @property
    def graduation_rate(self) -> str:
        return percent(self.numbers.graduated, self.numbers.admitted)


@dataclass(frozen=True)
class Dashboard:
    stages: list
    statuses: dict[tuple[str, str], int]
    under_review: dict[str, int]
    funnel: list[FunnelRow]
    total: FunnelRow
    charts: list[Chart]
    milestones: dashboard.MilestoneSummary
    warning_counts: dict[str, int]
    trends: list[trends.Trend]

    @property
    def completion(self) -> str:
        return percent(self.milestones.verified, self.milestones.total)


def build(tenant, stages, today: date) -> Dashboard:
    """Everything the dashboard shows: ten queries, and five that count the warnings."""
    from core.web import localized

    statuses = dashboard.status_counts(tenant.id)
    by_stage, total = dashboard.funnel(tenant.id)
    years = dashboard.graduations_by_year(tenant.id)
    milestones = dashboard.milestones(tenant.id, today)
    # The summary's overdue milestones are the warning's: same condition, one count.
    warning_counts = rules.count_kinds(
        today, tenant.id, known={"milestone.overdue": milestones.overdue}
    )
    funnel_rows = [FunnelRow(s, by_stage.get(s.key, dashboard.Funnel())) for s in stages]
    total_row = FunnelRow(None, total)
    charts = [
        Chart(
            "active",
            _("Active startups by stage"),
            [
                Bar(
                    localized(s),
                    statuses.get((s.key, EnrollmentStatus.ACTIVE), 0),
                    startups_link(stage=s.key, status=EnrollmentStatus.ACTIVE),
                )
                for s in stages
            ],
        ),
        Chart(
            "funnel",
            _("Applied → admitted → graduated"),
            [
                Bar(_("Applied"), total.applied, total_row.link("applied")),
                Bar(
                    _("Admitted"),
                    total.admitted,
                    total_row.link("admitted"),
                    f"{total.admitted} ({total_row.admission_rate})",
                ),
                Bar(
                    _("Graduated"),
                    total.graduated,
                    total_row.link("graduated"),
                    f"{total.graduated} ({total_row.graduation_rate})",
                ),
            ],
        ),
        Chart(
            "graduations",
            _("Graduations per year"),
            [
                Bar(str(year), n, startups_link(status=EnrollmentStatus.GRADUATED, ended=year))
                for year, n in years
            ],
        ),
        Chart(
            "milestones",
            _("Milestones of active startups"),
            [
                Bar(
                    str(label),
                    milestones.by_status.get(status, 0),
                    url_for("reports.milestones", status=status),
                )
                for status, label in MILESTONE_STATUSES.items()
            ]
            + [Bar(_("Overdue"), milestones.overdue, url_for("reports.milestones", overdue=1))],
        ),
        Chart(
            "warnings",
            _("Early warnings"),
            [
                Bar(str(KIND_NAMES[kind]), n, url_for("warnings.index", kind=kind))
                for kind, n in warning_counts.items()
            ],
        ),
    ]
    return Dashboard(
        stages=stages,
        statuses=statuses,
        under_review=dashboard.under_review(tenant.id),
        funnel=funnel_rows,
        total=total_row,
        charts=charts,
        milestones=milestones,
        warning_counts=warning_counts,
        trends=trends.build(tenant.id, stages, today),
    )
