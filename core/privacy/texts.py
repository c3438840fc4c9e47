"""The audit log's names for what people do with their own personal information."""

from flask_babel import lazy_gettext as _l

AUDIT_ACTIONS = {
    "privacy.consented": _l("Privacy notice consented to"),
    "account.closed": _l("Account closed"),
    "startup.passed_to_admin": _l("Startup passed to the platform admin"),
    "startup.contact_removed": _l("Contact removed from the startup"),
}
AUDIT_OBJECTS = {"User": _l("Account")}
AUDIT_FIELDS = {
    "version": _l("Notice version"),
    "account": _l("Account"),
    "founder_account": _l("Founder (account closed)"),
    "platform_admin": _l("Platform admin"),
    "startups_passed_to_admin": _l("Startups passed to the platform admin"),
}
