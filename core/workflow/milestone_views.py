"""Enrollment pages: milestones, their updates, evidence and verification."""

from flask import Blueprint

bp = Blueprint("milestones", __name__)
