"""notifications blueprint: notification preferences and one-click unsubscribe."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)
