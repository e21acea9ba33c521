"""The signed-in user's account page."""

from flask_login import current_user, login_required

from app.blueprints.account import bp
from app.rendering import render


@bp.get("/")
@login_required
def index():
    """Show the account's details and preferences."""
    return render("account/index.html", user=current_user)
