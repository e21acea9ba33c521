"""Friday interview sessions: staff create and list them."""

from datetime import datetime, time

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.blueprints.interviews import bp
from app.blueprints.interviews import services as svc
from app.blueprints.interviews.forms import SESSION_ERRORS, UNPLACED_REASONS, SessionForm
from app.clock import PROGRAM_TZ, today
from app.extensions import db
from app.forms import parse_int
from app.models import (
    InterviewSession,
    InterviewSlot,
    RequestStatus,
    Role,
    SlotStatus,
)
from app.models.base import utcnow
from app.rendering import render
from app.security import role_required
from app.storage import attachment_header


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


# ---------------------------------------------------------------- requests and slots


@bp.get("/programme/vendredis/<int:session_id>")
@role_required(Role.STAFF)
def session_detail(session_id: int):
    """Show a session's requests and schedule, with the scheduler and publish actions."""
    session = db.get_or_404(InterviewSession, session_id)
    return _session_page(session)


def _session_page(session, unplaced=None):
    return render(
        "interviews/session.html",
        session=session,
        counts=svc.request_counts(session),
        slots=svc.session_slots(session),
        unplaced=unplaced or [],
        no_shows=svc.no_show_counts(),
        bookable=svc.bookable_applications(session),
        grid=svc.grid_times(session),
        reasons=UNPLACED_REASONS,
        RequestStatus=RequestStatus,
    )


@bp.post("/programme/vendredis/<int:session_id>/planifier")
@role_required(Role.STAFF)
def schedule(session_id: int):
    """Run the scheduler on the accepted requests (a draft: nothing is sent yet).

    The page is rendered, not redirected to: the reasons why requests stay unplaced are not
    stored, and the staff member needs them right now. Running it again gives the same draft.
    """
    session = db.get_or_404(InterviewSession, session_id)
    unplaced = svc.run_scheduler(session)
    db.session.commit()
    flash(_("The schedule is drafted. Check it, then publish it."), "success")
    return _session_page(session, unplaced)


@bp.post("/programme/vendredis/<int:session_id>/publier")
@role_required(Role.STAFF)
def publish(session_id: int):
    """Publish the schedule: both sides of each interview are told."""
    session = db.get_or_404(InterviewSession, session_id)
    try:
        count = svc.publish_schedule(session, current_user)
    except svc.SessionError as err:
        db.session.rollback()
        flash(SESSION_ERRORS[err.code], "error")
    else:
        db.session.commit()
        flash(_("The schedule is published: %(count)s interviews.", count=count), "success")
    return redirect(url_for("interviews.session_detail", session_id=session.id), 303)


@bp.get("/employeurs/vendredis")
@role_required(Role.EMPLOYER)
def employer_sessions():
    """Show the open sessions and propose shortlisted candidates for them."""
    org = current_user.organisation or abort(404)
    sessions = svc.open_sessions()
    return render(
        "interviews/employer.html",
        sessions=sessions,
        applicants=svc.proposable_applications(org.id),
        requests=svc.organisation_requests_by_session(sessions, org.id),
    )


@bp.post("/employeurs/vendredis/<int:session_id>/proposer")
@role_required(Role.EMPLOYER)
def propose(session_id: int):
    """Propose the checked candidates for a session."""
    session = svc.get_open_session(session_id) or abort(404)
    ids = [int(i) for i in request.form.getlist("application") if i.isdigit()]
    try:
        svc.propose_candidates(current_user, session, ids)
        db.session.commit()
    except svc.SessionError as err:
        db.session.rollback()
        flash(SESSION_ERRORS[err.code], "error")
    except IntegrityError:
        # Sent twice at once (double click, retry): the other request recorded the proposals.
        db.session.rollback()
        flash(_("Your proposals are sent. Each candidate answers from their dashboard."), "success")
    else:
        flash(_("Your proposals are sent. Each candidate answers from their dashboard."), "success")
    return redirect(url_for("interviews.employer_sessions"), 303)


@bp.get("/entrevues")
@login_required
def mine():
    """The user's Friday interviews (and, for a candidate, the proposals to answer)."""
    if current_user.role not in (Role.CANDIDATE, Role.EMPLOYER):
        abort(403)
    profile = current_user.candidate_profile if current_user.role == Role.CANDIDATE else None
    return render(
        "interviews/mine.html",
        slots=svc.my_slots(current_user),
        now=utcnow(),
        join_url=svc.join_url,
        requests=svc.candidate_requests(profile) if profile else [],
        RequestStatus=RequestStatus,
        tz=_viewer_zone(profile),
    )


def _viewer_zone(profile):
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(profile.timezone) if profile and profile.timezone else PROGRAM_TZ
    except (KeyError, ValueError):
        return PROGRAM_TZ


@bp.post("/entrevues/demandes/<int:request_id>/<any(accepter,refuser):answer>")
@role_required(Role.CANDIDATE)
def answer(request_id: int, answer: str):
    """Accept or decline a Friday interview proposal."""
    profile = current_user.candidate_profile or abort(404)
    if svc.respond_to_request(profile, request_id, answer == "accepter") is None:
        abort(404)
    db.session.commit()
    flash(
        _("Your answer is recorded.")
        if answer == "accepter"
        else _("You declined this interview."),
        "success",
    )
    return redirect(url_for("interviews.mine"), 303)


@bp.get("/entrevues/<int:slot_id>/calendrier.ics")
@login_required
def calendar(slot_id: int):
    """Download one's own interview as an iCalendar file."""
    slot = svc.get_party_slot(current_user, slot_id) or abort(404)
    org = slot.request.application.job.organisation
    text = svc.slot_ics(slot, f"Maillage — {org.name}", url_for("interviews.mine", _external=True))
    return Response(
        text,
        mimetype="text/calendar",
        headers={"Content-Disposition": attachment_header(f"entrevue-{slot.id}.ics")},
    )


@bp.post("/programme/vendredis/creneaux/<int:slot_id>/presence")
@role_required(Role.STAFF)
def attendance(slot_id: int):
    """Record that an interview was held, or who did not show up."""
    slot = db.get_or_404(InterviewSlot, slot_id)
    try:
        svc.mark_attendance(slot, SlotStatus(request.form.get("status", "")))
    except (ValueError, svc.SessionError):
        abort(400)
    db.session.commit()
    flash(_("Attendance recorded."), "success")
    return redirect(url_for("interviews.session_detail", session_id=slot.session_id), 303)


@bp.post("/entrevues/<int:slot_id>/suite")
@login_required
def decide(slot_id: int):
    """Say, after the interview, whether you want to continue."""
    slot = svc.get_party_slot(current_user, slot_id, include_past=True) or abort(404)
    try:
        mutual = svc.record_decision(
            current_user,
            slot,
            request.form.get("decision", ""),
            request.form.get("note", ""),
            utcnow(),
        )
    except svc.SessionError as err:
        flash(SESSION_ERRORS[err.code], "error")
        return redirect(url_for("interviews.mine"), 303)
    db.session.commit()
    flash(
        _("You both want to continue: the contact details are now shared.")
        if mutual
        else _("Your answer is recorded."),
        "success",
    )
    return redirect(url_for("interviews.mine"), 303)


def _slot_change(slot_id: int, change) -> object:
    slot = db.get_or_404(InterviewSlot, slot_id)
    version = parse_int(request.form.get("version"))
    try:
        change(slot, version)
    except svc.SessionError as err:
        db.session.rollback()
        flash(SESSION_ERRORS[err.code], "error")
    except StaleDataError:
        db.session.rollback()
        flash(SESSION_ERRORS["stale"], "error")
    else:
        db.session.commit()
        flash(_("The schedule is updated; both sides were told."), "success")
    return redirect(url_for("interviews.session_detail", session_id=slot.session_id), 303)


@bp.post("/programme/vendredis/creneaux/<int:slot_id>/deplacer")
@role_required(Role.STAFF)
def move(slot_id: int):
    """Move an interview to another time of the session, if nobody is double-booked."""
    start = request.form.get("start", "")

    def change(slot, version):
        try:
            new_start = datetime.fromisoformat(start)
        except ValueError:
            raise svc.SessionError("slot", "outside_session") from None
        svc.move_interview(slot, new_start, version)

    return _slot_change(slot_id, change)


@bp.post("/programme/vendredis/creneaux/<int:slot_id>/annuler")
@role_required(Role.STAFF)
def cancel(slot_id: int):
    """Cancel an interview."""
    return _slot_change(slot_id, svc.cancel_interview)


@bp.post("/programme/vendredis/creneaux/<int:slot_id>/echanger")
@role_required(Role.STAFF)
def swap(slot_id: int):
    """Exchange the times of two interviews."""
    other = parse_int(request.form.get("other")) or 0
    return _slot_change(slot_id, lambda slot, version: svc.swap_interviews(slot, other, version))


@bp.post("/programme/vendredis/<int:session_id>/reserver")
@role_required(Role.STAFF)
def book(session_id: int):
    """Book an interview for both sides directly (a hosted booking)."""
    session = db.get_or_404(InterviewSession, session_id)
    try:
        svc.host_booking(current_user, session, parse_int(request.form.get("application")) or 0)
        db.session.commit()
    except svc.SessionError as err:
        db.session.rollback()
        flash(SESSION_ERRORS[err.code], "error")
    except IntegrityError:
        # Sent twice at once (double click, retry): the other request booked it.
        db.session.rollback()
        flash(_("The interview is booked; run the scheduler to place it."), "success")
    else:
        flash(_("The interview is booked; run the scheduler to place it."), "success")
    return redirect(url_for("interviews.session_detail", session_id=session.id), 303)
