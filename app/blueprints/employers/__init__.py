"""employers blueprint."""

from flask import Blueprint

bp = Blueprint("employers", __name__)

from app.blueprints.employers import routes  # noqa: E402, F401
