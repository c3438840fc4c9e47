"""A carrier's own pages (overview, profile, members) and the operations that change carriers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core.carriers.operations import membership_kind
    from core.carriers.views import bp
    from core.invitations import kinds

    app.register_blueprint(bp)
    kinds.register(app, membership_kind())
