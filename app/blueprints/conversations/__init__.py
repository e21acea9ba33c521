"""conversations blueprint."""

from flask import Blueprint

bp = Blueprint("conversations", __name__)
