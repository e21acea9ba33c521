"""The candidate's own profile: details, CV and privacy choices."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.blueprints.candidates import bp
from app.blueprints.candidates import services as svc
from app.blueprints.candidates.forms import (
    PROFILE_ERRORS,
    CvForm,
    PrivacyForm,
    ProfileForm,
)
from app.blueprints.matching.services import schedule_recompute
from app.blueprints.regions.services import list_regions
from app.models import Role
from app.rendering import render
from app.security import role_required
from app.storage import send_stored_file
from app.uow import attempt, write_on_read


def _profile_form(profile) -> ProfileForm:
    form = ProfileForm()
    form.current = profile
    locale = str(get_locale())
    selected = {o.noc: o for o in profile.occupations}
    form.occupations.choices = [
        SelectChoice(o.noc, f"{o.title(locale)} ({o.noc})") for o in selected.values()
    ]
    form.regions.choices = [
        SelectChoice(r.code, r.name(locale)) for r in list_regions() if not r.is_montreal
    ]
    form.suggested_skills.choices = [
        SelectChoice(s, s) for s in svc.suggest_skills(profile, locale[:2])
    ]
    if request.method == "GET":
        form.from_model(profile)
    else:
        # Keep codes chosen in this request (from the search results) among the choices.
        extra = [c for c in request.form.getlist("occupations") if c not in selected]
        form.occupations.choices += [SelectChoice(c, c) for c in extra]
    return form


def _page(profile, form=None, cv_form=None, privacy_form=None):
    percent, missing = svc.completeness(profile)
    privacy = privacy_form or PrivacyForm(
        consent_staff_review=profile.consents_to_staff_review,
        consent_employer_display=profile.consents_to_employer_display,
    )
    return render(
        "candidates/profile.html",
        block="profile_form",
        profile=profile,
        form=form or _profile_form(profile),
        cv_form=cv_form or CvForm(),
        privacy_form=privacy,
        percent=percent,
        missing=missing,
    )


@bp.route("/profil", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def profile():
    """Show and save the candidate's profile."""
    write_on_read("the empty profile is created on first visit")
    profile = svc.get_profile(current_user)
    form = _profile_form(profile)
    if form.validate_on_submit():
        data, version = form.to_data(), form.seen_version()
        if attempt(form, PROFILE_ERRORS, svc.update_profile, profile, data, version):
            schedule_recompute("candidate", profile.id)
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("candidates.profile"), 303)
    return _page(profile, form=form)


@bp.post("/profil/cv")
@role_required(Role.CANDIDATE)
def upload_cv():
    """Store the candidate's CV."""
    profile = svc.get_profile(current_user)
    form = CvForm()
    if form.validate_on_submit():
        if attempt(form, {}, svc.store_cv, profile, form.cv.data.stream, form.cv.data.filename):
            flash(_("Your CV is saved."), "success")
            return redirect(url_for("candidates.profile") + "#cv-section", 303)
    return _page(profile, cv_form=form)


@bp.get("/profil/cv")
@role_required(Role.CANDIDATE)
def download_cv():
    """Send the candidate their own CV."""
    profile = svc.get_profile(current_user)
    if not profile.cv_key:
        abort(404)
    return send_stored_file(profile.cv_key, profile.cv_mime, download_name=profile.cv_filename)


@bp.post("/profil/cv/supprimer")
@role_required(Role.CANDIDATE)
def delete_cv():
    """Delete the candidate's CV."""
    attempt(None, {}, svc.remove_cv, svc.get_profile(current_user))
    flash(_("Your CV was deleted."), "info")
    return redirect(url_for("candidates.profile") + "#cv-section", 303)


@bp.post("/profil/confidentialite")
@role_required(Role.CANDIDATE)
def privacy():
    """Give or withdraw the candidate's consents."""
    profile = svc.get_profile(current_user)
    form = PrivacyForm()
    if not form.validate_on_submit():
        return _page(profile, privacy_form=form)
    consents = (form.consent_staff_review.data, form.consent_employer_display.data)
    if not attempt(form, {}, svc.set_consents, profile, *consents):
        return _page(profile, privacy_form=form)
    flash(_("Your privacy choices are saved. They apply at once."), "success")
    return redirect(url_for("candidates.profile") + "#privacy-section", 303)
