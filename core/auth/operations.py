"""Accounts' state changes, shared by the pages, the API and the command line."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import func, select

from core import mail
from core.auth import reset, sessions, verification
from core.auth.models import User, UserSession
from core.auth.passwords import hash_password, needs_rehash, verify_password
from core.extensions import db
from core.refusals import NotPermitted
from core.timeutil import utcnow


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(
    email: str,
    name: str,
    password: str,
    *,
    verified: bool,
    platform_admin: bool = False,
    locale: str = "zh_CN",
) -> User:
    """Add a user to the session; ``verified`` when the address is known to be theirs."""
    user = User(
        email=email.strip().lower(),
        name=name.strip(),
        password_hash=hash_password(password),
        is_platform_admin=platform_admin,
        locale=locale,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    return user


def notice_version() -> str:
    """The version of the privacy notice shown now (``PRIVACY_NOTICE_VERSION``)."""
    return str(current_app.config["PRIVACY_NOTICE_VERSION"])


def record_consent(user: User) -> None:
    """``user`` has consented to the privacy notice shown now."""
    user.privacy_notice_version = notice_version()
    user.privacy_consented_at = utcnow()


#: ``app.extensions`` key of what other capabilities end when an account's access ends.
_ACCESS_ENDED = "incuchain_access_ended"


def on_access_ended(app: Flask, callback: Callable[[User, User | None], None]) -> None:
    """Call ``callback(user, actor)`` whenever ``end_access`` ends ``user``'s access.

    Capabilities above this one hand down what they hold for a user that must
    stop working with the password: the API revokes the user's tokens.
    """
    app.extensions.setdefault(_ACCESS_ENDED, []).append(callback)


def end_access(user: User, actor: User | None = None) -> None:
    """End every session of ``user`` and revoke every credential other capabilities hold."""
    sessions.end_all(user)
    for callback in current_app.extensions.get(_ACCESS_ENDED, []):
        callback(user, actor)


def set_password(user: User, password: str) -> None:
    """Replace the password: every session ends and every API token is revoked.

    The caller starts a new session for the person who changed it, if any.
    """
    user.password_hash = hash_password(password)
    user.must_change_password = False
    end_access(user, user)


def request_password_reset(email: str) -> None:
    """Mail the owner of ``email`` a reset link, if the address has an account.

    The caller answers alike either way, so the form tells nobody which
    addresses have accounts.
    """
    user = find_user(email)
    if user is None or not user.is_active:
        return
    mail.send(
        "password_reset",
        to=user.email,
        locale=user.locale,
        user=user,
        url=reset_link(user),
        minutes=reset.lifetime_minutes(),
    )


def reset_link(user: User) -> str:
    return mail.link("auth.reset_password", token=reset.make_token(user))


def reset_password(user: User, password: str) -> None:
    """The owner of the address chose a new password through the emailed link.

    The link proves the address, so an account not yet confirmed is confirmed
    too. Every session ends and every API token is revoked; the link stops working.
    """
    set_password(user, password)
    verify_email(user)


def deactivate(user: User, actor: User) -> None:
    """The account can no longer log in; its sessions end and its API tokens are revoked."""
    if user.deactivated_at is None:
        user.deactivated_at = utcnow()
    end_access(user, actor)


def reactivate(user: User) -> None:
    """The account may log in again (with its password; its old sessions stay ended)."""
    user.deactivated_at = None


def sign_up(email: str, name: str, password: str, *, locale: str, next_path: str = "") -> None:
    """Start an account for ``email``; what happens is told to the owner of the address only.

    The person has ticked their consent to the privacy notice shown now;
    the account records its version and the time (a verified account, whose
    owner did not sign up now, keeps its own record).

    A new address gets an unverified account and a verification link. An
    address whose account was never verified gets its name and password
    replaced (nobody proved it theirs; the earlier links stop working) and a
    new link. A verified address keeps its account untouched, and its owner
    is told that someone tried to sign up with it. The caller answers all
    three alike, so sign-up tells nobody which addresses have accounts.
    """
    user = find_user(email)
    if user is None:
        user = create_user(email, name, password, verified=False, locale=locale)
        record_consent(user)
        db.session.flush()
        send_verification(user, next_path)
    elif not user.email_verified:
        user.name = name.strip()
        user.locale = locale
        record_consent(user)
        set_password(user, password)
        send_verification(user, next_path)
    else:
        hash_password(password)  # the same work as a new account: no timing difference
        mail.send(
            "signup_existing",
            to=user.email,
            locale=user.locale,
            user=user,
            login_url=mail.link("auth.login"),
            reset_url=reset_link(user),
            minutes=reset.lifetime_minutes(),
        )


def send_verification(user: User, next_path: str = "") -> None:
    """Mail ``user`` a link that confirms their address (after the commit)."""
    token = verification.make_token(user, next_path)
    mail.send(
        "verify_email",
        to=user.email,
        locale=user.locale,
        user=user,
        url=mail.link("auth.verify_email", token=token),
        hours=verification.lifetime_hours(),
    )


def verify_email(user: User) -> None:
    """The owner of the address has proved it: the account may now hold roles and startups."""
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()


def dummy_hash() -> str:
    """A hash of nothing anyone knows, made at today's cost, once per application.

    Log-in verifies it when no account has the address, so that an unknown
    address costs one argon2 verification like a known one (no timing tells
    which addresses have accounts).
    """
    cached = current_app.extensions.get("incuchain_dummy_hash")
    if cached is None or needs_rehash(cached):
        import secrets

        cached = hash_password(secrets.token_urlsafe(16))
        current_app.extensions["incuchain_dummy_hash"] = cached
    return cached


def log_in(email: str, password: str) -> User | None:
    """The user whose password this is, its hash brought to today's cost; ``None`` otherwise.

    A deactivated account is returned too: the caller tells its owner (who
    knew the password) why they cannot log in.
    """
    user = find_user(email)
    if user is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_locale(user: User, locale: str) -> None:
    """The language ``user``'s mail is written in from now on."""
    user.locale = locale


def end_session(user: User, row: UserSession) -> None:
    """End one of ``user``'s own sessions (on another browser, say)."""
    if row.user_id != user.id:
        raise NotPermitted()
    sessions.end(row)


def end_other_sessions(user: User, password: str) -> bool:
    """End every session of ``user`` but this one, once the password is given again (ASVS 7.5.2).

    ``False``, and nothing ended, when the password is wrong.
    """
    if not verify_password(user.password_hash, password):
        return False
    sessions.end_all(user, keep=sessions.current(user))
    return True


def log_out(user: User) -> None:
    """End the session this request was made in; the user's other browsers stay logged in."""
    if (row := sessions.current(user)) is not None:
        sessions.end(row)
