"""matching blueprint."""

from flask import Blueprint

bp = Blueprint("matching", __name__)

from app.blueprints.matching import routes  # noqa: E402, F401
