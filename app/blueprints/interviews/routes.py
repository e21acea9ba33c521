"""Friday interview sessions: staff create and list them."""

from datetime import datetime, time

from flask import Response, abort, flash, make_response, redirect, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app import clock
from app.blueprints.applications.services import get_employer_application
from app.blueprints.interviews import bp
from app.blueprints.interviews import services as svc
from app.blueprints.interviews.forms import (
    AVAILABILITY_ERRORS,
    CHANGE_ERRORS,
    OFFER_ERRORS,
    PROPOSAL_ERRORS,
    SESSION_ERRORS,
    UNPLACED_REASONS,
    AvailabilityForm,
    ChangeForm,
    SessionForm,
)
from app.blueprints.jobs.services import get_organisation_job
from app.clock import today
from app.extensions import db
from app.forms import parse_int
from app.i18n import clock_time, interview_when, user_zone
from app.models import (
    CandidateReason,
    ChangeKind,
    ChangeStatus,
    InterviewChange,
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
from app.uow import attempt
from app.urls import safe_next


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
    if form.validate_on_submit() and attempt(
        form, SESSION_ERRORS, svc.create_session, current_user, form.to_data()
    ):
        flash(
            _("The session of %(day)s is created.", day=format_date(form.day.data, format="long")),
            "success",
        )
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
        unplaced=unplaced if unplaced is not None else svc.unplaced_requests(session),
        no_shows=svc.no_show_counts(),
        bookable=svc.bookable_applications(session),
        # Each time of the session's grid: its form value and what staff read ("10 h 30").
        grid=[(t, t.isoformat(), clock_time(t)) for t in svc.grid_times(session)],
        reasons=UNPLACED_REASONS,
        RequestStatus=RequestStatus,
        changes=svc.session_changes(session),
    )


@bp.post("/programme/vendredis/<int:session_id>/planifier")
@role_required(Role.STAFF)
def schedule(session_id: int):
    """Run the scheduler on the accepted requests (a draft: nothing is sent yet).

    The page is rendered, not redirected to: the reasons why requests stay unplaced are not
    stored, and the staff member needs them right now. Running it again gives the same draft.
    """
    session = db.get_or_404(InterviewSession, session_id)
    outcome = attempt(None, SESSION_ERRORS, svc.run_scheduler, session)
    if outcome:
        flash(_("The schedule is drafted. Check it, then publish it."), "success")
    return _session_page(session, outcome.value)


@bp.post("/programme/vendredis/<int:session_id>/publier")
@role_required(Role.STAFF)
def publish(session_id: int):
    """Publish the schedule: both sides of each interview are told."""
    session = db.get_or_404(InterviewSession, session_id)
    if outcome := attempt(None, SESSION_ERRORS, svc.publish_schedule, session, current_user):
        flash(_("The schedule is published: %(count)s interviews.", count=outcome.value), "success")
    return redirect(url_for("interviews.session_detail", session_id=session.id), 303)


@bp.get("/employeurs/vendredis")
@role_required(Role.EMPLOYER)
def employer_sessions():
    """Show the open sessions and propose shortlisted candidates for them."""
    org = current_user.organisation or abort(404)
    sessions = svc.employer_sessions()
    return render(
        "interviews/employer.html",
        sessions=sessions,
        applicants=svc.proposable_applications(org.id),
        requests=svc.organisation_requests_by_session(sessions, org.id),
        is_open=svc.is_open,
        who=svc.request_party_name,
        reasons=UNPLACED_REASONS,
    )


@bp.post("/employeurs/vendredis/<int:session_id>/proposer")
@role_required(Role.EMPLOYER)
def propose(session_id: int):
    """Propose the checked candidates for a session."""
    session = svc.get_open_session(session_id) or abort(404)
    ids = [i for i in map(parse_int, request.form.getlist("application")) if i is not None]
    note = request.form.get("note", "")[: svc.NOTE_MAX]
    outcome = attempt(
        None, PROPOSAL_ERRORS, svc.propose_candidates, current_user, session, ids, note
    )
    # A duplicate is the same proposals sent twice at once (double click): the first recorded them.
    if outcome or outcome.duplicate:
        flash(_("Your proposals are sent. Each candidate answers from their dashboard."), "success")
    return redirect(url_for("interviews.employer_sessions"), 303)


@bp.post("/employeurs/candidatures/<int:application_id>/vendredi")
@role_required(Role.EMPLOYER)
def propose_applicant(application_id: int):
    """Propose one shortlisted applicant, from the pipeline, for the next open session."""
    application = get_employer_application(current_user.organisation, application_id) or abort(404)
    back = url_for("applications.pipeline", job_id=application.job_id)
    session = svc.next_open_session()
    if session is None:
        flash(_("No session is open for registration right now."), "error")
        return redirect(back, 303)
    note = request.form.get("note", "")[: svc.NOTE_MAX]
    outcome = attempt(
        None, PROPOSAL_ERRORS, svc.propose_candidates, current_user, session, [application.id], note
    )
    if outcome or outcome.duplicate:
        flash(_proposal_sent(session), "success")
    return redirect(back, 303)


@bp.post("/employeurs/postes/<int:job_id>/correspondances/<int:candidate_id>/vendredi")
@role_required(Role.EMPLOYER)
def propose_match(job_id: int, candidate_id: int):
    """Propose a matched candidate, still anonymous, for the next open session."""
    job = get_organisation_job(current_user.organisation, job_id) or abort(404)
    # Back to the page of matches the proposal was made from.
    matches = url_for("matching.employer_matches", job_id=job.id)
    back = safe_next(request.form.get("next")) or matches
    session = svc.next_open_session()
    if session is None:
        flash(_("No session is open for registration right now."), "error")
        return redirect(back, 303)
    note = request.form.get("note", "")[: svc.NOTE_MAX]
    outcome = attempt(
        None, PROPOSAL_ERRORS, svc.propose_match, current_user, session, job, candidate_id, note
    )
    if outcome and outcome.value is None:
        abort(404)
    if outcome or outcome.duplicate:
        flash(_proposal_sent(session), "success")
    return redirect(back, 303)


def _proposal_sent(session) -> str:
    return _(
        "Your proposal for the session of %(day)s is sent. The candidate answers from their"
        " dashboard.",
        day=format_date(session.day, format="full"),
    )


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
        now=clock.now(),
        room_open=svc.room_open,
        requests=svc.candidate_requests(profile) if profile else [],
        RequestStatus=RequestStatus,
        tz=user_zone(current_user),
        reasons=UNPLACED_REASONS,
        is_open=svc.is_open,
        changes=svc.my_changes(current_user),
        offers=svc.offers_for(current_user),
        decline_reasons=list(CandidateReason),
    )


@bp.post("/entrevues/demandes/<int:request_id>/<any(accepter,refuser):answer>")
@role_required(Role.CANDIDATE)
def answer(request_id: int, answer: str):
    """Accept or decline a Friday interview proposal."""
    profile = current_user.candidate_profile or abort(404)
    value = request.form.get("reason", "")
    reason = CandidateReason(value) if value in CandidateReason._value2member_map_ else None
    outcome = attempt(
        None,
        SESSION_ERRORS,
        svc.respond_to_request,
        profile,
        request_id,
        answer == "accepter",
        reason,
    )
    if outcome and outcome.value is None:
        abort(404)
    if not outcome:
        return redirect(url_for("interviews.mine") + f"#request-{request_id}", 303)
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
    status = next((s for s in SlotStatus if s.value == request.form.get("status")), None)
    if status is None:
        abort(400)
    if attempt(None, SESSION_ERRORS, svc.mark_attendance, slot, status):
        flash(_("Attendance recorded."), "success")
    return redirect(url_for("interviews.session_detail", session_id=slot.session_id), 303)


@bp.post("/entrevues/<int:slot_id>/suite")
@login_required
def decide(slot_id: int):
    """Say, after the interview, whether you want to continue."""
    slot = svc.get_party_slot(current_user, slot_id, include_past=True) or abort(404)
    form = request.form
    outcome = attempt(
        None,
        SESSION_ERRORS,
        svc.record_decision,
        current_user,
        slot,
        form.get("decision", ""),
        form.get("note", "")[:2000],
        utcnow(),
    )
    if outcome:
        flash(
            _("You both want to continue: the contact details are now shared.")
            if outcome.value
            else _("Your answer is recorded."),
            "success",
        )
    return redirect(url_for("interviews.mine"), 303)


def _slot_change(slot_id: int, change) -> object:
    slot = db.get_or_404(InterviewSlot, slot_id)
    version = parse_int(request.form.get("version"))
    if attempt(None, SESSION_ERRORS, change, slot, version):
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
            raise svc.SessionError("outside_session", "slot") from None
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
    application = parse_int(request.form.get("application")) or 0
    outcome = attempt(None, SESSION_ERRORS, svc.host_booking, current_user, session, application)
    if outcome or outcome.duplicate:  # a duplicate: sent twice at once, the first booked it
        flash(_("The interview is booked; run the scheduler to place it."), "success")
    return redirect(url_for("interviews.session_detail", session_id=session.id), 303)


@bp.route("/entrevues/vendredis/<int:session_id>/disponibilites", methods=["GET", "POST"])
@login_required
def availability(session_id: int):
    """Give the times one can attend a session, in one's own time zone (stored in UTC)."""
    session = svc.availability_session(current_user, session_id) or abort(404)
    tz = user_zone(current_user)
    form = AvailabilityForm(session, tz)
    if request.method == "GET":
        _fill_availability(form, svc.availability_of(current_user, session), tz)
        form.version.data = svc.availability_version(current_user, session)
    if form.validate_on_submit():
        outcome = attempt(
            form, AVAILABILITY_ERRORS, svc.set_availability, current_user, session, form.to_data()
        )
        if outcome:
            flash(_("Your availability is saved."), "success")
            return redirect(url_for("interviews.availability", session_id=session.id), 303)
        if outcome.error.code == "stale":  # keep the input, drawn now from the current save
            form.version.data = svc.availability_version(current_user, session)
    return render(
        "interviews/availability.html",
        block="form",
        form=form,
        session=session,
        tz=tz,
        saved=svc.availability_of(current_user, session),
        rows=range(1, svc.AVAILABILITY_ROWS + 1),
    )


def _fill_availability(form, ranges, tz) -> None:
    for n, (start, end) in enumerate(ranges[: svc.AVAILABILITY_ROWS], start=1):
        form[f"start_{n}"].data = start.astimezone(tz).time()
        form[f"end_{n}"].data = end.astimezone(tz).time()


# ---------------------------------------------------------------- changes asked by the parties


@bp.route("/entrevues/<int:slot_id>/changement", methods=["GET", "POST"])
@login_required
def change(slot_id: int):
    """Ask to move (to a time that suits both sides) or cancel one's interview, with a reason."""
    slot = svc.get_party_slot(current_user, slot_id) or abort(404)
    options, now = svc.move_options(slot), utcnow()
    form = ChangeForm(slot, options, now)
    tz = user_zone(current_user)
    form.new_start.choices = [SelectChoice("", _("Choose…"))] + [
        SelectChoice(o.isoformat(), interview_when(o, tz)) for o in options
    ]
    if request.method == "GET":
        form.version.data = slot.version
    if form.validate_on_submit():
        outcome = attempt(
            form, CHANGE_ERRORS, svc.request_change, current_user, slot, form.to_data(), now
        )
        if outcome:
            flash(_change_done(outcome.value), "success")
            return redirect(url_for("interviews.mine"), 303)
        if outcome.error.code == "stale" or slot.status != SlotStatus.CONFIRMED:
            db.session.refresh(slot)
            form.version.data = slot.version
    return render(
        "interviews/change.html",
        block="form",
        form=form,
        slot=slot,
        tz=tz,
        cutoff=svc.change_cutoff(slot),
        too_late=now > svc.change_cutoff(slot),
    )


def _change_done(change) -> str:
    if change.status == ChangeStatus.PENDING:
        return _("Your request is sent to the program team, who will answer it shortly.")
    if change.kind == ChangeKind.CANCEL:
        return _("Your interview is cancelled; both sides were told.")
    return _("Your interview is moved; both sides received the new time.")


@bp.post("/entrevues/offres/<int:offer_id>/<any(prendre,refuser):answer>")
@role_required(Role.CANDIDATE)
def answer_offer(offer_id: int, answer: str):
    """Take or decline a freed time offered to the candidate."""
    version = parse_int(request.form.get("version"))
    outcome = attempt(
        None, OFFER_ERRORS, svc.answer_offer, current_user, offer_id, answer == "prendre", version
    )
    if outcome and outcome.value is None:
        abort(404)
    if outcome:
        flash(
            _("The time is yours: your interview is confirmed.")
            if answer == "prendre"
            else _("You declined this time."),
            "success",
        )
    return redirect(url_for("interviews.mine"), 303)


@bp.post("/programme/vendredis/changements/<int:change_id>/<any(appliquer,refuser):decision>")
@role_required(Role.STAFF)
def decide_change(change_id: int, decision: str):
    """Apply or refuse a change a party asked for (when changes need staff approval)."""
    change = db.get_or_404(InterviewChange, change_id)
    service = svc.apply_change if decision == "appliquer" else svc.refuse_change
    if attempt(None, CHANGE_ERRORS, service, change):
        flash(_("The request is answered; both sides were told."), "success")
    return redirect(url_for("interviews.session_detail", session_id=change.slot.session_id), 303)


# ---------------------------------------------------------------- the private room


@bp.get("/entrevues/<int:slot_id>/salle")
@login_required
def room(slot_id: int):
    """Let a party into the interview room, only from 5 minutes before to 15 after the end: the
    room's own address is never shown, this portal redirects to it."""
    slot = svc.get_party_slot(current_user, slot_id, include_past=True) or abort(404)
    now = clock.now()
    outcome = attempt(None, SESSION_ERRORS, svc.enter_room, current_user, slot, now)
    if outcome and outcome.value:
        return redirect(outcome.value, 303)
    tz = user_zone(current_user)
    return render(
        "interviews/room_closed.html",
        status=403,
        slot=slot,
        opens=interview_when(slot.starts_at - svc.JOIN_EARLY, tz),
        early=now < slot.starts_at,
    )


@bp.get("/entrevues/essai-camera")
@login_required
def camera_test():
    """Try one's camera and microphone in the browser before the interview (nothing is sent)."""
    response = make_response(render("interviews/camera_test.html"))
    response.headers["Permissions-Policy"] = "geolocation=(), camera=(self), microphone=(self)"
    return response


# ---------------------------------------------------------------- calendar subscription


@bp.get("/calendrier/<token>.ics")
def calendar_feed(token: str):
    """Serve a person's private calendar feed (the address is the key; no sign-in)."""
    user = svc.user_for_calendar(token) or abort(404)
    response = Response(svc.calendar_feed(user), mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, max-age=900"
    return response


@bp.post("/compte/calendrier/<any(creer,desactiver):action>")
@login_required
def calendar_subscription(action: str):
    """Create (or replace) the person's private calendar address, or turn it off."""
    service = svc.enable_calendar if action == "creer" else svc.disable_calendar
    if attempt(None, {}, service, current_user):
        flash(
            _("Your calendar address is ready. Any address given before no longer works.")
            if action == "creer"
            else _("Your calendar address is turned off."),
            "success",
        )
    return redirect(url_for("account.index") + "#calendar", 303)
