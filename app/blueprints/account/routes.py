"""The signed-in user's account page and notification centre."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.blueprints.account import bp
from app.extensions import db
from app.notify import list_notifications, mark_all_read, render_notification
from app.rendering import render


@bp.get("/")
@login_required
def index():
    """Show the account's details and preferences."""
    return render("account/index.html", user=current_user)


@bp.get("/securite")
@login_required
def security():
    """Sign-in and security: password, email, two-factor authentication, sessions."""
    return render("account/security.html", user=current_user)


@bp.get("/notifications")
@login_required
def notifications():
    """List the user's notifications, newest first, in their language."""
    return render(
        "account/notifications.html",
        notes=list_notifications(current_user),
        text=render_notification,
    )


@bp.post("/notifications/lues")
@login_required
def read_notifications():
    """Mark every notification as read."""
    mark_all_read(current_user)
    db.session.commit()
    flash(_("All your notifications are marked as read."), "info")
    return redirect(url_for("account.notifications"), 303)
