"""Travel funding: candidates ask, partner advisors decide, staff set the policy and route."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.audit import record_event
from app.blueprints.candidates.services import get_profile
from app.blueprints.followup.services import candidate_case
from app.blueprints.funding import bp
from app.blueprints.funding import services as svc
from app.blueprints.funding.forms import (
    FUNDING_ERRORS,
    AnswerForm,
    ApproveForm,
    CancelForm,
    InfoForm,
    PaymentForm,
    PolicyForm,
    QueueFilterForm,
    ReassignForm,
    ReceiptForm,
    RejectForm,
    ReviewForm,
    SendAnswersForm,
    TripForm,
)
from app.blueprints.regions.services import list_regions
from app.clock import today
from app.errors import STALE
from app.extensions import db
from app.models import FundingStatus, Municipality, PartnerOrganisation, Role, TravelMode
from app.models.base import utcnow
from app.partners import partner_for_region, partners
from app.rendering import is_htmx_fragment_request, render
from app.security import role_required
from app.storage import send_stored_file
from app.uow import attempt, write_on_read

# ---------------------------------------------------------------- candidates


@bp.get("/candidat/deplacements")
@role_required(Role.CANDIDATE)
def mine():
    """The candidate's funding requests and the employers they may visit with funding."""
    write_on_read("the candidate's empty profile and the default policy, on first use")
    profile = get_profile(current_user)
    policy = svc.current_policy()
    return render(
        "funding/mine.html",
        requests=svc.candidate_requests(profile),
        eligible=svc.eligible_applications(profile),
        policy=policy,
        locale=str(get_locale()),
    )


def _origin_choices() -> list[SelectChoice]:
    """Municipalities grouped by region, for the departure city (a select with groups)."""
    locale = str(get_locale())
    return [
        SelectChoice(m.id, m.name, optgroup=region.name(locale))
        for region in list_regions()
        for m in region.municipalities
    ]


def _trip_form() -> TripForm:
    form = TripForm()
    form.origin_id.choices = [SelectChoice(0, _("Choose a city"))] + _origin_choices()
    return form


@bp.route("/candidat/deplacements/nouveau/<int:application_id>", methods=["GET", "POST"])
@role_required(Role.CANDIDATE)
def new(application_id: int):
    """Ask for funding of a trip to an employer who invited the candidate."""
    profile = get_profile(current_user)
    application = svc.get_eligible_application(profile, application_id) or abort(404)
    form = _trip_form()
    write_on_read("the candidate's empty profile and the default policy, on first use")
    if request.method == "GET":
        form.depart_on.data = form.return_on.data = today()
    if not form.validate_on_submit():
        return _new_page(form, application, 422 if form.errors else 200)
    outcome = attempt(
        form, FUNDING_ERRORS, svc.submit_request, profile, application, form.to_data(), today()
    )
    if outcome:
        req = outcome.value
        flash(_("Your request is sent to %(partner)s.", partner=_partner_name(req)), "success")
        return redirect(url_for("funding.candidate_request", request_id=req.id), 303)
    if outcome.duplicate:
        # The same request sent twice at once (double click, retry): show the one recorded.
        req = svc.find_request(application, form.depart_on.data) or abort(409)
        flash(FUNDING_ERRORS["duplicate"], "info")
        return redirect(url_for("funding.candidate_request", request_id=req.id), 303)
    existing = getattr(outcome.error, "existing_id", None)
    return _new_page(form, application, 422, existing=existing)


def _partner_name(req) -> str:
    return req.partner.name if req.partner else _("the program team")


def _new_page(form, application, status=200, block=None, existing=None):
    destination = svc.destination_of(application)
    policy = svc.current_policy()
    return render(
        "funding/new.html",
        block=block,
        status=status,
        form=form,
        application=application,
        destination=destination,
        partner=partner_for_region(destination.region_code) if destination else None,
        estimate=_live_estimate(form, destination, policy),
        policy=policy,
        existing=existing,
    )


def _live_estimate(form: TripForm, destination, policy):
    """The estimate for what the form holds so far, or None while it is incomplete."""
    try:
        if (
            not destination
            or not form.origin_id.data
            or form.mode.data not in {m.value for m in TravelMode}
        ):
            return None
        origin = db.session.get(Municipality, form.origin_id.data)
        if origin is None:
            return None
        return svc.estimate(
            policy,
            origin,
            destination,
            TravelMode(form.mode.data),
            max(form.nights.data or 0, 0),
            max(form.meal_days.data or 0, 0),
        )
    except (TypeError, ValueError):
        return None


@bp.post("/candidat/deplacements/estimation/<int:application_id>")
@role_required(Role.CANDIDATE)
def estimate(application_id: int):
    """The live estimate (htmx), recomputed as the candidate fills the form."""
    profile = get_profile(current_user)
    application = svc.get_eligible_application(profile, application_id) or abort(404)
    form = _trip_form()
    form.validate()
    return _new_page(form, application, block="estimate")


def _candidate_request(request_id: int):
    return svc.get_candidate_request(current_user.candidate_profile, request_id) or abort(404)


def _candidate_page(req, status=200, block=None, **forms):
    item_id = forms.pop("item_id", None)
    forms.setdefault("case", candidate_case(req.candidate))
    forms.setdefault("receipt_form", ReceiptForm())
    return render(
        "funding/request.html",
        block=block,
        status=status,
        req=req,
        answer_forms=forms.pop("answer_forms", {}),
        item=next((i for i in req.info_items if i.id == item_id), None),
        send_form=SendAnswersForm(),
        cancel_form=CancelForm(),
        **forms,
    )


@bp.get("/candidat/deplacements/<int:request_id>")
@role_required(Role.CANDIDATE)
def candidate_request(request_id: int):
    """The candidate's request: its state, checklist, receipts and messages."""
    return _candidate_page(_candidate_request(request_id))


@bp.post("/candidat/deplacements/<int:request_id>/reponses/<int:item_id>")
@role_required(Role.CANDIDATE)
def answer(request_id: int, item_id: int):
    """Answer one item of the checklist (text, document or both); htmx swaps only that item, so
    what the candidate typed in the other items stays on the page."""
    req = _candidate_request(request_id)
    form = AnswerForm(prefix=f"item{item_id}")
    if form.validate_on_submit():
        upload = form.document.data
        outcome = attempt(
            form,
            FUNDING_ERRORS,
            svc.answer_item,
            req,
            item_id,
            form.answer.data or "",
            upload.stream if upload else None,
            upload.filename if upload else "",
        )
        if not outcome and outcome.error.code == "not_found":
            abort(404)
        if outcome:
            if not is_htmx_fragment_request():
                flash(_("Your answer is saved."), "success")
                return redirect(url_for("funding.candidate_request", request_id=req.id), 303)
            flash(_("Your answer is saved."), "success")
            return _candidate_page(req, block="checklist_item", item_id=item_id)
    # htmx swaps only 2xx answers: the item with the error comes back as 200.
    status = 200 if is_htmx_fragment_request() else 422
    return _candidate_page(
        req, status, block="checklist_item", item_id=item_id, answer_forms={item_id: form}
    )


@bp.get("/deplacements/<int:request_id>/elements/<int:item_id>/document")
@role_required(Role.CANDIDATE, Role.PARTNER, Role.STAFF)
def item_document(request_id: int, item_id: int):
    """Send a checklist item's document to its owner, the partner's advisors and staff (logged)."""
    if current_user.role == Role.CANDIDATE:
        req = _candidate_request(request_id)
    else:
        req = svc.get_partner_request(current_user, request_id) or abort(404)
    item = next((i for i in req.info_items if i.id == item_id and i.document_key), None)
    if item is None:
        abort(404)
    if current_user.role != Role.CANDIDATE:
        write_on_read("a document seen by someone else is written to the audit log")
        record_event(current_user, "funding.document_viewed", "funding_request", req.id)
    return send_stored_file(item.document_key, item.document_mime, download_name=item.document_name)


@bp.post("/candidat/deplacements/<int:request_id>/envoyer-reponses")
@role_required(Role.CANDIDATE)
def send_answers(request_id: int):
    """Send the answered checklist back to the advisor."""
    req = _candidate_request(request_id)
    if SendAnswersForm().validate_on_submit() and attempt(
        None, FUNDING_ERRORS, svc.send_answers, req, current_user
    ):
        flash(_("Your answers are sent. The advisor resumes the review."), "success")
    return redirect(url_for("funding.candidate_request", request_id=request_id), 303)


@bp.post("/candidat/deplacements/<int:request_id>/recus")
@role_required(Role.CANDIDATE)
def upload_receipt(request_id: int):
    """Send a receipt (PDF or photo) after the trip."""
    req = _candidate_request(request_id)
    form = ReceiptForm()
    if form.validate_on_submit():
        upload = form.receipt.data
        if attempt(
            form,
            FUNDING_ERRORS,
            svc.add_receipt,
            req,
            current_user,
            upload.stream,
            upload.filename,
            today(),
        ):
            flash(_("Your receipt is sent."), "success")
            return redirect(
                url_for("funding.candidate_request", request_id=req.id) + "#receipts", 303
            )
    return _candidate_page(req, 422, receipt_form=form)


@bp.post("/candidat/deplacements/<int:request_id>/annuler")
@role_required(Role.CANDIDATE)
def cancel(request_id: int):
    """Cancel one's own request."""
    req = _candidate_request(request_id)
    if CancelForm().validate_on_submit() and attempt(
        None, FUNDING_ERRORS, svc.cancel, req, current_user
    ):
        flash(_("Your request is cancelled."), "info")
    return redirect(url_for("funding.candidate_request", request_id=request_id), 303)


@bp.get("/deplacements/<int:request_id>/recus/<int:receipt_id>")
@role_required(Role.CANDIDATE, Role.PARTNER, Role.STAFF)
def receipt(request_id: int, receipt_id: int):
    """Send a receipt to its owner, to the request's partner advisors and to staff (logged)."""
    if current_user.role == Role.CANDIDATE:
        req = _candidate_request(request_id)
    else:
        req = svc.get_partner_request(current_user, request_id) or abort(404)
    item = next((r for r in req.receipts if r.id == receipt_id), None) or abort(404)
    if current_user.role != Role.CANDIDATE:
        write_on_read("a receipt seen by someone else is written to the audit log")
        record_event(current_user, "funding.receipt_viewed", "funding_request", req.id)
    return send_stored_file(item.file_key, item.mime, download_name=item.filename)


# ---------------------------------------------------------------- partner advisors

PARTNER_ACTIONS = {
    "examiner": ReviewForm,
    "informations": InfoForm,
    "approuver": ApproveForm,
    "refuser": RejectForm,
    "paiement": PaymentForm,
}


def _decision_forms(req, bound=None) -> dict:
    bound = bound or {}
    forms = {name: bound.get(name) or cls(prefix=name) for name, cls in PARTNER_ACTIONS.items()}
    for name, form in forms.items():
        if name not in bound:
            form.version.data = req.version
    if forms["approuver"].amount.data is None:
        forms["approuver"].amount.data = req.requested_cents
    if forms["paiement"].amount.data is None and req.approved_cents:
        forms["paiement"].amount.data = req.approved_cents
    if forms["paiement"].paid_on.data is None:
        forms["paiement"].paid_on.data = today()
    return forms


def _partner_page(req, status=200, bound=None):
    return render(
        "funding/review.html",
        status=status,
        req=req,
        forms=_decision_forms(req, bound),
        allowed=svc.allowed_moves(req, svc.Side.PARTNER),
        case=candidate_case(req.candidate),
        reassign_form=_reassign_form(req),
        overdue=svc.is_overdue(req, utcnow(), svc.current_policy()),
        near_duplicates=svc.near_duplicates([req]).get(req.id, []),
    )


def _reassign_form(req) -> ReassignForm | None:
    if not current_user.has_role(Role.STAFF):
        return None
    form = ReassignForm(partner_id=req.partner_id)
    form.partner_id.choices = [SelectChoice(p.id, p.name) for p in partners()]
    return form


def _partner_request(request_id: int):
    return svc.get_partner_request(current_user, request_id) or abort(404)


@bp.get("/partenaires/demandes")
@role_required(Role.PARTNER, Role.STAFF)
def partner_queue():
    """The funding requests of the advisor's organisation, with htmx filters."""
    args = request.args
    filters = svc.QueueFilters(
        status=args.get("status", "open"), region=args.get("region", ""), age=args.get("age", "")
    )
    locale = str(get_locale())
    form = QueueFilterForm(args, status=filters.status)
    form.status.choices = [SelectChoice("open", _("Open requests")), SelectChoice("", _("All"))]
    form.status.choices += [SelectChoice(s.value, s.label) for s in FundingStatus]
    form.region.choices = [SelectChoice("", _("All regions"))] + [
        SelectChoice(r.code, r.name(locale)) for r in list_regions() if not r.is_montreal
    ]
    write_on_read("the default policy, on first use")
    policy, now = svc.current_policy(), utcnow()
    rows = svc.queue(current_user, filters, now, policy)
    return render(
        "funding/queue.html",
        block="results",
        form=form,
        rows=rows,
        policy=policy,
        overdue={r.id for r in rows if svc.is_overdue(r, now, policy)},
        near_duplicates=svc.near_duplicates(rows),
    )


@bp.get("/partenaires/demandes/<int:request_id>")
@role_required(Role.PARTNER, Role.STAFF)
def partner_request(request_id: int):
    """The advisor's view of a request (the view is logged)."""
    req = _partner_request(request_id)
    write_on_read("a funding request seen by an advisor is written to the audit log")
    record_event(current_user, "funding.viewed", "funding_request", req.id)
    return _partner_page(req)


@bp.post("/partenaires/demandes/<int:request_id>/<action>")
@role_required(Role.PARTNER)
def partner_decide(request_id: int, action: str):
    """Apply one decision; a stale version keeps the advisor's text and shows the new state."""
    req = _partner_request(request_id)
    if action not in PARTNER_ACTIONS:
        abort(404)
    form = PARTNER_ACTIONS[action](prefix=action)
    if form.validate_on_submit():
        outcome = attempt(form, FUNDING_ERRORS, _apply, action, req, form)
        if not outcome:
            req = _partner_request(request_id)
            stale = outcome.error.code == STALE
            if stale:
                # The advisor has now seen the new state: a second send may proceed.
                form.version.data = req.version
            return _partner_page(req, 409 if stale else 422, {action: form})
        flash(
            _("Request no. %(number)s: %(status)s.", number=req.id, status=req.status.label),
            "success",
        )
        return redirect(url_for("funding.partner_request", request_id=req.id), 303)
    return _partner_page(req, 422, {action: form})


def _apply(action: str, req, form) -> None:
    version, advisor = form.seen_version(), current_user
    if action == "examiner":
        svc.start_review(req, advisor, version)
    elif action == "informations":
        svc.ask_for_information(req, advisor, form.questions.data.splitlines(), version)
    elif action == "approuver":
        svc.approve(req, advisor, form.amount.data, form.reason.data or "", version)
    elif action == "refuser":
        svc.reject(req, advisor, form.reason.data or "", version)
    else:
        svc.mark_paid(
            req,
            advisor,
            form.paid_on.data,
            form.amount.data,
            form.reference.data,
            version,
        )


@bp.post("/partenaires/demandes/<int:request_id>/reassigner")
@role_required(Role.STAFF)
def reassign(request_id: int):
    """Staff route the request to another partner organisation."""
    req = _partner_request(request_id)
    form = _reassign_form(req)
    if form.validate_on_submit():
        partner = db.session.get(PartnerOrganisation, form.partner_id.data) or abort(404)
        if attempt(None, FUNDING_ERRORS, svc.reassign, req, current_user, partner):
            flash(_("The request is now with %(partner)s.", partner=partner.name), "success")
    return redirect(url_for("funding.partner_request", request_id=request_id), 303)


# ---------------------------------------------------------------- staff: the policy


@bp.route("/programme/financement/politique", methods=["GET", "POST"])
@role_required(Role.STAFF)
def policy():
    """Show the funding policy in force and publish a new version."""
    write_on_read("the default policy, on first use")
    current = svc.current_policy()
    form = PolicyForm()
    if request.method == "GET":
        form.fill(current)
    if form.validate_on_submit() and (
        outcome := attempt(form, FUNDING_ERRORS, svc.publish_policy, current_user, form.values())
    ):
        flash(
            _("Version %(number)s of the policy is in force.", number=outcome.value.number),
            "success",
        )
        return redirect(url_for("funding.policy"), 303)
    return render(
        "funding/policy.html",
        status=422 if form.errors else 200,
        form=form,
        history=svc.policy_history(),
        locale=str(get_locale()),
    )
