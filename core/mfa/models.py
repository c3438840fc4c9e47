"""A user's second factor: a TOTP secret (RFC 6238) and their recovery codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.timeutil import utcnow


class TwoStep(db.Model):
    """One user's authenticator app: set up first, then turned on by a code and the password."""

    __tablename__ = "two_step_credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    #: The base32 secret, encrypted with a key derived from ``SECRET_KEY`` (``core.mfa.totp``).
    secret_encrypted: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: When a code and the password turned it on; ``None`` while the QR code is being scanned.
    enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The RFC 6238 time step of the last code accepted: that code, and any older one, is
    #: refused from then on (ASVS 5.0 6.5.1).
    last_used_step: Mapped[int | None] = mapped_column(BigInteger)

    user: Mapped[User] = relationship()
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        back_populates="credential", cascade="all, delete-orphan", order_by="RecoveryCode.id"
    )

    @property
    def is_on(self) -> bool:
        return self.enabled_at is not None


class RecoveryCode(db.Model):
    """A single-use code for when the authenticator app is lost; only its argon2 hash is kept."""

    __tablename__ = "two_step_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    credential_id: Mapped[int] = mapped_column(
        ForeignKey("two_step_credentials.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    credential: Mapped[TwoStep] = relationship(back_populates="recovery_codes")
