"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from core.audit.models import AuditEvent
from core.auth.models import User
from core.registry.models import Enrollment, EnrollmentStatus, Startup, startup_founders
from core.tenancy.models import Membership, Role, Tenant

__all__ = [
    "AuditEvent",
    "Enrollment",
    "EnrollmentStatus",
    "Membership",
    "Role",
    "Startup",
    "Tenant",
    "User",
    "startup_founders",
]
