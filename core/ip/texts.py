"""What the legal life says, in the reader's language, each fact with its clause."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.ip.life import Life, Status
from core.ip.models import EventKind

STATUS_NAMES = {
    Status.APPLIED: _l("Pending"),
    Status.WITHDRAWN: _l("Deemed withdrawn"),
    Status.VALID: _l("In force"),
    Status.GRACE: _l("In grace period"),
    Status.TERMINATED: _l("Terminated"),
    Status.EXPIRED: _l("Expired"),
    Status.INVALID: _l("Invalidated"),
    Status.TRANSFERRED: _l("Assigned away"),
}

EVENT_NAMES = {
    EventKind.ASSIGNMENT: _l("Assignment"),
    EventKind.LICENCE: _l("Licence"),
    EventKind.PLEDGE: _l("Pledge"),
    EventKind.RESTORATION: _l("Restoration"),
    EventKind.RENEWAL: _l("Renewal"),
}

LICENCE_NAMES = {
    "exclusive": _l("Exclusive licence"),
    "sole": _l("Sole licence"),
    "ordinary": _l("Ordinary licence"),
}

DIRECTION_NAMES = {"out": _l("From the startup"), "in": _l("To the startup")}


def explain(life: Life) -> list[str]:
    """The facts that make the status, one sentence each, each naming its clause."""
    lines = []
    if life.term_end:
        lines.append(
            _(
                "Protected until %(day)s (%(clause)s).",
                day=life.term_end.isoformat(),
                clause=life.term_clause,
            )
        )
    if life.extension_days:
        lines.append(
            _(
                "Includes %(days)s days of term compensation as CNIPA decided (专利法 第四十二条).",
                days=life.extension_days,
            )
        )
    if life.exam_request_due:
        lines.append(
            _(
                "Substantive examination must be requested by %(day)s, or the application is "
                "deemed withdrawn (%(clause)s).",
                day=life.exam_request_due.isoformat(),
                clause=life.clause,
            )
        )
    annuity = life.annuity
    if life.status == Status.GRACE and annuity is not None:
        lines.append(
            _(
                "The annuity of year %(year)s was due on %(due)s and is unpaid: it can still be "
                "paid until %(until)s with a surcharge of %(percent)s%% of that year’s annuity "
                "(%(clause)s).",
                year=annuity.year,
                due=annuity.due.isoformat(),
                until=annuity.grace_ends.isoformat(),
                percent=annuity.surcharge,
                clause=life.clause,
            )
        )
    elif life.status == Status.TERMINATED and annuity is not None:
        lines.append(
            _(
                "The annuity of year %(year)s was not paid by %(until)s: the right terminated "
                "as of its due date, %(since)s (%(clause)s).",
                year=annuity.year,
                until=annuity.grace_ends.isoformat(),
                since=life.since.isoformat(),
                clause=life.clause,
            )
        )
        if life.restoration_until:
            lines.append(
                _(
                    "Restoration may be requested until %(day)s, two months from receipt of "
                    "the notice (专利法实施细则 第六条).",
                    day=life.restoration_until.isoformat(),
                )
            )
        else:
            lines.append(
                _(
                    "Restoration may be requested within two months of receiving CNIPA’s notice "
                    "(专利法实施细则 第六条): record the day it was received."
                )
            )
    elif annuity is not None:
        lines.append(
            _(
                "The annuity of year %(year)s is due on %(due)s (%(clause)s).",
                year=annuity.year,
                due=annuity.due.isoformat(),
                clause=life.clause,
            )
        )
    if life.renewal_opens and life.status in Status.IN_FORCE:
        lines.append(
            _(
                "Renewal may be filed from %(opens)s, and with the grace period until %(until)s "
                "(商标法 第四十条).",
                opens=life.renewal_opens.isoformat(),
                until=life.renewal_grace_ends.isoformat(),
            )
        )
    if life.status == Status.TRANSFERRED:
        lines.append(
            _(
                "Assigned to %(owner)s on %(day)s: an assignment takes effect on its "
                "registration (专利法 第十条).",
                owner=life.owner,
                day=life.since.isoformat(),
            )
        )
    for pledge in life.pledges:
        lines.append(
            _(
                "Pledged to %(pledgee)s since %(day)s (民法典 第四百四十四条): it may not be "
                "assigned or licensed without the pledgee’s consent.",
                pledgee=pledge.counterparty,
                day=pledge.happened_on.isoformat(),
            )
        )
    for licence in life.licences_outliving:
        lines.append(
            _(
                "The licence to %(licensee)s runs to %(day)s, beyond the right’s end: a licence "
                "is valid only while the right lasts (民法典 第八百六十五条).",
                licensee=licence.counterparty,
                day=licence.ends_on.isoformat(),
            )
        )
    return lines


def high_value(categories) -> list[str]:
    """Each 高价值发明专利 category met, with its evidence (innovation-factors.md §2.1)."""
    sentences = {
        "overseas_family": _l("Family members granted abroad: %(evidence)s."),
        "maintained": _l("Maintained more than 10 years, counted from %(evidence)s."),
        "pledge": _l("Pledge financing of %(evidence)s, at least the platform’s threshold."),
        "award": _l("A national S&T award or China Patent Award (%(evidence)s)."),
    }
    return [str(sentences[c.key]) % {"evidence": c.evidence} for c in categories]
