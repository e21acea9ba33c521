"""Program indicators for staff and the funder (skeleton: filled by the reports work)."""

from app.blueprints.reports import bp
from app.models import Role
from app.rendering import render
from app.security import role_required


@bp.get("/programme/indicateurs")
@role_required(Role.STAFF)
def dashboard():
    """The program's indicators, filterable by period and region."""
    return render("reports/dashboard.html")
