"""Applying, following applications, employer pipelines and staff pre-qualification."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.blueprints.applications import bp
from app.blueprints.applications import services as svc
from app.blueprints.applications.forms import (
    APPLICATION_ERRORS,
    ApplyForm,
    DeclineMessageForm,
    MoveForm,
    SiteVisitForm,
    WithdrawForm,
    reason_choices,
)
from app.blueprints.candidates.services import get_profile, record_cv_access, set_consents
from app.blueprints.interviews import services as friday_svc
from app.blueprints.jobs.services import get_organisation_job, get_public_job
from app.clock import today as program_today
from app.forms import ConfirmForm
from app.models import Actor, ApplicationStatus, DeclineReason, Role
from app.rendering import is_htmx_fragment_request, render
from app.security import role_required
from app.storage import send_stored_file
from app.uow import attempt, write_on_read


@bp.route("/postes/<int:job_id>/postuler", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def apply(job_id: int):
    """Apply to a job with an optional message."""
    job = get_public_job(job_id, current_user) or abort(404)
    profile = get_profile(current_user)
    existing = svc.find_application(profile, job)
    if existing is not None:
        return _already_applied(existing)
    form = ApplyForm(consent_staff_review=profile.consents_to_staff_review)
    if form.validate_on_submit():
        message, today = form.message.data or "", program_today()
        outcome = attempt(form, APPLICATION_ERRORS, _apply, profile, job, message, today)
        if outcome.duplicate and not isinstance(outcome.error, svc.ApplicationError):
            # The same form sent twice at once (double click, retry): the other request won.
            return _already_applied(svc.find_application(profile, job) or abort(409))
        if outcome:
            flash(_("Your application is sent. The program team reviews it first."), "success")
            return redirect(url_for("applications.mine"), 303)
    return render(
        "applications/apply.html",
        block="form",
        form=form,
        job=job,
        profile=profile,
    )


def _apply(profile, job, message, today):
    """Give the staff-review consent the application needs, then apply."""
    set_consents(profile, True, profile.consents_to_employer_display)
    return svc.apply_to_job(profile, job, message, today)


def _already_applied(existing):
    flash(APPLICATION_ERRORS["duplicate"], "info")
    return redirect(url_for("applications.mine") + f"#application-{existing.id}", 303)


def _mine_page(withdraw_form=None, failed_id=None):
    write_on_read("the empty profile is created on first visit")
    profile = get_profile(current_user)
    return render(
        "applications/mine.html",
        applications=svc.candidate_applications(profile),
        timeline=svc.timeline,
        withdraw_form=withdraw_form or WithdrawForm(formdata=None),
        failed_id=failed_id,
        decline_texts=svc.decline_messages(),
    )


@bp.get("/candidatures")
@role_required(Role.CANDIDATE)
def mine():
    """Show the candidate's applications as plain-language timelines."""
    return _mine_page()


@bp.post("/candidatures/<int:application_id>/retirer")
@role_required(Role.CANDIDATE)
def withdraw(application_id: int):
    """Withdraw one of the candidate's applications, with the reason chosen."""
    application = svc.get_candidate_application(
        current_user.candidate_profile, application_id
    ) or abort(404)
    form = WithdrawForm()
    if form.validate_on_submit() and attempt(
        form,
        APPLICATION_ERRORS,
        svc.transition_application,
        application,
        ApplicationStatus.WITHDRAWN,
        current_user,
        Actor.CANDIDATE,
        withdraw_reason=form.reason.data,
    ):
        flash(_("Your application is withdrawn."), "info")
        return redirect(url_for("applications.mine"), 303)
    return _mine_page(withdraw_form=form, failed_id=application.id)


# ---------------------------------------------------------------- employers


def _pipeline_page(job, forms=None, status=200):
    friday = friday_svc.next_open_session()
    return render(
        "applications/pipeline.html",
        block="pipeline",
        status=status,
        job=job,
        groups=svc.job_pipeline(job),
        under_review=svc.under_review_count(job),
        allowed=svc.allowed_moves,
        Actor=Actor,
        forms=forms or {},
        reason_options_default=reason_choices(),
        friday=friday,
        proposed=friday_svc.proposed_candidates(friday, job),
    )


@bp.get("/employeurs/postes/<int:job_id>/candidats")
@role_required(Role.EMPLOYER)
def pipeline(job_id: int):
    """Show the job's applicants grouped by status."""
    job = get_organisation_job(current_user.organisation, job_id) or abort(404)
    return _pipeline_page(job)


@bp.post("/employeurs/candidatures/<int:application_id>/statut")
@role_required(Role.EMPLOYER)
def employer_move(application_id: int):
    """Move an applicant along the pipeline (htmx re-renders the pipeline)."""
    application = svc.get_employer_application(current_user.organisation, application_id) or abort(
        404
    )
    form = MoveForm()
    error = _move(application, form, Actor.EMPLOYER)
    if error is None:
        _flash_moved(application)
        if not is_htmx_fragment_request():
            return redirect(url_for("applications.pipeline", job_id=application.job_id), 303)
        return _pipeline_page(application.job)
    return _pipeline_page(application.job, forms={application.id: form})


def _flash_moved(application) -> None:
    name, status = application.candidate.display_name, application.status.label
    flash(_("%(name)s: %(status)s.", name=name, status=status), "success")


def _move(application, form: MoveForm, actor: Actor):
    """Apply a decision form; return None on success, else leave the error on the form."""
    if not form.validate_on_submit():
        if form.status.errors:  # a status that is none of the workflow's
            form.status.errors = [APPLICATION_ERRORS["transition"]]
        return "invalid"
    status, reason, note = form.status.data, form.reason.data, form.note.data or ""
    outcome = attempt(
        form, APPLICATION_ERRORS, _transition, application, status, actor, reason, note
    )
    return None if outcome else outcome.error.code


def _transition(application, to_status, actor, reason, note):
    """Move the application, as the signed-in user."""
    svc.transition_application(
        application, to_status, current_user, actor, reason=reason, note=note
    )


@bp.get("/employeurs/candidatures/<int:application_id>")
@role_required(Role.EMPLOYER)
def employer_application(application_id: int):
    """Show an applicant's profile to the employer (the view is logged)."""
    application = svc.get_employer_application(current_user.organisation, application_id) or abort(
        404
    )
    write_on_read("the employer's view of the profile is logged")
    svc.record_profile_view(current_user, application)
    return render(
        "applications/detail.html",
        application=application,
        viewer="employer",
        allowed=svc.allowed_moves(application, Actor.EMPLOYER),
        form=MoveForm(),
        visit_form=SiteVisitForm(),
    )


@bp.post("/employeurs/candidatures/<int:application_id>/visite")
@role_required(Role.EMPLOYER)
def invite_site_visit(application_id: int):
    """Invite the candidate to visit the employer's site (the trip can then be funded)."""
    application = svc.get_employer_application(current_user.organisation, application_id) or abort(
        404
    )
    form = SiteVisitForm()
    if form.validate_on_submit():
        message = form.message.data or ""
        if attempt(
            None, APPLICATION_ERRORS, svc.invite_to_site_visit, application, current_user, message
        ):
            flash(_("The candidate is invited to visit your site."), "success")
    return redirect(
        url_for("applications.employer_application", application_id=application.id), 303
    )


@bp.post("/candidatures/<int:application_id>/visite/<answer>")
@role_required(Role.CANDIDATE)
def answer_site_visit(application_id: int, answer: str):
    """Accept or decline an employer's site visit invitation."""
    application = svc.get_candidate_application(
        current_user.candidate_profile, application_id
    ) or abort(404)
    if answer not in ("accepter", "refuser"):
        abort(404)
    if ConfirmForm().validate_on_submit():
        if attempt(
            None, APPLICATION_ERRORS, svc.answer_site_visit, application, answer == "accepter"
        ):
            flash(
                _("You accepted the visit. You can ask for funding of the trip.")
                if answer == "accepter"
                else _("You declined the visit."),
                "success",
            )
    return redirect(url_for("applications.mine") + f"#application-{application.id}", 303)


@bp.get("/employeurs/candidatures/<int:application_id>/cv")
@role_required(Role.EMPLOYER)
def employer_cv(application_id: int):
    """Send an applicant's CV to the employer (logged)."""
    application = svc.get_employer_application(current_user.organisation, application_id) or abort(
        404
    )
    return _send_cv(application)


def _send_cv(application):
    profile = application.candidate
    if not profile.cv_key:
        abort(404)
    write_on_read("every CV download is logged")
    record_cv_access(current_user, profile)
    return send_stored_file(profile.cv_key, profile.cv_mime, download_name=profile.cv_filename)


# ---------------------------------------------------------------- staff


@bp.get("/programme/prequalification")
@role_required(Role.STAFF)
def prequalification():
    """List the applications waiting for pre-qualification, oldest first."""
    return render(
        "applications/queue.html",
        applications=svc.prequalification_queue(),
    )


@bp.route("/programme/candidatures/<int:application_id>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def review(application_id: int):
    """Review an application: pre-qualify it with a rationale, or decline it with a reason."""
    application = svc.get_reviewable_application(application_id) or abort(404)
    form = MoveForm()
    if form.is_submitted() and _move(application, form, Actor.STAFF) is None:
        _flash_moved(application)
        return redirect(url_for("applications.prequalification"), 303)
    if not form.is_submitted():
        write_on_read("staff's view of the profile is logged")
        svc.record_profile_view(current_user, application)
    return render(
        "applications/detail.html",
        block="decision",
        application=application,
        viewer="staff",
        allowed=svc.allowed_moves(application, Actor.STAFF),
        form=form,
    )


@bp.get("/programme/candidatures/<int:application_id>/cv")
@role_required(Role.STAFF)
def staff_cv(application_id: int):
    """Send an applicant's CV to staff (logged)."""
    return _send_cv(svc.get_reviewable_application(application_id) or abort(404))


# ---------------------------------------------------------------- decline wording (staff)


@bp.get("/programme/motifs-de-refus")
@role_required(Role.STAFF)
def decline_messages():
    """The wording of each decline reason as candidates read it, in both languages."""
    return render(
        "applications/decline_messages.html",
        reasons=list(DeclineReason),
        edited=svc.decline_messages(),
        catalog=svc.catalog_wording,
    )


@bp.route("/programme/motifs-de-refus/<reason>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_decline_message(reason: str):
    """Write the program's own wording of a decline reason (empty: the standard wording)."""
    if reason not in DeclineReason._value2member_map_:
        abort(404)
    member = DeclineReason(reason)
    current = svc.decline_messages().get(member)
    form = DeclineMessageForm(obj=current if request.method == "GET" else None)
    if form.validate_on_submit() and attempt(
        form,
        APPLICATION_ERRORS,
        svc.save_decline_message,
        current_user,
        member,
        form.text_fr.data or "",
        form.text_en.data or "",
    ):
        flash(_("The wording is saved. It is used for the next declines."), "success")
        return redirect(url_for("applications.decline_messages"), 303)
    return render(
        "applications/decline_message_form.html",
        form=form,
        reason=member,
        catalog=svc.catalog_wording(member),
    )
