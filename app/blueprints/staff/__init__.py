"""staff blueprint."""

from flask import Blueprint

bp = Blueprint("staff", __name__)
