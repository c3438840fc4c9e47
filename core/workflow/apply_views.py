"""Applying to a carrier's stage: the intake form, drafts and submission."""

from flask import Blueprint

bp = Blueprint("apply", __name__)
