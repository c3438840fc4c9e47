"""Time-based one-time passwords (RFC 6238, pyotp), their secrets and recovery codes.

The secret is stored encrypted (Fernet) with a key derived from ``SECRET_KEY``
by HKDF, so a copy of the database alone yields no secret. Rotating
``SECRET_KEY`` therefore makes every stored secret unreadable: the people who
use 2-step verification then log in with a recovery code and set it up again.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

#: The name authenticator apps show above the account's codes.
ISSUER = "IncuChain"
#: Codes either side of the current time step that are still accepted (clock drift).
DRIFT_STEPS = 1
#: Recovery codes given at once, and their alphabet: no 0/O or 1/I/L to mistake.
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: Ten characters of 31: about 49 bits each (ASVS 5.0 6.5.4 asks for at least 20).
RECOVERY_LENGTH = 10


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"incuchain.two-step-secret"
    ).derive(current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def new_secret() -> str:
    """A random base32 secret of 160 bits (RFC 4226's recommended length), from ``secrets``."""
    return pyotp.random_base32(32)


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def unseal(sealed: str) -> str | None:
    """The secret; ``None`` when it was sealed under another ``SECRET_KEY``."""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def uri(secret: str, account: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_data_uri(text: str) -> str:
    """The QR code of ``text`` as an SVG data URI (the CSP allows ``data:`` images)."""
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=5, border=4)


def grouped(secret: str) -> str:
    """The secret in groups of four, to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def matching_step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
    """The time step whose code ``code`` is, within the drift and later than ``after``."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    return [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODES)
    ]


def shown(code: str) -> str:
    """A recovery code as it is shown: two groups of five."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normalised(typed: str) -> str:
    """What a person typed, without spaces and dashes, in capitals."""
    return "".join(c for c in typed if c not in " -\t").upper()
