"""Administration: accounts, partner organisations and the audit log."""

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app import sessions
from app.blueprints.auth.forms import ACCOUNT_ERRORS
from app.blueprints.employers import services as org_svc
from app.blueprints.regions.services import region_choices
from app.blueprints.staff import bp
from app.blueprints.staff import journal as audit_labels
from app.blueprints.staff import services as svc
from app.blueprints.staff.forms import (
    ADMIN_ERRORS,
    VETTING_ERRORS,
    CreateUserForm,
    PartnerOrganisationForm,
    VettingForm,
)
from app.extensions import db
from app.forms import arg_int
from app.models import EmployerOrganisation, PartnerOrganisation, Role, User
from app.rendering import is_htmx_fragment_request, render
from app.security import role_required
from app.uow import attempt, write_on_read


@bp.route("/admin/comptes", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def users():
    """Search accounts by name, email and role (posted, so no name or email lands in a URL)."""
    q = request.values.get("q", "").strip()[:100]
    role = request.values.get("role") or None
    page = arg_int("page", 1, low=1, source=request.values)
    found, total = svc.search_users(q, role, page)
    return render(
        "staff/users.html",
        block="results",
        users=found,
        total=total,
        q=q,
        role=role,
        page=max(page, 1),
        page_size=svc.PAGE_SIZE,
    )


def _create_user_form() -> CreateUserForm:
    """Build the account form with the partner organisations to choose from."""
    form = CreateUserForm()
    form.partner.choices = [SelectChoice("", _("None"))] + [
        SelectChoice(str(p.id), p.name) for p in svc.list_partners()
    ]
    return form


@bp.route("/admin/comptes/nouveau", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create_user():
    """Create a partner, staff or admin account."""
    form = _create_user_form()
    if form.validate_on_submit():
        partner_id = int(form.partner.data) if form.partner.data else None
        outcome = attempt(
            form,
            ACCOUNT_ERRORS,
            svc.invite_user,
            current_user,
            form.email.data,
            form.full_name.data,
            Role(form.role.data),
            form.locale.data,
            partner_id,
        )
        if outcome:
            flash(
                _(
                    "Account created for %(email)s; an invitation was sent.",
                    email=outcome.value.email,
                ),
                "success",
            )
            return redirect(url_for("staff.users"), 303)
    return render("staff/user_form.html", form=form)


@bp.get("/admin/partenaires")
@role_required(Role.ADMIN)
def partners():
    """List the partner organisations and the regions they serve."""
    return render("staff/partners.html", partners=svc.list_partners())


@bp.route("/admin/partenaires/<int:partner_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_partner(partner_id: int):
    """Edit a partner organisation and the regions it serves."""
    partner = db.get_or_404(PartnerOrganisation, partner_id)
    form = PartnerOrganisationForm(obj=partner if request.method == "GET" else None)
    form.regions.choices = region_choices(str(get_locale()))[1:]
    if request.method == "GET":
        form.regions.data = [r.code for r in partner.regions]
    if form.validate_on_submit():
        if form.seen_version() is None:
            abort(400)
        if attempt(form, ADMIN_ERRORS, svc.update_partner, partner, form.to_data()):
            flash(_("%(name)s was saved.", name=partner.name), "success")
            return redirect(url_for("staff.partners"), 303)
    return render(
        "staff/partner_form.html",
        form=form,
        partner=partner,
        served_elsewhere=svc.regions_served_elsewhere(partner),
    )


@bp.get("/admin/comptes/<int:user_id>")
@role_required(Role.ADMIN)
def user_detail(user_id: int):
    """Show one account: its state, its sessions, and the actions an administrator can take."""
    user = svc.view_user(current_user, user_id)
    write_on_read("audit: an administrator viewed an account")
    return render(
        "staff/user_detail.html",
        user=user,
        open_sessions=sessions.open_sessions(user),
    )


@bp.post("/admin/comptes/<int:user_id>/<action>")
@role_required(Role.ADMIN)
def user_action(user_id: int, action: str):
    """Deactivate, reactivate, or end every session of an account."""
    user = db.get_or_404(User, user_id)
    if action not in ("desactiver", "reactiver", "deconnecter"):
        abort(404)
    if action == "deconnecter":
        outcome = attempt(None, ADMIN_ERRORS, svc.end_sessions, current_user, user)
        if outcome:
            flash(_("%(count)s session(s) ended.", count=outcome.value), "success")
    elif attempt(None, ADMIN_ERRORS, svc.set_active, current_user, user, action == "reactiver"):
        done = (
            _("The account is active.")
            if user.active
            else _("The account is deactivated; its sessions are ended.")
        )
        flash(done, "success")
    return redirect(url_for("staff.user_detail", user_id=user.id), 303)


def _date_arg(name: str, errors: list) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(_("Enter dates as YYYY-MM-DD, for example 2026-11-26."))
        return None


@bp.get("/admin/journal")
@role_required(Role.ADMIN)
def journal():
    """The audit log: who saw or changed what, and when, with filters."""
    errors: list[str] = []
    filters = svc.JournalFilters(
        actor_id=arg_int("actor"),
        action=request.args.get("action", "")[:50],
        subject_type=request.args.get("subject", "")[:30],
        subject_id=arg_int("subject_id"),
        since=_date_arg("since", errors),
        until=_date_arg("until", errors),
        before_id=arg_int("before"),
    )
    events = svc.journal(filters)
    # The filter choices scan the whole log: only the full page shows them, not the htmx results.
    families, subjects = ([], []) if is_htmx_fragment_request() else svc.journal_choices()
    return render(
        "staff/journal.html",
        block="results",
        events=events,
        filters=filters,
        families=families,
        subjects=subjects,
        errors=errors,
        args=request.args,
        page_size=svc.JOURNAL_PAGE,
        audit=audit_labels,
    )


@bp.get("/organisations")
@role_required(Role.STAFF)
def vetting_queue():
    """The organisations waiting for vetting, with their NEQ, place and contact."""
    return render(
        "staff/vetting_queue.html",
        organisations=org_svc.pending_organisations(),
        contact_of=org_svc.organisation_contact,
    )


@bp.route("/organisations/<int:org_id>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def vet(org_id: int):
    """Tick an organisation's checklist and approve or refuse it, with a reason."""
    org = db.get_or_404(EmployerOrganisation, org_id)
    form = VettingForm()
    if request.method == "GET":
        form.from_model(org)
    if form.validate_on_submit() and attempt(
        form,
        VETTING_ERRORS,
        org_svc.vet_organisation,
        current_user,
        org,
        form.to_data(),
        form.seen_version(),
    ):
        flash(_("%(name)s: %(status)s.", name=org.name, status=org.vetting_status.label), "success")
        return redirect(url_for("staff.vetting_queue"), 303)
    return render(
        "staff/vetting_form.html",
        block="form",
        form=form,
        organisation=org,
        contact=org_svc.organisation_contact(org),
    )
