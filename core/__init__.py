"""IncuChain's stage-agnostic core: the application factory lives here."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from core.config import ROOT
from core.unit_of_work import IncuChainFlask


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure an IncuChain application.

    ``test_config`` overrides the configuration read from the environment.
    """
    from core import config, database, plugins, unit_of_work
    from core.extensions import bootstrap, csrf, db, login_manager, migrate

    instance_path = Path(os.environ.get("INSTANCE_PATH") or ROOT / "instance")
    app = IncuChainFlask(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from core.web.converters import StageConverter
    from core.web.paging import BoundedIntegerConverter
    from core.web.requests import IncuChainRequest

    app.request_class = IncuChainRequest
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.url_map.converters["stage"] = StageConverter
    app.config.update(config.DEFAULTS)
    app.config.update(config.from_environment(instance_path))
    if test_config:
        app.config.update(test_config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config.instance_secret_key(instance_path)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", database.engine_options(app))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        instance_path.mkdir(parents=True, exist_ok=True)

    from core import models  # noqa: F401  (register every table with the metadata)

    db.init_app(app)
    unit_of_work.init_app(app)
    database.configure_sqlite(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    bootstrap.init_app(app)

    login_manager.init_app(app)

    from core import mail

    mail.init_app(app)
    plugins.init_app(app)

    from core.web import i18n

    i18n.init_app(app)

    from core import (
        admin,
        api,
        applications,
        assessments,
        audit,
        auth,
        carriers,
        certificates,
        cli,
        enrollments,
        graduation,
        home,
        imports,
        invitations,
        ip,
        jobs,
        mfa,
        notifications,
        portfolio,
        privacy,
        registry,
        reports,
        security,
        settings,
        statistics,
        tenancy,
        warnings,
        web,
    )

    security.init_app(app)
    web.init_app(app)
    for capability in (
        auth,
        tenancy,
        jobs,
        notifications,
        audit,
        invitations,
        mfa,
        carriers,
        admin,
        settings,
        registry,
        ip,
        enrollments,
        applications,
        certificates,
        graduation,
        assessments,
        warnings,
        portfolio,
        reports,
        statistics,
        imports,
        home,
        privacy,
        api,
        cli,
    ):
        capability.init_app(app)
    return app
