"""The assessments' one state change: the manual score items a carrier's manager enters."""

from __future__ import annotations

from sqlalchemy import select

from core.assessments.models import ManualScore
from core.audit import service as audit
from core.extensions import db
from core.plugin_api import Assessment
from core.registry.models import Startup


def save_manual_scores(
    startup: Startup, assessment: Assessment, values: dict[str, int | None], tenant
) -> bool:
    """Store the entered items (``None`` clears one) and audit what changed.

    Returns ``False``, recording nothing, when nothing changed.
    """
    rows = {
        row.item: row
        for row in db.session.scalars(
            select(ManualScore).where(
                ManualScore.startup_id == startup.id, ManualScore.assessment == assessment.key
            )
        )
    }
    before, after = audit.changes(
        {key: row.value for key, row in rows.items()},
        {item.key: values.get(item.key) for item in assessment.manual_items},
    )
    if not after:
        return False
    for key, value in after.items():
        row = rows.get(key)
        if value is None:
            db.session.delete(row)
        elif row is None:
            db.session.add(
                ManualScore(startup_id=startup.id, assessment=assessment.key, item=key, value=value)
            )
        else:
            row.value = value
    audit.record(
        "assessment.scores_entered",
        startup,
        tenant=tenant,
        before={"assessment": assessment.key, **before},
        after={"assessment": assessment.key, **after},
    )
    return True
