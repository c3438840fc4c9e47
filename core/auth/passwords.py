"""Password hashing with argon2id (argon2-cffi)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST_KIB"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)


#: zxcvbn's score (0–4) a new password must reach: 3 is "safely unguessable" against
#: an online attack and resists an offline one on a slow hash (ASVS 5.0 6.2.4, 6.2.7).
MIN_SCORE = 3
#: The length a new password must have (ASVS 5.0 6.2.1: at least 8; 6.2.9: at least 64 allowed).
#: Longer passwords are refused by the length check before zxcvbn sees them.
MIN_LENGTH, MAX_CHECKED = 8, 128


def weakness(password: str, user_inputs: list[str] = ()) -> str | None:
    """Why ``password`` is too easy to guess: ``"common"``, ``"weak"``, or ``None`` when it is not.

    zxcvbn (Dropbox's estimator) matches it against its lists of the most common
    passwords (30,000, ASVS 6.2.4 asks for the top 3,000), words, names and keyboard
    patterns, and against ``user_inputs`` (the person's own name and address).
    """
    from zxcvbn import zxcvbn

    if not password or len(password) > MAX_CHECKED:
        return None
    result = zxcvbn(password, user_inputs=[u for u in user_inputs if u], max_length=MAX_CHECKED)
    if result["score"] >= MIN_SCORE:
        return None
    whole = [
        m
        for m in result["sequence"]
        if m.get("dictionary_name") == "passwords" and m["i"] == 0 and m["j"] == len(password) - 1
    ]
    return "common" if whole else "weak"
