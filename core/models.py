"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from core.api.models import ApiToken
from core.applications.models import Application, ApplicationStatus, Review
from core.assessments.models import ManualScore
from core.audit.models import AuditEvent
from core.auth.models import User
from core.certificates.models import Certificate
from core.enrollments.models import (
    Enrollment,
    EnrollmentStatus,
    Evidence,
    Milestone,
    MilestoneChange,
    MilestoneStatus,
)
from core.graduation.models import Graduation, Referral
from core.invitations.models import Invitation
from core.ip.models import AnnuityPayment, IPEvent
from core.jobs.models import Job
from core.mfa.models import RecoveryCode, TwoStep
from core.notifications.models import Notification
from core.registry.models import (
    AnnualFigures,
    Certification,
    CorporateEvent,
    FundingRound,
    IPAsset,
    Startup,
    startup_founders,
)
from core.settings.models import StageSettings
from core.tenancy.models import Membership, Role, Tenant
from core.warnings.models import ReminderSent

__all__ = [
    "ApiToken",
    "AnnualFigures",
    "AnnuityPayment",
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
    "IPEvent",
    "Invitation",
    "Job",
    "Membership",
    "Milestone",
    "MilestoneChange",
    "MilestoneStatus",
    "Notification",
    "RecoveryCode",
    "Referral",
    "ReminderSent",
    "Review",
    "Role",
    "StageSettings",
    "Startup",
    "Tenant",
    "TwoStep",
    "User",
    "startup_founders",
]
