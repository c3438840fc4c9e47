"""A carrier's own pages (overview, profile, members) and the operations that change carriers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.carriers.operations import membership_kind
    from core.carriers.views import bp
    from core.invitations import kinds

    app.register_blueprint(bp)
    kinds.register(app, membership_kind())
    from flask_babel import get_locale
    from sqlalchemy.orm import joinedload

    from core.audit import labels
    from core.tenancy.models import Membership, Tenant

    labels.register(
        app,
        namers={
            "Tenant": labels.by_id(Tenant, lambda t: t.name(str(get_locale()))),
            "Membership": labels.by_id(
                Membership, lambda m: m.user.name, joinedload(Membership.user)
            ),
        },
    )
