"""The audit log's names for 2-step verification."""

from flask_babel import lazy_gettext as _l

AUDIT_ACTIONS = {
    "mfa.enabled": _l("2-step verification turned on"),
    "mfa.disabled": _l("2-step verification turned off"),
    "mfa.recovery_code_used": _l("Recovery code used to log in"),
}
AUDIT_FIELDS = {"recovery_codes_left": _l("Recovery codes left")}
