"""Employer organisation pages."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.employers import bp
from app.blueprints.employers import services as svc
from app.extensions import db
from app.models import MembershipStatus, Role
from app.rendering import render
from app.security import role_required


def _active_organisation():
    m = current_user.membership
    if m is None or m.status != MembershipStatus.ACTIVE:
        abort(404)
    return m.organisation


@bp.get("/membres")
@role_required(Role.EMPLOYER)
def members():
    """List the organisation's members and pending join requests."""
    return render("employers/members.html", organisation=_active_organisation())


@bp.post("/membres/<int:membership_id>/<any(approuver,refuser):decision>")
@role_required(Role.EMPLOYER)
def decide_membership(membership_id: int, decision: str):
    """Approve or refuse a colleague's request to join."""
    membership = svc.get_membership_for_review(_active_organisation(), membership_id) or abort(404)
    name = membership.user.full_name
    if decision == "approuver":
        svc.approve_membership(current_user, membership)
        flash(_("%(name)s can now act for your organisation.", name=name), "success")
    else:
        svc.refuse_membership(membership)
        flash(_("The request from %(name)s was refused.", name=name), "info")
    db.session.commit()
    return redirect(url_for("employers.members"), 303)
