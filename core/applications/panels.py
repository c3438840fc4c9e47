"""The applications' part of the startup page (``core.web.panels``)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.applications import queries
from core.applications.models import Application, ApplicationStatus
from core.extensions import db
from core.tenancy.models import Role
from core.web import panels


@dataclass(frozen=True)
class ApplicationRow:
    application: Application
    #: Where the reader follows the application, if anywhere.
    link: str | None


@dataclass(frozen=True)
class ApplicationsPanel:
    rows: list[ApplicationRow]
    #: For its founders, the stages the startup may apply to now.
    stages: list


def applications(startup, access) -> ApplicationsPanel | None:
    """The startup's applications: founders see their drafts too, carriers only submissions;
    founders are offered the stages it may apply to."""
    query = (
        select(Application)
        .where(Application.startup_id == startup.id)
        .options(joinedload(Application.tenant))
        .order_by(Application.created_at.desc())
    )
    if not (access.founder or access.admin):
        query = query.where(Application.status != ApplicationStatus.DRAFT)
    rows = []
    for item in db.session.scalars(query):
        link = None
        if access.founder:
            link = f"/applications/{item.id}"
            if item.status == ApplicationStatus.DRAFT:
                link = f"/t/{item.tenant.slug}/apply/{item.stage}?startup={startup.id}"
        elif access.admin or Role.MANAGER in access.roles.get(item.tenant_id, ()):
            link = f"/t/{item.tenant.slug}/applications/{item.id}"
        rows.append(ApplicationRow(item, link))
    stages = queries.stages_to_apply([startup.id])[startup.id] if access.founder else []
    return ApplicationsPanel(rows, stages) if rows or stages else None


def init_app(app: Flask) -> None:
    panels.add(
        app,
        "startup",
        panels.Panel(
            key="applications",
            order=10,
            template="applications/_startup_panel.html",
            load=applications,
        ),
    )
