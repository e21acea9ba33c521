"""Privacy (Law 25): a person's data and consents, the incident register, human reviews."""

from flask import abort, flash, redirect, request, send_file, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app import sessions
from app.blueprints.candidates.services import get_profile
from app.blueprints.matching.services import jobs_for_candidate
from app.blueprints.privacy import bp
from app.blueprints.privacy import services as svc
from app.blueprints.privacy.forms import (
    PRIVACY_ERRORS,
    AccountForm,
    ConsentForm,
    DeleteAccountForm,
    DownloadForm,
    IncidentForm,
    ReviewAnswerForm,
    ReviewRequestForm,
)
from app.clock import today
from app.extensions import db, limiter
from app.matching.score import WEIGHTS
from app.models import ConsentPurpose, HumanReviewRequest, IncidentReport, ReviewStatus, Role
from app.models.privacy import PRIVACY_POLICY_VERSION
from app.rendering import render
from app.security import auth_rate_limit, role_required
from app.uow import attempt


@bp.app_template_global("matching_weights")
def matching_weights() -> dict[str, int]:
    """The engine's real weights, for the automated-decision notice on the matching page."""
    return {name: round(weight) for name, weight in WEIGHTS.items()}


@bp.app_template_global("privacy_retention")
def privacy_retention() -> svc.Retention:
    """The retention periods the purge applies, for the privacy policy."""
    return svc.RETENTION


@bp.app_template_global("policy_version")
def policy_version() -> str:
    """The version of the privacy policy consents are given under."""
    return PRIVACY_POLICY_VERSION


# ---------------------------------------------------------------- the person's own data


def _consent_forms(consents: dict) -> dict:
    return {
        p: ConsentForm(formdata=None, purpose=p.value, given="0" if on else "1")
        for p, on in consents.items()
    }


def _account_page(account_form: AccountForm | None = None):
    """Render the privacy page of the signed-in person (with a refused form, if any)."""
    user = current_user
    consents = svc.current_consents(user) if user.role == Role.CANDIDATE else None
    return render(
        "privacy/account.html",
        user=user,
        consents=consents,
        consent_forms=_consent_forms(consents) if consents else {},
        history=svc.consent_history(user),
        reviews=svc.review_requests_of(user),
        disclosures=svc.disclosures(user) if user.role == Role.CANDIDATE else [],
        account_form=account_form
        or AccountForm(formdata=None, full_name=user.full_name, locale=user.locale),
        download_form=DownloadForm(formdata=None),
        can_delete=svc.can_self_delete(user),
    )


@bp.get("/compte/confidentialite")
@login_required
def account_privacy():
    """Show the person's consents, their data download and the deletion of their account."""
    return _account_page()


@bp.post("/compte/confidentialite/consentement")
@role_required(Role.CANDIDATE)
def change_consent():
    """Give or withdraw one consent in one click; it applies at once."""
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    given = form.given.data == "1"
    if not attempt(
        None,
        PRIVACY_ERRORS,
        svc.set_consent,
        current_user,
        ConsentPurpose(form.purpose.data),
        given,
    ):
        return redirect(url_for("privacy.account_privacy") + "#consents", 303)
    if given:
        flash(_("Your consent is recorded. It applies at once."), "success")
    else:
        flash(_("Your consent is withdrawn. It applies at once."), "success")
    return redirect(url_for("privacy.account_privacy") + "#consents", 303)


@bp.post("/compte/confidentialite/identite")
@login_required
def correct_account():
    """Correct the person's name and language."""
    form = AccountForm()
    if not form.validate_on_submit():
        return _account_page(account_form=form)
    if not attempt(
        form,
        PRIVACY_ERRORS,
        svc.update_account,
        current_user,
        form.full_name.data,
        form.locale.data,
    ):
        return _account_page(account_form=form)
    session["lang"] = current_user.locale
    flash(_("Your corrections are saved."), "success")
    return redirect(url_for("privacy.account_privacy") + "#correct", 303)


@bp.post("/compte/confidentialite/telechargement")
@login_required
def download_data():
    """Send a ZIP of everything held about the person (data.json and their files)."""
    if not DownloadForm().validate_on_submit():
        abort(400)
    archive = attempt(None, PRIVACY_ERRORS, svc.export_data, current_user).value
    if archive is None:
        return redirect(url_for("privacy.account_privacy"), 303)
    response = send_file(
        archive,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"maillage-data-{today().isoformat()}.zip",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/compte/supprimer", methods=["GET", "POST"])
@login_required
@limiter.limit(auth_rate_limit, methods=["POST"])
def delete_account():
    """Delete the account once the password is typed again; staff accounts are deactivated."""
    form = DeleteAccountForm()
    allowed = svc.can_self_delete(current_user)
    if request.method == "POST" and not allowed:
        abort(403)
    if form.validate_on_submit() and attempt(
        form, PRIVACY_ERRORS, _delete_and_sign_out, form.password.data
    ):
        return redirect(url_for("privacy.account_deleted"), 303)
    return render("privacy/delete.html", form=form, allowed=allowed)


def _delete_and_sign_out(password: str) -> None:
    """Delete the signed-in person's account, then end this session."""
    svc.delete_own_account(current_user, password)
    sessions.end()


@bp.get("/compte/supprime")
def account_deleted():
    """Confirm that the account and its data are gone."""
    return render("privacy/deleted.html", retention=svc.RETENTION)


# ---------------------------------------------------------------- human review of rankings


@bp.route("/candidat/revision-humaine", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def request_review():
    """Ask a person from the program to review the automated ranking."""
    locale = str(get_locale())
    matches = jobs_for_candidate(get_profile(current_user))
    form = ReviewRequestForm()
    form.job_id.choices = [SelectChoice(0, _("No particular job"))] + [
        SelectChoice(m.job_id, f"{m.job.title(locale)} — {m.job.organisation.name}")
        for m in matches
    ]
    if form.validate_on_submit() and attempt(
        form,
        PRIVACY_ERRORS,
        svc.request_review,
        current_user,
        form.message.data or "",
        {m.job_id: m.job for m in matches}.get(form.job_id.data),
    ):
        flash(
            _("Your request is sent to the program team. We will tell you their answer."), "success"
        )
        return redirect(url_for("privacy.account_privacy") + "#reviews", 303)
    return render("privacy/review_request.html", form=form)


# ---------------------------------------------------------------- staff


def _staff_page(forms: dict | None = None):
    """Render the staff privacy page (with refused answer forms, if any)."""
    reviews = svc.review_queue()
    answer_forms = {
        r.id: ReviewAnswerForm(formdata=None, prefix=f"r{r.id}")
        for r in reviews
        if r.status == ReviewStatus.OPEN
    }
    answer_forms.update(forms or {})
    return render(
        "privacy/staff.html",
        reviews=reviews,
        answer_forms=answer_forms,
        incidents=svc.list_incidents(),
    )


@bp.get("/programme/confidentialite")
@role_required(Role.STAFF)
def staff_privacy():
    """Show staff the incident register and the requests for a human review."""
    return _staff_page()


@bp.post("/programme/confidentialite/revisions/<int:review_id>")
@role_required(Role.STAFF)
def answer_review(review_id: int):
    """Answer a candidate's request for a human review."""
    review = db.get_or_404(HumanReviewRequest, review_id)
    if review.status != ReviewStatus.OPEN:
        flash(_("This request was already answered."), "info")
        return redirect(url_for("privacy.staff_privacy"), 303)
    form = ReviewAnswerForm(prefix=f"r{review.id}")
    if not form.validate_on_submit():
        return _staff_page({review.id: form})
    if not attempt(form, PRIVACY_ERRORS, svc.answer_review, review, current_user, form.answer.data):
        return _staff_page({review.id: form})
    flash(_("Your answer is sent to the candidate."), "success")
    return redirect(url_for("privacy.staff_privacy") + "#reviews", 303)


def _incident_data(form: IncidentForm) -> svc.IncidentData:
    """Copy the incident form into the service's input."""
    return svc.IncidentData(
        **{k: form[k].data for k in svc.IncidentData.__dataclass_fields__},
    )


@bp.route("/programme/confidentialite/incidents/nouveau", methods=["GET", "POST"])
@bp.route("/programme/confidentialite/incidents/<int:incident_id>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def incident(incident_id: int | None = None):
    """Record a confidentiality incident, or complete one in the register."""
    report = db.get_or_404(IncidentReport, incident_id) if incident_id else None
    form = IncidentForm(obj=report)
    if form.validate_on_submit():
        form.people_affected.data = form.people_affected.data or 0
        if attempt(
            form, PRIVACY_ERRORS, svc.save_incident, current_user, _incident_data(form), report
        ):
            flash(_("The incident is saved in the register."), "success")
            return redirect(url_for("privacy.staff_privacy") + "#incidents", 303)
    return render("privacy/incident.html", form=form, report=report)
