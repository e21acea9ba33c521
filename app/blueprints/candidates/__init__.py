"""candidates blueprint."""

from flask import Blueprint

bp = Blueprint("candidates", __name__)

from app.blueprints.candidates import routes  # noqa: E402, F401
