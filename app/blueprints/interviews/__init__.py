"""interviews blueprint."""

from flask import Blueprint

bp = Blueprint("interviews", __name__)

from app.blueprints.interviews import routes  # noqa: E402, F401
