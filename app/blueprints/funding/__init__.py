"""funding blueprint."""

from flask import Blueprint

bp = Blueprint("funding", __name__)
