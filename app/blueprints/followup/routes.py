"""Personalised follow-up: partner advisors keep case files; candidates see their path."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.blueprints.candidates.services import get_profile
from app.blueprints.followup import bp
from app.blueprints.followup import services as svc
from app.blueprints.followup.forms import (
    FOLLOWUP_ERRORS,
    AssignForm,
    CheckInForm,
    NextContactForm,
    NoteForm,
    StepsForm,
)
from app.blueprints.matching.services import family_prospects
from app.clock import today
from app.extensions import db
from app.forms import parse_int
from app.models import CaseStep, Role, User
from app.partners import partner_advisors
from app.rendering import render
from app.security import role_required
from app.uow import attempt, write_on_read

# ---------------------------------------------------------------- candidates


@bp.route("/candidat/accompagnement", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def mine():
    """The candidate's checklist, what happens next and the check-ins to answer."""
    write_on_read("the empty profile, and the check-ins that fall due, are created on first use")
    profile = get_profile(current_user)
    case = svc.candidate_case(profile)
    due = svc.due_check_ins(case, today()) if case else []
    forms = {c.id: CheckInForm(prefix=f"c{c.id}") for c in due}
    posted = parse_int(request.form.get("check_in"))
    if request.method == "POST":
        form = forms.get(posted) or abort(404)
        check_in = next(c for c in due if c.id == posted)
        if form.validate_on_submit() and attempt(form, FOLLOWUP_ERRORS, _answer, check_in, form):
            flash(_("Thank you, your answers are sent to your advisor."), "success")
            return redirect(url_for("followup.mine"), 303)
    return render(
        "followup/mine.html",
        status=422 if any(f.errors for f in forms.values()) else 200,
        case=case,
        due=due,
        forms=forms,
        next_step=svc.next_step(case) if case else None,
    )


def _answer(check_in, form: CheckInForm) -> None:
    svc.answer_check_in(
        check_in,
        current_user,
        form.still_employed.data == "yes",
        form.still_in_region.data == "yes",
        form.comment.data or "",
    )


# ---------------------------------------------------------------- partner advisors


@bp.get("/partenaires/dossiers")
@role_required(Role.PARTNER, Role.STAFF)
def partner_cases():
    """The organisation's case files; contacts that are due come first and are flagged."""
    cases = svc.partner_cases(current_user)
    return render("followup/cases.html", cases=cases, today=today(), next_step=svc.next_step)


def _case(case_id: int):
    return svc.get_partner_case(current_user, case_id) or abort(404)


def _case_page(case, status=200, **forms):
    assign_form = forms.pop("assign_form", None) or AssignForm(advisor_id=case.advisor_id or 0)
    assign_form.advisor_id.choices = [SelectChoice(0, _("Nobody yet"))] + [
        SelectChoice(u.id, u.full_name) for u in partner_advisors(case.partner_id)
    ]
    contact_form = forms.pop("contact_form", None) or NextContactForm(
        next_contact_on=case.next_contact_on, next_contact_note=case.next_contact_note
    )
    return render(
        "followup/case.html",
        status=status,
        case=case,
        steps_form=StepsForm(),
        note_form=forms.pop("note_form", None) or NoteForm(),
        contact_form=contact_form,
        assign_form=assign_form,
        check_in_forms={c.id: CheckInForm(prefix=f"c{c.id}") for c in case.check_ins},
        requests=svc.case_requests(case),
        # What the region offers the candidate's partner, for the advisor settling the family.
        prospects=family_prospects(case.candidate, case.region_code),
        today=today(),
    )


@bp.get("/partenaires/dossiers/<int:case_id>")
@role_required(Role.PARTNER, Role.STAFF)
def partner_case(case_id: int):
    """Show a case file to its partner organisation, and record the read."""
    case = _case(case_id)
    svc.view_case(case, current_user)
    write_on_read("audited read")
    return _case_page(case)


@bp.post("/partenaires/dossiers/<int:case_id>/etapes")
@role_required(Role.PARTNER)
def steps(case_id: int):
    """Save a case file's checklist."""
    case = _case(case_id)
    valid = {s.value for s in CaseStep}
    if StepsForm().validate_on_submit() and attempt(
        None,
        FOLLOWUP_ERRORS,
        svc.update_steps,
        case,
        current_user,
        set(request.form.getlist("done")) & valid,
        set(request.form.getlist("not_applicable")) & valid,
        today(),
    ):
        flash(_("The checklist is saved."), "success")
    return redirect(url_for("followup.partner_case", case_id=case.id) + "#steps", 303)


@bp.post("/partenaires/dossiers/<int:case_id>/notes")
@role_required(Role.PARTNER)
def add_note(case_id: int):
    """Add a note to a case file."""
    case = _case(case_id)
    form = NoteForm()
    if form.validate_on_submit() and attempt(
        form, FOLLOWUP_ERRORS, svc.add_note, case, current_user, form.body.data
    ):
        flash(_("The note is added."), "success")
        return redirect(url_for("followup.partner_case", case_id=case.id) + "#notes", 303)
    return _case_page(case, 422, note_form=form)


@bp.post("/partenaires/dossiers/<int:case_id>/contact")
@role_required(Role.PARTNER)
def next_contact(case_id: int):
    """The advisor sets the date of the next contact."""
    case = _case(case_id)
    form = NextContactForm()
    if form.validate_on_submit() and attempt(
        form,
        FOLLOWUP_ERRORS,
        svc.set_next_contact,
        case,
        current_user,
        form.next_contact_on.data,
        form.next_contact_note.data or "",
        today(),
    ):
        flash(_("The next contact is planned."), "success")
        return redirect(url_for("followup.partner_case", case_id=case.id), 303)
    return _case_page(case, 422, contact_form=form)


@bp.post("/partenaires/dossiers/<int:case_id>/responsable")
@role_required(Role.PARTNER)
def assign(case_id: int):
    """Give a case file an advisor in charge."""
    case = _case(case_id)
    form = AssignForm()
    form.advisor_id.choices = [
        SelectChoice(u.id, u.full_name) for u in partner_advisors(case.partner_id)
    ]
    if form.validate_on_submit() and attempt(
        form,
        FOLLOWUP_ERRORS,
        svc.assign,
        case,
        db.session.get(User, form.advisor_id.data),
        current_user,
    ):
        flash(_("The advisor in charge is changed."), "success")
        return redirect(url_for("followup.partner_case", case_id=case.id), 303)
    form.advisor_id.errors = [FOLLOWUP_ERRORS["advisor"]]
    return _case_page(case, 422, assign_form=form)


@bp.post("/partenaires/dossiers/<int:case_id>/suivis/<int:check_in_id>")
@role_required(Role.PARTNER)
def record_check_in(case_id: int, check_in_id: int):
    """The advisor records the answers of a check-in made by phone."""
    case = _case(case_id)
    check_in = next((c for c in case.check_ins if c.id == check_in_id), None) or abort(404)
    form = CheckInForm(prefix=f"c{check_in.id}")
    if form.validate_on_submit():
        if attempt(None, FOLLOWUP_ERRORS, _answer, check_in, form):
            flash(_("The check-in is recorded."), "success")
    else:
        flash(_("Answer both questions of the check-in."), "error")
    return redirect(url_for("followup.partner_case", case_id=case.id) + "#check-ins", 303)
