"""matching blueprint."""

from flask import Blueprint

bp = Blueprint("matching", __name__)
