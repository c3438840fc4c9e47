"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from core.api.models import ApiToken
from core.assessments.models import ManualScore
from core.audit.models import AuditEvent
from core.auth.models import User
from core.certificates.models import Certificate
from core.graduation.models import Graduation, Referral
from core.registry.models import (
    AnnualFigures,
    Certification,
    CorporateEvent,
    Enrollment,
    EnrollmentStatus,
    FundingRound,
    IPAsset,
    Startup,
    startup_founders,
)
from core.settings.models import StageSettings
from core.tenancy.models import Membership, Role, Tenant
from core.warnings.models import ReminderSent
from core.workflow.models import (
    Application,
    ApplicationStatus,
    Evidence,
    Milestone,
    MilestoneChange,
    MilestoneStatus,
    Notification,
    Review,
)

__all__ = [
    "ApiToken",
    "AnnualFigures",
    "Application",
    "ApplicationStatus",
    "AuditEvent",
    "Certificate",
    "Certification",
    "CorporateEvent",
    "Enrollment",
    "EnrollmentStatus",
    "Evidence",
    "ManualScore",
    "FundingRound",
    "Graduation",
    "IPAsset",
    "Membership",
    "Milestone",
    "MilestoneChange",
    "MilestoneStatus",
    "Notification",
    "Referral",
    "ReminderSent",
    "Review",
    "Role",
    "StageSettings",
    "Startup",
    "Tenant",
    "User",
    "startup_founders",
]
