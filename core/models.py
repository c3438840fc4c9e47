"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from core.api.models import ApiToken
from core.audit.models import AuditEvent
from core.auth.models import User
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
    "Certification",
    "CorporateEvent",
    "Enrollment",
    "EnrollmentStatus",
    "Evidence",
    "FundingRound",
    "IPAsset",
    "Membership",
    "Milestone",
    "MilestoneChange",
    "MilestoneStatus",
    "Notification",
    "Review",
    "Role",
    "StageSettings",
    "Startup",
    "Tenant",
    "User",
    "startup_founders",
]
