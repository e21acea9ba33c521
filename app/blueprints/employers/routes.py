"""Employer organisation: profile, logo, members and invitations."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.blueprints.employers import bp
from app.blueprints.employers import services as svc
from app.blueprints.employers.forms import (
    ORG_ERRORS,
    AcceptInvitationForm,
    InviteForm,
    OrganisationForm,
)
from app.blueprints.regions.services import municipality_choices, region_choices
from app.clock import today as program_today
from app.extensions import limiter
from app.models import Role
from app.rendering import render
from app.security import auth_rate_limit, role_required
from app.storage import send_stored_file
from app.uow import attempt


def _active_organisation():
    return current_user.organisation or abort(404)


def _members_page(invite_form=None):
    return render(
        "employers/members.html",
        organisation=_active_organisation(),
        invite_form=invite_form or InviteForm(),
    )


@bp.get("/membres")
@role_required(Role.EMPLOYER)
def members():
    """List the organisation's members and pending join requests."""
    return _members_page()


@bp.post("/membres/inviter")
@role_required(Role.EMPLOYER)
def invite():
    """Invite a colleague by email."""
    form = InviteForm()
    if form.validate_on_submit():
        org = _active_organisation()
        if attempt(form, ORG_ERRORS, svc.invite_colleague, org, current_user, form.email.data):
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("employers.members"), 303)
    return _members_page(invite_form=form)


@bp.post("/membres/<int:membership_id>/<any(approuver,refuser):decision>")
@role_required(Role.EMPLOYER)
def decide_membership(membership_id: int, decision: str):
    """Approve or refuse a colleague's request to join."""
    membership = svc.get_membership_for_review(_active_organisation(), membership_id) or abort(404)
    name = membership.user.full_name
    if decision == "approuver":
        if attempt(None, ORG_ERRORS, svc.approve_membership, current_user, membership):
            flash(_("%(name)s can now act for your organisation.", name=name), "success")
    elif attempt(None, ORG_ERRORS, svc.refuse_membership, membership):
        flash(_("The request from %(name)s was refused.", name=name), "info")
    return redirect(url_for("employers.members"), 303)


def _organisation_form(org) -> OrganisationForm:
    form = OrganisationForm()
    form.region.choices = region_choices(str(get_locale()), _("Choose a region"))
    if request.method == "GET":
        form.from_model(org)
    form.municipality.choices = municipality_choices(form.region.data, _("Choose a municipality"))
    return form


@bp.route("/organisation", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def organisation():
    """Edit the organisation's profile and logo."""
    org = _active_organisation()
    form = _organisation_form(org)
    if form.validate_on_submit():
        logo = form.logo.data.stream if form.logo.data else None
        # A refused logo is a DomainError on the logo field: the profile edit is rolled back too.
        if attempt(
            form, ORG_ERRORS, svc.save_organisation, org, form.to_data(), form.seen_version(), logo
        ):
            flash(_("Your organisation's profile is saved."), "success")
            return redirect(url_for("employers.organisation"), 303)
    return render("employers/organisation.html", block="form", form=form, organisation=org)


@bp.get("/<int:org_id>")
def public_profile(org_id: int):
    """An approved organisation's public profile: who it is, its commitments and open jobs."""
    org = svc.get_public_organisation(org_id, current_user) or abort(404)
    return render(
        "employers/profile.html", organisation=org, jobs=svc.open_jobs_of(org, program_today())
    )


@bp.get("/<int:org_id>/logo")
def logo(org_id: int):
    """Send an organisation's logo: public once the program approved it, like its jobs."""
    org = svc.get_public_organisation(org_id, current_user) or abort(404)
    if not org.logo_key:
        abort(404)
    return send_stored_file(org.logo_key, org.logo_mime, max_age=3600)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(auth_rate_limit, methods=["POST"])
def accept_invitation(token: str):
    """Join an organisation from an invitation: sign in, or create the account."""
    invitation = svc.invitation_for_token(token)
    if invitation is None:
        flash(ORG_ERRORS["invalid"], "error")
        return redirect(url_for("main.index"), 303)
    if current_user.is_authenticated:
        return _accept_as(invitation)
    if svc.find_user_by_email(invitation.email) is not None:
        flash(
            _(
                "Sign in with %(email)s, then open the invitation link again.",
                email=invitation.email,
            ),
            "info",
        )
        return redirect(url_for("auth.login", next=request.path), 303)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        outcome = attempt(
            form,
            ORG_ERRORS,
            svc.register_invited_employer,
            invitation,
            form.full_name.data,
            form.password.data,
            str(get_locale()),
        )
        if outcome:
            login_user(outcome.value)
            flash(
                _("Welcome! You can now act for %(org)s.", org=invitation.organisation.name),
                "success",
            )
            return redirect(url_for("main.dashboard"), 303)
    return render("employers/invitation.html", block="form", form=form, invitation=invitation)


def _accept_as(invitation):
    if not attempt(None, ORG_ERRORS, svc.accept_invitation, invitation, current_user):
        return redirect(url_for("main.dashboard"), 303)
    flash(_("Welcome! You can now act for %(org)s.", org=invitation.organisation.name), "success")
    return redirect(url_for("main.dashboard"), 303)
