"""Friday interview sessions: staff create and list them."""

from datetime import time

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.interviews import bp
from app.blueprints.interviews import services as svc
from app.blueprints.interviews.forms import SESSION_ERRORS, SessionForm
from app.clock import today
from app.extensions import db
from app.models import Role
from app.rendering import render
from app.security import role_required


def _session_form() -> SessionForm:
    form = SessionForm()
    if request.method == "GET":
        form.day.data = svc.next_friday(today())
        form.start_time.data, form.end_time.data = time(9, 0), time(12, 0)
    return form


@bp.route("/programme/vendredis", methods=["GET", "POST"])
@role_required(Role.STAFF)
def sessions():
    """List the Friday sessions and create a new one."""
    form = _session_form()
    if form.validate_on_submit():
        data = svc.SessionData(
            day=form.day.data,
            start_time=form.start_time.data,
            end_time=form.end_time.data,
            slot_minutes=form.slot_minutes.data,
            buffer_minutes=form.buffer_minutes.data or 0,
            max_per_employer=form.max_per_employer.data,
            registration_deadline=form.registration_deadline.data,
        )
        try:
            svc.create_session(current_user, data)
        except svc.SessionError as err:
            db.session.rollback()
            getattr(form, err.field).errors.append(SESSION_ERRORS[err.code])
        else:
            db.session.commit()
            flash(_("The session of %(day)s is created.", day=form.day.data.isoformat()), "success")
            return redirect(url_for("interviews.sessions"), 303)
    return render(
        "interviews/sessions.html",
        block="form",
        form=form,
        sessions=svc.list_sessions(),
        slot_count=svc.slot_count,
        today=today(),
    )
