"""alerts blueprint."""

from flask import Blueprint

bp = Blueprint("alerts", __name__)
