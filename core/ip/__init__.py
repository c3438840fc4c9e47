"""The legal life of IP rights: terms, annuities, status, 转移 events (docs/ip.md)."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.audit import labels as audit_labels
    from core.ip import operations, panels, texts
    from core.ip.views import bp
    from core.plugin_api import IP_KIND
    from core.plugins import incuchain
    from core.registry.sections import money
    from core.web import localized

    def ip_kind_name(key: str) -> str:
        term = incuchain().vocabulary.get(IP_KIND, key)
        return localized(term) if term else key

    app.register_blueprint(bp)
    for name, names in (
        ("ip_status_name", texts.STATUS_NAMES),
        ("ip_event_name", texts.EVENT_NAMES),
        ("ip_direction_name", texts.DIRECTION_NAMES),
        ("ip_licence_name", texts.LICENCE_NAMES),
    ):
        app.add_template_filter(lambda key, names=names: str(names.get(key, key)), name)
    app.add_template_filter(ip_kind_name)
    app.add_template_filter(money, "wan_yuan")
    audit_labels.register(app, actions=operations.ACTIONS)
    panels.init_app(app)
