"""The privacy notice in force: its version, the operator it names, who must consent again."""

from __future__ import annotations

from flask import current_app

from core.auth import operations as accounts

#: The version accounts made before consent was recorded count as having consented to:
#: they had signed up under the terms of the time (the migration's note). Once the
#: operator sets another ``PRIVACY_NOTICE_VERSION``, they are asked like everyone else.
FIRST_VERSION = "1"


def version() -> str:
    return accounts.notice_version()


def operator() -> str:
    """The name of who runs this installation and answers for the personal information in it."""
    return str(current_app.config["PRIVACY_OPERATOR"])


def contact() -> str:
    return str(current_app.config["PRIVACY_CONTACT"])


def consented_version(user) -> str:
    return user.privacy_notice_version or FIRST_VERSION


def needs_consent(user) -> bool:
    """True when ``user`` has not consented to the notice in force now."""
    return consented_version(user) != version()
