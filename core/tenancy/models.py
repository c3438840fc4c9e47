"""Carrier organisations (tenants) and who belongs to them."""

from __future__ import annotations

import re
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from core.auth.models import User
from core.extensions import db
from core.labelled import LabelledEnum
from core.plugin_api import bilingual
from core.timeutil import utcnow

#: A carrier's address name in URLs: lower-case letters, digits and inner hyphens.
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
#: Certificate serial prefix: 2 to 12 capitals or digits, starting with a letter.
PREFIX_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")


class Role(LabelledEnum):
    MANAGER = "manager", _l("Manager")
    REVIEWER = "reviewer", _l("Reviewer")
    FOUNDER = "founder", _l("Founder")


class Tenant(db.Model):
    """A carrier organisation that runs one or more stages of the chain."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(160))
    #: Keys of the stages this carrier runs; unknown keys are ignored on display.
    enabled_stages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Prefix of certificate serial numbers, unique across carriers.
    serial_prefix: Mapped[str] = mapped_column(String(12), unique=True)
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    #: The seal image printed on certificates (PNG or JPEG), loaded only when asked for.
    seal: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    seal_mime: Mapped[str] = mapped_column(String(20), default="")
    #: Blind review: reviewers see the others' scores only once the application is decided
    #: (otherwise once they have given their own).
    reviews_hidden_until_decision: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def name(self, locale: str) -> str:
        return bilingual(locale, self.name_zh, self.name_en)

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"


class Membership(db.Model):
    """A user's role at a carrier; a user may hold several roles there."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("tenant_id", "user_id", "role"),
        CheckConstraint("role IN ('manager', 'reviewer', 'founder')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    tenant: Mapped[Tenant] = relationship()
    user: Mapped[User] = relationship()
