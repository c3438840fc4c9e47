"""Accounts' state changes, shared by the pages, the API and the command line."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from core.auth.models import User
from core.auth.passwords import hash_password, needs_rehash, verify_password
from core.extensions import db


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(
    email: str, name: str, password: str, *, platform_admin: bool = False, temporary: bool = False
) -> User:
    """Add a user to the session; ``temporary`` forces a password change at first log-in."""
    user = User(
        email=email.strip().lower(),
        name=name.strip(),
        password_hash=hash_password(password),
        is_platform_admin=platform_admin,
        must_change_password=temporary,
    )
    db.session.add(user)
    return user


def temporary_password() -> str:
    """A one-time password for an account created on someone's behalf."""
    return secrets.token_urlsafe(9)


def set_password(user: User, password: str) -> None:
    """Replace the password and end every other session of the user."""
    user.password_hash = hash_password(password)
    user.must_change_password = False
    user.end_all_sessions()


def sign_up(email: str, name: str, password: str) -> User | None:
    """A new account, flushed so that its session can start; ``None`` when the email is taken."""
    if find_user(email) is not None:
        return None
    user = create_user(email, name, password)
    db.session.flush()
    return user


def log_in(email: str, password: str) -> User | None:
    """The user whose password this is, its hash brought to today's cost; ``None`` otherwise."""
    user = find_user(email)
    if user is None or not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_locale(user: User, locale: str) -> None:
    """The language ``user``'s mail is written in from now on."""
    user.locale = locale


def log_out(user: User) -> None:
    """End every session of ``user`` (its session token is replaced)."""
    user.end_all_sessions()
