"""What an invitation grants, registered by the capability that owns it.

The invitations sit below the carriers and the startup registry, so those
hand down what their invitations mean at start-up (``register``): carriers a
role at a carrier ("membership"), the registry a startup's founder
("founder"). The invitations never import them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from core.auth.models import User
from core.invitations.models import Invitation

KEY = "incuchain_invitation_kinds"


@dataclass(frozen=True, kw_only=True)
class Kind:
    key: str
    #: What the invitation offers, in the reader's language: "Reviewer at 平顶山…".
    describe: Callable[[Invitation], str]
    #: Whether ``user`` already has what it grants.
    holds: Callable[[Invitation, User], bool]
    #: Grant it to ``user`` (an operation: rows and audit, no commit).
    grant: Callable[[Invitation, User], None]
    #: Where the new member goes once accepted.
    place: Callable[[Invitation], str]


def register(app: Flask, kind: Kind) -> None:
    kinds = app.extensions.setdefault(KEY, {})
    if kind.key in kinds:
        raise ValueError(f"invitation kind {kind.key!r} is registered twice")
    kinds[kind.key] = kind


def kind_of(invitation: Invitation) -> Kind:
    return current_app.extensions[KEY][invitation.kind]
