"""Users of the platform."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.plugin_api import bilingual
from core.timeutil import utcnow

#: The pseudonym a closed account keeps, in each language (``pseudonym``).
PSEUDONYM_ZH = "已注销用户 #{id}"
PSEUDONYM_EN = "Closed account #{id}"
#: The domain of the address a closed account keeps: ``.invalid`` never routes (RFC 6761).
CLOSED_DOMAIN = "closed.invalid"


def pseudonym(user_id: int, locale: str | None = None) -> str:
    """What a closed account is called: in ``locale``, or in both languages when it is ``None``."""
    zh, en = PSEUDONYM_ZH.format(id=user_id), PSEUDONYM_EN.format(id=user_id)
    if locale is None:
        return f"{zh} / {en}"
    return bilingual(locale, zh, en)


def email_digest(email: str) -> str:
    """The digest an address is known by once its account is closed."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_platform_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Set on accounts created for someone else with a temporary password before
    #: invitations replaced that (no code sets it now); they must choose their own first.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    #: When the owner of ``email`` proved it by the link mailed at sign-up; until then the
    #: account can log in but holds no role or startup (``core.auth.verification``).
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: The language of the messages mailed to them: the one they signed up in, then the
    #: one they last chose (``zh_CN`` or ``en``).
    locale: Mapped[str] = mapped_column(String(10), default="zh_CN")
    #: When the platform admin deactivated the account: it can no longer log in, its
    #: sessions ended and its API tokens were revoked then. ``None`` for an active one.
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: The version of the privacy notice (``PRIVACY_NOTICE_VERSION``) the person last
    #: consented to, and when; ``None`` for accounts made before consent was recorded,
    #: which count as having consented to the first version (``core.privacy.notice``).
    privacy_notice_version: Mapped[str | None] = mapped_column(String(20))
    privacy_consented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the person closed the account (``core.privacy``); the row then holds a
    #: pseudonym, an address that routes nowhere and a password that matches nothing.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: SHA-256 of the address the closed account had (``email_digest``), so the audit
    #: log can show the pseudonym where its stored snapshots name that address.
    closed_email_digest: Mapped[str | None] = mapped_column(String(64), index=True)

    #: The key of the session this request was made in (``core.auth.sessions``); not stored.
    session_key: str = ""

    def get_id(self) -> str:
        """What the login cookie holds: the user and the key of their session."""
        return f"{self.id}:{self.session_key}"

    @property
    def is_active(self) -> bool:
        """Flask-Login's question: a deactivated account is not logged in."""
        return self.deactivated_at is None

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class UserSession(db.Model):
    """One logged-in browser of a user; the login cookie holds its key, the table a hash of it.

    Deleting the row ends the session, wherever its cookie is (log-out, a
    password change, deactivation). ``created_at`` and ``last_seen_at`` give
    the absolute and inactivity timeouts (``core.auth.sessions``).
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: The browser's own description of itself, shortened: for the owner to recognise it.
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship()
