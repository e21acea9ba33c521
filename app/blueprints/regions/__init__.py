"""regions blueprint."""

from flask import Blueprint

bp = Blueprint("regions", __name__)

from app.blueprints.regions import media_routes, routes  # noqa: E402, F401
