"""ops blueprint: background jobs that failed, for staff to see and retry."""

from flask import Blueprint

bp = Blueprint("ops", __name__)
