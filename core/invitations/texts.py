"""The audit log's names for invitations."""

from flask_babel import lazy_gettext as _l

AUDIT_ACTIONS = {
    "invitation.sent": _l("Invitation sent"),
    "invitation.accepted": _l("Invitation accepted"),
    "invitation.withdrawn": _l("Invitation withdrawn"),
}
AUDIT_OBJECTS = {"Invitation": _l("Invitation")}
AUDIT_FIELDS = {"email": _l("Email"), "kind": _l("Kind"), "target": _l("Offered access to")}
