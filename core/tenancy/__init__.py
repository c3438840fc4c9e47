"""Tenancy: carriers as tenants, their memberships and roles, and who may open their pages."""

from flask import Flask


def init_app(app: Flask) -> None:
    from core import labelled
    from core.tenancy.models import Role

    labelled.register(app, Role)
