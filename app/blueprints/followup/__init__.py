"""followup blueprint."""

from flask import Blueprint

bp = Blueprint("followup", __name__)

from app.blueprints.followup import routes  # noqa: E402, F401
