"""applications blueprint."""

from flask import Blueprint

bp = Blueprint("applications", __name__)

from app.blueprints.applications import routes  # noqa: E402, F401
