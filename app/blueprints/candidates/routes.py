"""The candidate's own profile: details, CV and privacy choices."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.blueprints.candidates import bp
from app.blueprints.candidates import services as svc
from app.blueprints.candidates.forms import (
    STALE_PROFILE,
    CvForm,
    PrivacyForm,
    ProfileForm,
)
from app.blueprints.regions.services import list_regions
from app.forms import split_list
from app.levels import level_choices
from app.models import CredentialRecognition, EducationLevel, Household, Role, WorkStatus
from app.rendering import render
from app.security import role_required
from app.storage import send_stored_file
from app.tasks import schedule_recompute
from app.uow import attempt, write_on_read
from app.uploads import UploadRejected


def _enum_or_none(enum_cls, value):
    return enum_cls(value) if value else None


def _int_or_none(value):
    return int(value) if value not in (None, "") else None


def _profile_form(profile) -> ProfileForm:
    form = ProfileForm(obj=profile if request.method == "GET" else None)
    locale = str(get_locale())
    for name in ("french_level", "english_level", "partner_french_level", "partner_english_level"):
        getattr(form, name).choices = level_choices(blank=_("Choose a level"))
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
        _fill_form_from_profile(form, profile)
    else:
        # Keep codes chosen in this request (from the search results) among the choices.
        extra = [c for c in request.form.getlist("occupations") if c not in selected]
        form.occupations.choices += [SelectChoice(c, c) for c in extra]
    return form


def _fill_form_from_profile(form: ProfileForm, profile) -> None:
    for name in ("work_status", "education_level", "credential_recognition", "household"):
        value = getattr(profile, name)
        getattr(form, name).data = value.value if value else ""
    for name in ("french_level", "english_level", "partner_french_level", "partner_english_level"):
        value = getattr(profile, name)
        getattr(form, name).data = "" if value is None else str(value)
    form.occupations.data = [o.noc for o in profile.occupations]
    form.regions.data = [r.code for r in profile.regions]
    form.desired_titles.data = ", ".join(profile.desired_titles or [])
    form.skills.data = ", ".join(profile.skills or [])
    form.partner_skills.data = ", ".join(profile.partner_skills or [])
    form.version.data = str(profile.version)


def _profile_data(form: ProfileForm) -> svc.ProfileData:
    skills = split_list(form.skills.data) + list(form.suggested_skills.data or [])
    return svc.ProfileData(
        phone=form.phone.data or "",
        country=form.country.data or "",
        city=form.city.data or "",
        timezone=form.timezone.data,
        arrival_date=form.arrival_date.data,
        work_status=_enum_or_none(WorkStatus, form.work_status.data),
        permit_expiry=form.permit_expiry.data,
        french_level=_int_or_none(form.french_level.data),
        english_level=_int_or_none(form.english_level.data),
        education_level=_enum_or_none(EducationLevel, form.education_level.data),
        education_field=form.education_field.data or "",
        credential_recognition=_enum_or_none(
            CredentialRecognition, form.credential_recognition.data
        ),
        experience_years=form.experience_years.data,
        occupation_codes=list(form.occupations.data or []),
        desired_titles=split_list(form.desired_titles.data),
        skills=split_list(",".join(skills)),
        region_codes=list(form.regions.data or []),
        regions_anywhere=form.regions_anywhere.data,
        household=_enum_or_none(Household, form.household.data),
        children_count=form.children_count.data or 0,
        partner_occupation=form.partner_occupation.data or "",
        partner_skills=split_list(form.partner_skills.data),
        partner_french_level=_int_or_none(form.partner_french_level.data),
        partner_english_level=_int_or_none(form.partner_english_level.data),
        availability_date=form.availability_date.data,
        summary=form.summary.data or "",
    )


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
        version = _int_or_none(form.version.data)
        data = _profile_data(form)
        if attempt(form, {"stale": STALE_PROFILE}, svc.update_profile, profile, data, version):
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
        try:
            outcome = attempt(
                form, {}, svc.store_cv, profile, form.cv.data.stream, form.cv.data.filename
            )
        except UploadRejected as err:
            form.cv.errors.append(err.message)
        else:
            if not outcome:
                return _page(profile, cv_form=form)
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
