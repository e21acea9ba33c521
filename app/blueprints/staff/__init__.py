"""staff blueprint."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from app.blueprints.staff import imports, routes  # noqa: E402, F401
