"""The audit log in words: action names, object names and field names, translated.

Events store stable keys (``milestone.verified``, ``status``); these tables
turn them into what a manager reads. A key missing here is shown as it is
stored, so a new action is never hidden, only untranslated.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from core.plugins import incuchain
from core.tenancy.models import Role

ACTIONS = {
    "tenant.created": _l("Carrier created"),
    "tenant.updated": _l("Carrier profile changed"),
    "tenant.seal_uploaded": _l("Seal uploaded"),
    "membership.added": _l("Member added"),
    "membership.removed": _l("Member removed"),
    "settings.updated": _l("Stage settings changed"),
    "startup.created": _l("Startup registered"),
    "startup.updated": _l("Startup record changed"),
    "startup.credit_code_exception": _l("Credit code accepted as an exception"),
    "startup.founder_added": _l("Founder added"),
    "startup.founder_removed": _l("Founder removed"),
    "application.submitted": _l("Application submitted"),
    "application.reviewers_assigned": _l("Reviewers assigned"),
    "application.scored": _l("Application scored"),
    "application.decided": _l("Application decided"),
    "application.withdrawn": _l("Application withdrawn"),
    "enrollment.created": _l("Enrolled"),
    "enrollment.graduated": _l("Graduated"),
    "milestone.created": _l("Milestone added"),
    "milestone.updated": _l("Milestone updated"),
    "milestone.verified": _l("Milestone verified"),
    "milestone.returned": _l("Milestone sent back"),
    "evidence.added": _l("Evidence uploaded"),
    "certificate.revoked": _l("Certificate revoked"),
    "assessment.scores_entered": _l("Assessment scores entered"),
    "startups.imported": _l("Startups imported"),
    "api_token.created": _l("API token created"),
    "api_token.revoked": _l("API token revoked"),
}

OBJECTS = {
    "Tenant": _l("Carrier"),
    "Membership": _l("Membership"),
    "StageSettings": _l("Stage settings"),
    "Startup": _l("Startup"),
    "Application": _l("Application"),
    "Review": _l("Review"),
    "Enrollment": _l("Enrollment"),
    "Graduation": _l("Graduation"),
    "Milestone": _l("Milestone"),
    "Evidence": _l("Evidence file"),
    "Certificate": _l("Certificate"),
    "ApiToken": _l("API token"),
}

FIELDS = {
    "user": _l("User"),
    "role": _l("Role"),
    "founder": _l("Founder"),
    "startup": _l("Startup"),
    "startup_id": _l("Startup"),
    "stage": _l("Stage"),
    "status": _l("Status"),
    "progress": _l("Progress (%)"),
    "notes": _l("Notes"),
    "comment": _l("Comment"),
    "reason": _l("Reason"),
    "serial": _l("Serial number"),
    "name": _l("Name"),
    "name_zh": _l("Name (Chinese)"),
    "name_en": _l("Name (English)"),
    "slug": _l("Address"),
    "admitted_on": _l("Admitted on"),
    "graduated_on": _l("Graduated on"),
    "time_limit_months": _l("Time limit (months)"),
    "eligible": _l("Eligible"),
    "override_reason": _l("Reason for graduating anyway"),
    "reviewers": _l("Reviewers"),
    "scores": _l("Scores"),
    "total": _l("Total"),
    "title": _l("Title"),
    "due_on": _l("Due on"),
    "milestone": _l("Milestone"),
    "size": _l("Size (bytes)"),
    "content_type": _l("File type"),
    "sha256": _l("SHA-256"),
    "credit_code": _l("Unified social credit code"),
    "assessment": _l("Assessment"),
    "enabled_stages": _l("Stages"),
    "serial_prefix": _l("Certificate serial prefix"),
    "file": _l("File"),
    "startups": _l("Startups"),
    "figures": _l("Annual figures"),
    "address": _l("Address"),
    "phone": _l("Phone"),
    "contact_email": _l("Contact email"),
    "description": _l("Description"),
    "email": _l("Email"),
    "key": _l("Key"),
    "title_zh": _l("Title (Chinese)"),
    "title_en": _l("Title (English)"),
    "application": _l("Application"),
}


def stage_name(key) -> str:
    stage = incuchain().stages.get(key)
    return stage.name(str(get_locale())) if stage else str(key)


#: Names of stored values, by field (see ``core.audit.labels``).
VALUES = {
    "role": Role.label_of,
    "stage": stage_name,
    "enabled_stages": stage_name,
}

#: Fields whose values are ids of other objects, named like the objects themselves.
REFERENCES = {
    "reviewers": "User",
    "milestone": "Milestone",
    "application": "Application",
    "startup_id": "Startup",
}
