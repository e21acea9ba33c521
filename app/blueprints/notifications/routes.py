"""Notification preferences, and the one-click unsubscribe link every non-security email carries."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.blueprints.notifications import bp
from app.blueprints.notifications.forms import PreferencesForm, categories_for
from app.extensions import csrf
from app.notify import (
    CATEGORY_LABELS,
    get_preferences,
    read_unsubscribe_token,
    save_preferences,
)
from app.notify import (
    unsubscribe as unsubscribe_categories,
)
from app.rendering import render
from app.uow import attempt


@bp.route("/notifications/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Choose, per category, what shows in the portal and what comes by email."""
    categories = categories_for(current_user.role)
    form = PreferencesForm()
    if request.method == "GET":
        form.fill(get_preferences(current_user))
    elif form.validate_on_submit() and attempt(
        form, {}, save_preferences, current_user, form.to_data(categories)
    ):
        flash(_("Your notification preferences are saved."), "success")
        return redirect(url_for("notifications.preferences"), 303)
    return render(
        "notifications/preferences.html",
        form=form,
        categories=categories,
        labels=CATEGORY_LABELS,
    )


@bp.route("/desabonnement/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: the mail client posts without a session; the signed token is the proof
def unsubscribe(token: str):
    """GET asks to confirm with a button; POST (one click, no sign-in) stops these emails."""
    found = read_unsubscribe_token(token) or abort(404)
    user, categories = found
    names = [str(CATEGORY_LABELS[c]) for c in categories]
    if request.method == "POST":
        outcome = attempt(None, {}, unsubscribe_categories, user, categories)
        if not outcome and not outcome.duplicate:  # a twin click that won the race did it
            abort(409)
        return render("notifications/unsubscribe.html", done=True, names=names, token=token)
    return render("notifications/unsubscribe.html", done=False, names=names, token=token)
