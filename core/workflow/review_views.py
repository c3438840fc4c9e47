"""Reviewing applications: assignment, scores and the manager's decision."""

from flask import Blueprint

bp = Blueprint("review", __name__)
