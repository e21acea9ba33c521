"""jobs blueprint."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)
