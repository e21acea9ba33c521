"""Privacy (Law 25): a person's data and consents, the incident register, human reviews
(skeleton: filled by the privacy work)."""

from flask_login import login_required

from app.blueprints.privacy import bp
from app.models import Role
from app.rendering import render
from app.security import role_required


@bp.get("/compte/confidentialite")
@login_required
def account_privacy():
    """The person's consents, their data download and the deletion of their account."""
    return render("privacy/account.html")


@bp.get("/programme/confidentialite")
@role_required(Role.STAFF)
def staff_privacy():
    """Staff: the incident register and the requests for a human review."""
    return render("privacy/staff.html")
