"""funding blueprint."""

from flask import Blueprint

bp = Blueprint("funding", __name__)

from app.blueprints.funding import routes  # noqa: E402, F401
