"""privacy blueprint."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from app.blueprints.privacy import routes  # noqa: E402, F401
