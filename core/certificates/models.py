"""Issued certificates: the stored PDF, its hash, serial number and verification code."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from core.auth.models import User
from core.enrollments.models import Enrollment
from core.extensions import db
from core.plugin_api import bilingual
from core.tenancy.models import Tenant
from core.timeutil import utcnow


class Certificate(db.Model):
    """The graduation certificate, rendered once; downloads serve ``pdf`` as stored.

    The serial ``<carrier prefix>-<year>-<sequence>`` is unique per carrier
    and year through ``(tenant_id, year, sequence)``. The names shown on the
    verification page are kept as printed, so a later rename of the startup
    or carrier does not change what the certificate is said to contain.
    """

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("tenant_id", "year", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The graduation it certifies (``core.graduation`` reads certificates, not the reverse).
    graduation_id: Mapped[int] = mapped_column(
        ForeignKey("graduations.id", ondelete="CASCADE"), unique=True
    )
    #: The enrollment graduated from; its startup is the holder.
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), unique=True
    )
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    #: The unguessable code in the verification URL.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    holder_zh: Mapped[str] = mapped_column(String(200))
    holder_en: Mapped[str] = mapped_column(String(200), default="")
    carrier_zh: Mapped[str] = mapped_column(String(120))
    carrier_en: Mapped[str] = mapped_column(String(160))
    stage: Mapped[str] = mapped_column(String(32))
    admitted_on: Mapped[date] = mapped_column(Date)
    graduated_on: Mapped[date] = mapped_column(Date)
    pdf: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoke_reason: Mapped[str] = mapped_column(Text, default="")

    enrollment: Mapped[Enrollment] = relationship()
    tenant: Mapped[Tenant] = relationship()
    revoked_by: Mapped[User | None] = relationship()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def holder(self, locale: str) -> str:
        return bilingual(locale, self.holder_zh, self.holder_en)

    def carrier(self, locale: str) -> str:
        return bilingual(locale, self.carrier_zh, self.carrier_en)
