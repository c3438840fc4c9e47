"""Startup profiles and the registry pages."""

from flask import Blueprint

bp = Blueprint("registry", __name__)
