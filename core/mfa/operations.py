"""Turning 2-step verification on and off, and checking a code (ASVS 5.0 V6.3.3, V6.5).

A code is accepted once: the time step of the last accepted code is stored,
and only a later step's code is taken, within one step of drift either way
(RFC 6238 §5.2). The claim is a conditional ``UPDATE``, so two requests
racing with the same code cannot both succeed. A recovery code is spent the
same way.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from core.audit import service as audit
from core.auth.models import User
from core.auth.passwords import hash_password, verify_password
from core.extensions import db
from core.mfa import totp
from core.mfa.models import RecoveryCode, TwoStep
from core.refusals import Refused
from core.tenancy.models import Membership, Role
from core.timeutil import utcnow

#: What ``MFA_REQUIRED_FOR`` may name: the platform admin, each role at a carrier, everyone.
PLATFORM_ADMIN = "platform_admin"
EVERYONE = "all"
REQUIRABLE = frozenset({PLATFORM_ADMIN, EVERYONE, *(str(role) for role in Role)})


def credential(user: User) -> TwoStep | None:
    return db.session.scalar(select(TwoStep).where(TwoStep.user_id == user.id))


def is_on(user: User) -> bool:
    found = credential(user)
    return found is not None and found.is_on


def enabled_since(user: User):
    """When ``user`` turned 2-step verification on; ``None`` while it is off."""
    found = credential(user)
    return found.enabled_at if found is not None else None


def required_roles() -> frozenset[str]:
    return frozenset(current_app.config["MFA_REQUIRED_FOR"])


def required_for(user: User) -> bool:
    """Whether ``MFA_REQUIRED_FOR`` names a role ``user`` holds (one query at most)."""
    required = required_roles()
    if not required:
        return False
    if EVERYONE in required or (PLATFORM_ADMIN in required and user.is_platform_admin):
        return True
    roles = required - {PLATFORM_ADMIN}
    if not roles:
        return False
    held = select(Membership.id).where(
        Membership.user_id == user.id, Membership.role.in_(sorted(roles))
    )
    return db.session.scalar(held.limit(1)) is not None


def start(user: User) -> TwoStep:
    """A new secret for ``user`` to scan, not yet on; one set up before is replaced."""
    found = credential(user)
    if found is not None and found.is_on:
        raise Refused(_("2-step verification is already on."))
    if found is None:
        found = TwoStep(user_id=user.id)
        db.session.add(found)
    found.secret_encrypted = totp.seal(totp.new_secret())
    found.created_at = utcnow()
    found.last_used_step = None
    db.session.flush()
    return found


def secret_of(found: TwoStep) -> str | None:
    return totp.unseal(found.secret_encrypted)


def _claim_step(found: TwoStep, code: str) -> bool:
    """Accept ``code`` if it is the authenticator's, newer than the last one accepted."""
    secret = secret_of(found)
    if secret is None or not (len(code) == 6 and code.isdigit()):
        return False
    step = totp.matching_step(secret, code, utcnow(), found.last_used_step)
    if step is None:
        return False
    claimed = db.session.execute(
        update(TwoStep)
        .where(
            TwoStep.id == found.id,
            or_(TwoStep.last_used_step.is_(None), TwoStep.last_used_step < step),
        )
        .values(last_used_step=step)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    set_committed_value(found, "last_used_step", step)
    return True


def _spend_recovery_code(found: TwoStep, typed: str) -> bool:
    for row in found.recovery_codes:
        if row.used_at is None and verify_password(row.code_hash, typed):
            spent = db.session.execute(
                update(RecoveryCode)
                .where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
                .values(used_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            if spent.rowcount != 1:
                return False
            set_committed_value(row, "used_at", utcnow())
            audit.record(
                "mfa.recovery_code_used",
                found.user,
                after={"recovery_codes_left": recovery_codes_left(found)},
                actor=found.user,
            )
            return True
    return False


def check(user: User, typed: str) -> bool:
    """Whether ``typed`` is a current code of ``user``'s app or an unused recovery code.

    Either is spent: the same code is refused the next time.
    """
    found = credential(user)
    if found is None or not found.is_on:
        return False
    code = totp.normalised(typed)
    if len(code) == totp.RECOVERY_LENGTH:
        return _spend_recovery_code(found, code)
    return _claim_step(found, code)


def recovery_codes_left(found: TwoStep) -> int:
    return sum(1 for row in found.recovery_codes if row.used_at is None)


def turn_on(user: User, code: str) -> list[str] | None:
    """Turn on the secret being set up if ``code`` is its current code: the recovery codes.

    The codes are returned once, to be shown once; only their hashes are kept
    (argon2id with its own salt, ASVS 5.0 6.5.2). ``None`` when the code is wrong.
    """
    found = credential(user)
    if found is None or found.is_on:
        raise Refused(_("Start setting up 2-step verification first."))
    if not _claim_step(found, totp.normalised(code)):
        return None
    found.enabled_at = utcnow()
    codes = totp.new_recovery_codes()
    found.recovery_codes = [RecoveryCode(code_hash=hash_password(code)) for code in codes]
    audit.record("mfa.enabled", user, after={"recovery_codes_left": len(codes)}, actor=user)
    return [totp.shown(code) for code in codes]


def turn_off(user: User, code: str) -> bool:
    """Turn 2-step verification off if ``code`` is a current or recovery code; audited."""
    if not check(user, code):
        return False
    found = credential(user)
    db.session.delete(found)
    audit.record("mfa.disabled", user, actor=user)
    return True


def forget(user: User) -> None:
    """Remove ``user``'s secret and recovery codes (closing the account)."""
    found = credential(user)
    if found is not None:
        db.session.delete(found)


def check_settings(app) -> None:
    """Refuse at start-up a ``MFA_REQUIRED_FOR`` that names something not requirable."""
    unknown = set(app.config["MFA_REQUIRED_FOR"]) - REQUIRABLE
    if unknown:
        raise RuntimeError(
            f"MFA_REQUIRED_FOR names {', '.join(sorted(unknown))}; "
            f"it may name {', '.join(sorted(REQUIRABLE))}"
        )
