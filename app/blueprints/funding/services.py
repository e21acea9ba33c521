"""Travel funding: eligibility, the estimate, routing to a partner and the review workflow."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import BinaryIO

from flask import current_app
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.audit import record_event
from app.clock import add_months
from app.errors import DomainError, Problems, StaleError
from app.extensions import db
from app.forms import parse_int
from app.models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    FundingInfoItem,
    FundingMessage,
    FundingPolicy,
    FundingReceipt,
    FundingRequest,
    FundingStatus,
    InterviewRequest,
    Job,
    Municipality,
    PartnerOrganisation,
    RequestStatus,
    Role,
    SiteVisit,
    SiteVisitStatus,
    TravelMode,
    User,
)
from app.models.base import utcnow
from app.models.funding import TRANSITIONS, Side
from app.models.reference import MONTREAL_REGION
from app.notify import notify
from app.partners import partner_advisors, partner_for_region
from app.storage import delete_file, save_file
from app.uploads import CV_TYPES, IMAGE_TYPES, check_upload
from app.urls import site_path

RECEIPT_TYPES = {"application/pdf": "pdf", **IMAGE_TYPES}
# A document sent for a checklist item is checked exactly as a CV is (images too).
DOCUMENT_TYPES = {**CV_TYPES, **IMAGE_TYPES}
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
RECEIPT_MAX_BYTES = 10 * 1024 * 1024
EARTH_RADIUS_KM = 6371.0

# The first policy, used until staff publish another version.
DEFAULT_POLICY = dict(
    rate_per_km_cents=50,
    road_factor_permille=1250,
    bus_cap_cents=25_000,
    train_cap_cents=35_000,
    plane_cap_cents=90_000,
    lodging_cap_cents=15_000,
    meal_per_diem_cents=6_000,
    trip_cap_cents=150_000,
    trips_per_year=2,
    response_days=5,
)
POLICY_FIELDS = tuple(DEFAULT_POLICY)


class FundingError(DomainError):
    """A funding operation that cannot proceed; `code` says why, `field` where."""


# ---------------------------------------------------------------- policy


def current_policy() -> FundingPolicy:
    """The policy in force: the latest version (the default one is created on first use)."""
    policy = db.session.execute(
        db.select(FundingPolicy).order_by(FundingPolicy.number.desc()).limit(1)
    ).scalar_one_or_none()
    if policy is None:
        policy = FundingPolicy(number=1, **DEFAULT_POLICY)
        db.session.add(policy)
        db.session.flush()
    return policy


def policy_history() -> list[FundingPolicy]:
    """Every version of the funding policy, newest first."""
    return list(
        db.session.execute(db.select(FundingPolicy).order_by(FundingPolicy.number.desc())).scalars()
    )


def publish_policy(staff: User, values: dict[str, int]) -> FundingPolicy:
    """Add a new policy version; requests already filed keep the version they were judged under."""
    previous = current_policy()
    if all(getattr(previous, k) == values[k] for k in POLICY_FIELDS):
        raise FundingError("policy_unchanged")
    policy = FundingPolicy(
        number=previous.number + 1, created_by_id=staff.id, **{k: values[k] for k in POLICY_FIELDS}
    )
    db.session.add(policy)
    db.session.flush()
    record_event(
        staff,
        "funding.policy",
        "funding_policy",
        policy.id,
        before={k: getattr(previous, k) for k in POLICY_FIELDS},
        after={k: values[k] for k in POLICY_FIELDS},
    )
    return policy


# ---------------------------------------------------------------- estimate


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance between two points on the Earth's surface (haversine formula)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Estimate:
    distance_km: int  # one way, by road
    transport_cents: int
    lodging_cents: int
    meals_cents: int
    total_cents: int
    fare_capped: bool
    trip_capped: bool

    @property
    def subtotal_cents(self) -> int:
        return self.transport_cents + self.lodging_cents + self.meals_cents


def estimate(
    policy: FundingPolicy,
    origin: Municipality,
    destination: Municipality,
    mode: TravelMode,
    nights: int,
    meal_days: int,
) -> Estimate:
    """What the policy funds for a round trip: kilometres, lodging and meals, within the caps."""
    km = round(
        great_circle_km(origin.lat, origin.lon, destination.lat, destination.lon)
        * policy.road_factor_permille
        / 1000
    )
    transport = 2 * km * policy.rate_per_km_cents
    cap = policy.fare_cap(mode)
    fare_capped = cap is not None and transport > cap
    if fare_capped:
        transport = cap
    lodging = max(nights, 0) * policy.lodging_cap_cents
    meals = max(meal_days, 0) * policy.meal_per_diem_cents
    subtotal = transport + lodging + meals
    return Estimate(
        distance_km=km,
        transport_cents=transport,
        lodging_cents=lodging,
        meals_cents=meals,
        total_cents=min(subtotal, policy.trip_cap_cents),
        fare_capped=fare_capped,
        trip_capped=subtotal > policy.trip_cap_cents,
    )


# ---------------------------------------------------------------- eligibility and routing

# Mutual interest after a Friday interview moves the application to "interviewed".
AFTER_INTEREST = (ApplicationStatus.INTERVIEWED, ApplicationStatus.OFFER, ApplicationStatus.HIRED)


def eligible_applications(profile: CandidateProfile) -> list[Application]:
    """Applications whose employer the candidate may visit with funding.

    The employer invited the candidate (an accepted Friday interview or site visit) or both sides
    want to go on after the interview, and the job is outside the Montréal region.
    """
    invited = (
        db.select(InterviewRequest.application_id)
        .where(InterviewRequest.status == RequestStatus.ACCEPTED)
        .scalar_subquery()
    )
    visiting = (
        db.select(SiteVisit.application_id)
        .where(SiteVisit.status == SiteVisitStatus.ACCEPTED)
        .scalar_subquery()
    )
    stmt = (
        db.select(Application)
        .join(Application.job)
        .where(
            Application.candidate_id == profile.id,
            Job.region_code != MONTREAL_REGION,
            db.or_(
                Application.status.in_(AFTER_INTEREST),
                Application.id.in_(invited),
                Application.id.in_(visiting),
            ),
            Application.status.not_in((ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN)),
        )
        .options(joinedload(Application.job).joinedload(Job.organisation))
        .order_by(Application.id.desc())
    )
    return list(db.session.execute(stmt).unique().scalars())


def get_eligible_application(profile: CandidateProfile, application_id: int) -> Application | None:
    """One of the candidate's applications that makes a trip eligible (None: a 404)."""
    return next((a for a in eligible_applications(profile) if a.id == application_id), None)


def destination_of(application: Application) -> Municipality | None:
    """Where the trip goes: the job's municipality, else the employer's."""
    job = application.job
    return job.municipality or job.organisation.municipality


def trips_this_year(profile: CandidateProfile, year: int) -> int:
    """Trips counted against the yearly limit: every request not refused or cancelled."""
    return db.session.execute(
        db.select(db.func.count(FundingRequest.id)).where(
            FundingRequest.candidate_id == profile.id,
            FundingRequest.status.not_in((FundingStatus.REJECTED, FundingStatus.CANCELLED)),
            FundingRequest.depart_on >= date(year, 1, 1),
            FundingRequest.depart_on <= date(year, 12, 31),
        )
    ).scalar_one()


# ---------------------------------------------------------------- submitting


@dataclass
class TripData:
    depart_on: date
    return_on: date
    origin_id: int
    mode: TravelMode
    nights: int
    meal_days: int
    note: str = ""


def horizon_months() -> int:
    """How far ahead a trip may be funded (FUNDING_HORIZON_MONTHS, 6 by default)."""
    return int(current_app.config.get("FUNDING_HORIZON_MONTHS", 6))


def check_trip(data: TripData, today: date) -> Municipality:
    """Validate the trip's dates and counts, every problem at once; return the origin."""
    problems = Problems(FundingError)
    if data.depart_on is not None:
        if data.depart_on < today:
            problems.add("past_date", "depart_on")
        elif data.depart_on > add_months(today, horizon_months()):
            problems.add("too_far", "depart_on")
    if data.depart_on and data.return_on:
        days = (data.return_on - data.depart_on).days
        if days < 0:
            problems.add("return_before_departure", "return_on")
        else:
            if data.nights > days:
                problems.add("too_many_nights", "nights")
            if data.meal_days > days + 1:
                problems.add("too_many_meal_days", "meal_days")
    origin = db.session.get(Municipality, data.origin_id) if data.origin_id else None
    if origin is None:
        problems.add("unknown_origin", "origin_id")
    problems.raise_any()
    return origin


class OverlapError(FundingError):
    """A request for the same application already covers some of these dates."""

    def __init__(self, existing: FundingRequest) -> None:
        super().__init__("overlap", "depart_on")
        self.existing_id = existing.id


def overlapping_request(
    application: Application, depart_on: date, return_on: date, exclude_id: int | None = None
) -> FundingRequest | None:
    """A live request (not refused or cancelled) of this application whose dates overlap."""
    return db.session.execute(
        db.select(FundingRequest)
        .where(
            FundingRequest.application_id == application.id,
            FundingRequest.status.not_in((FundingStatus.REJECTED, FundingStatus.CANCELLED)),
            FundingRequest.depart_on <= return_on,
            FundingRequest.return_on >= depart_on,
            FundingRequest.id != (exclude_id or 0),
        )
        .order_by(FundingRequest.id)
        .limit(1)
    ).scalar_one_or_none()


def submit_request(
    profile: CandidateProfile, application: Application, data: TripData, today: date
) -> FundingRequest:
    """File a request, judged under the current policy and routed to the region's partner."""
    origin = check_trip(data, today)
    destination = destination_of(application)
    if destination is None or destination.region_code == MONTREAL_REGION:
        raise FundingError("no_destination")
    if origin.id == destination.id:
        raise FundingError("same_place", "origin_id")
    policy = current_policy()
    if trips_this_year(profile, data.depart_on.year) >= policy.trips_per_year:
        raise FundingError("yearly_limit", "depart_on")
    existing = overlapping_request(application, data.depart_on, data.return_on)
    if existing is not None and existing.depart_on == data.depart_on:
        raise FundingError("duplicate", "depart_on")  # the same trip sent again: shown as done
    if existing is not None:
        raise OverlapError(existing)
    est = estimate(policy, origin, destination, data.mode, data.nights, data.meal_days)
    partner = partner_for_region(destination.region_code)
    req = FundingRequest(
        candidate=profile,
        application=application,
        partner=partner,
        policy=policy,
        depart_on=data.depart_on,
        return_on=data.return_on,
        origin=origin,
        destination=destination,
        mode=data.mode,
        nights=data.nights,
        meal_days=data.meal_days,
        note=data.note.strip(),
        distance_km=est.distance_km,
        transport_cents=est.transport_cents,
        lodging_cents=est.lodging_cents,
        meals_cents=est.meals_cents,
        requested_cents=est.total_cents,
    )
    db.session.add(req)
    db.session.flush()
    record_event(profile.user, "funding.submitted", "funding_request", req.id, after=snapshot(req))
    _notify_partner(req, "funding_submitted")
    from app.blueprints.followup.services import ensure_case_file

    ensure_case_file(profile, destination.region_code)
    return req


NEAR_DAYS = 3  # two trips of one candidate this close together are probably the same trip


def near_duplicates(rows: list[FundingRequest]) -> dict[int, list[int]]:
    """For each request, the other live requests of the same candidate to the same destination
    whose dates overlap or fall within NEAR_DAYS (one query for the whole page)."""
    candidate_ids = {r.candidate_id for r in rows if r.candidate_id}
    if not candidate_ids:
        return {}
    live = db.session.execute(
        db.select(
            FundingRequest.id,
            FundingRequest.candidate_id,
            FundingRequest.destination_id,
            FundingRequest.depart_on,
            FundingRequest.return_on,
        ).where(
            FundingRequest.candidate_id.in_(candidate_ids),
            FundingRequest.status.not_in((FundingStatus.REJECTED, FundingStatus.CANCELLED)),
        )
    ).all()
    near = timedelta(days=NEAR_DAYS)
    found: dict[int, list[int]] = {}
    for row in rows:
        others = [
            o.id
            for o in live
            if o.id != row.id
            and o.candidate_id == row.candidate_id
            and o.destination_id == row.destination_id
            and o.depart_on <= row.return_on + near
            and o.return_on >= row.depart_on - near
        ]
        if others:
            found[row.id] = sorted(others)
    return found


def find_request(application: Application, depart_on: date) -> FundingRequest | None:
    """The request already filed for this application and departure date, if any."""
    return db.session.execute(
        db.select(FundingRequest).where(
            FundingRequest.application_id == application.id,
            FundingRequest.depart_on == depart_on,
        )
    ).scalar_one_or_none()


def snapshot(req: FundingRequest) -> dict:
    """The fields the audit log keeps before and after each change."""
    return {
        "status": req.status.value if req.status else FundingStatus.SUBMITTED.value,
        "partner_id": req.partner_id,
        "requested_cents": req.requested_cents,
        "approved_cents": req.approved_cents,
        "decision_reason": req.decision_reason,
        "paid_cents": req.paid_cents,
        "paid_on": req.paid_on.isoformat() if req.paid_on else None,
        "payment_reference": req.payment_reference,
    }


# ---------------------------------------------------------------- the workflow


def allowed_moves(req: FundingRequest, side: Side) -> list[FundingStatus]:
    """The states this side may move the request to, in workflow order."""
    moves = TRANSITIONS[req.status]
    return [s for s in FundingStatus if side in moves.get(s, set())]


def _move(
    req: FundingRequest,
    to_status: FundingStatus,
    user: User,
    side: Side,
    version: int | None,
    **changes,
) -> None:
    """Apply one transition with an optimistic version check, audit it and tell the candidate."""
    if version is not None and version != req.version:
        raise StaleError()
    if side not in TRANSITIONS[req.status].get(to_status, set()):
        raise FundingError("transition")
    before = snapshot(req)
    for key, value in changes.items():
        setattr(req, key, value)
    req.status = to_status
    try:
        db.session.flush()
    except StaleDataError as exc:
        # Another advisor committed first: the caller rolls back and shows "changed meanwhile".
        raise StaleError() from exc
    record_event(
        user,
        f"funding.{to_status.value}",
        "funding_request",
        req.id,
        before=before,
        after=snapshot(req),
    )
    notify(
        req.candidate.user,
        "funding_status",
        site_path("funding.candidate_request", request_id=req.id),
        funding_status=to_status.value,
    )


def start_review(req: FundingRequest, advisor: User, version: int | None) -> None:
    """The advisor starts reviewing the request."""
    _move(req, FundingStatus.UNDER_REVIEW, advisor, Side.PARTNER, version)


def ask_for_information(
    req: FundingRequest, advisor: User, questions: list[str], version: int | None
) -> None:
    """Send the request back to the candidate with a checklist of what is missing."""
    questions = [q.strip()[:500] for q in questions if q.strip()]
    if not questions:
        raise FundingError("questions_required", "questions")
    _move(req, FundingStatus.NEEDS_INFO, advisor, Side.PARTNER, version)
    for question in questions:
        req.info_items.append(FundingInfoItem(question=question))
    db.session.flush()


def answer_item(
    req: FundingRequest,
    item_id: int,
    answer: str,
    stream: BinaryIO | None = None,
    filename: str = "",
) -> FundingInfoItem:
    """Record the candidate's answer to one checklist item: a text, a document, or both (the
    document is checked as a CV is, and replaces the one sent before)."""
    if req.status != FundingStatus.NEEDS_INFO:
        raise FundingError("transition")
    item = next((i for i in req.info_items if i.id == item_id), None)
    if item is None:
        raise FundingError("not_found")
    answer = answer.strip()
    if not answer and stream is None and item.document_key is None:
        raise FundingError("answer_required", "answer")
    if stream is not None:
        checked = check_upload(stream, DOCUMENT_TYPES, DOCUMENT_MAX_BYTES, "document")
        delete_file(item.document_key)
        item.document_key = save_file(stream, checked.extension)
        item.document_mime, item.document_size = checked.mime, checked.size
        item.document_name = (filename or f"document.{checked.extension}").rsplit("/", 1)[-1][-255:]
    item.answer, item.answered_at = answer[:4000], utcnow()
    db.session.flush()
    return item


def send_answers(req: FundingRequest, candidate: User) -> None:
    """Return the answered checklist to the advisor."""
    if any(i.answered_at is None for i in req.info_items):
        raise FundingError("unanswered")
    _move(req, FundingStatus.UNDER_REVIEW, candidate, Side.CANDIDATE, None)
    _notify_partner(req, "funding_answered")


def approve(
    req: FundingRequest, advisor: User, amount_cents: int, reason: str, version: int | None
) -> None:
    """Approve an amount, at most what was asked; a lower amount needs a reason."""
    reason = reason.strip()
    if amount_cents <= 0 or amount_cents > req.requested_cents:
        raise FundingError("amount_out_of_range", "amount")
    if amount_cents < req.requested_cents and not reason:
        raise FundingError("reason_required", "reason")
    _move(
        req,
        FundingStatus.APPROVED,
        advisor,
        Side.PARTNER,
        version,
        approved_cents=amount_cents,
        decision_reason=reason,
        decided_by_id=advisor.id,
        decided_at=utcnow(),
    )


def reject(req: FundingRequest, advisor: User, reason: str, version: int | None) -> None:
    """The advisor refuses the request, with the reason the candidate reads."""
    reason = reason.strip()
    if not reason:
        raise FundingError("reason_required", "reason")
    _move(
        req,
        FundingStatus.REJECTED,
        advisor,
        Side.PARTNER,
        version,
        decision_reason=reason,
        decided_by_id=advisor.id,
        decided_at=utcnow(),
    )


def add_receipt(
    req: FundingRequest, candidate: User, stream: BinaryIO, filename: str, today: date
) -> FundingReceipt:
    """Store a receipt (sniffed PDF or image); the first one sends the request for payment."""
    if req.status not in (FundingStatus.APPROVED, FundingStatus.RECEIPTS_SUBMITTED):
        raise FundingError("transition")
    if today < req.depart_on:
        raise FundingError("before_trip", "receipt")
    checked = check_upload(stream, RECEIPT_TYPES, RECEIPT_MAX_BYTES, "receipt")
    key = save_file(stream, checked.extension)
    receipt = FundingReceipt(
        file_key=key, mime=checked.mime, filename=(filename or "")[-255:], size=checked.size
    )
    req.receipts.append(receipt)
    db.session.flush()
    if req.status == FundingStatus.APPROVED:
        _move(req, FundingStatus.RECEIPTS_SUBMITTED, candidate, Side.CANDIDATE, None)
        _notify_partner(req, "funding_receipts")
    else:
        record_event(candidate, "funding.receipt", "funding_request", req.id, receipt=receipt.id)
    return receipt


def mark_paid(
    req: FundingRequest,
    advisor: User,
    paid_on: date,
    amount_cents: int,
    reference: str,
    version: int | None,
) -> None:
    """Record the payment: at most the approved amount, with the payment's reference."""
    reference = reference.strip()
    if amount_cents <= 0 or amount_cents > (req.approved_cents or 0):
        raise FundingError("payment_out_of_range", "amount")
    if not reference:
        raise FundingError("reference_required", "reference")
    _move(
        req,
        FundingStatus.PAID,
        advisor,
        Side.PARTNER,
        version,
        paid_on=paid_on,
        paid_cents=amount_cents,
        payment_reference=reference[:80],
    )


def cancel(req: FundingRequest, candidate: User) -> None:
    """The candidate cancels their request."""
    _move(req, FundingStatus.CANCELLED, candidate, Side.CANDIDATE, None)
    _notify_partner(req, "funding_cancelled")


def reassign(req: FundingRequest, staff: User, partner: PartnerOrganisation) -> None:
    """Staff route a request to another partner organisation."""
    if req.partner_id == partner.id:
        return
    before = snapshot(req)
    req.partner = partner
    db.session.flush()
    record_event(
        staff, "funding.reassigned", "funding_request", req.id, before=before, after=snapshot(req)
    )
    _notify_partner(req, "funding_submitted")


def _notify_partner(req: FundingRequest, kind: str) -> None:
    if req.partner_id is None:
        return
    for advisor in partner_advisors(req.partner_id):
        notify(
            advisor,
            kind,
            site_path("funding.partner_request", request_id=req.id),
            number=req.id,
        )


# ---------------------------------------------------------------- lists


def _with_details(stmt):
    return stmt.options(
        joinedload(FundingRequest.candidate).joinedload(CandidateProfile.user),
        joinedload(FundingRequest.application)
        .joinedload(Application.job)
        .joinedload(Job.organisation),
        joinedload(FundingRequest.destination).joinedload(Municipality.region),
        joinedload(FundingRequest.origin),
        joinedload(FundingRequest.partner),
    )


def candidate_requests(profile: CandidateProfile) -> list[FundingRequest]:
    """The candidate's requests, newest first."""
    stmt = _with_details(
        db.select(FundingRequest)
        .where(FundingRequest.candidate_id == profile.id)
        .order_by(FundingRequest.id.desc())
    )
    return list(db.session.execute(stmt).unique().scalars())


def _detail_options(stmt):
    return _with_details(stmt).options(
        selectinload(FundingRequest.info_items),
        selectinload(FundingRequest.receipts),
        selectinload(FundingRequest.messages).joinedload(FundingMessage.author),
        joinedload(FundingRequest.policy),
    )


def get_candidate_request(profile: CandidateProfile | None, request_id: int):
    """One of the candidate's own requests (None: a 404)."""
    if profile is None:
        return None
    return db.session.execute(
        _detail_options(
            db.select(FundingRequest).where(
                FundingRequest.id == request_id, FundingRequest.candidate_id == profile.id
            )
        )
    ).scalar_one_or_none()


def get_partner_request(user: User, request_id: int) -> FundingRequest | None:
    """A request of the advisor's own organisation (staff see every request)."""
    stmt = db.select(FundingRequest).where(FundingRequest.id == request_id)
    if not user.has_role(Role.STAFF):
        if user.partner_organisation_id is None:
            return None
        stmt = stmt.where(FundingRequest.partner_id == user.partner_organisation_id)
    return db.session.execute(_detail_options(stmt)).scalar_one_or_none()


@dataclass
class QueueFilters:
    status: str = ""
    region: str = ""
    age: str = ""  # "", "overdue", or a number of days


def queue(
    user: User, filters: QueueFilters, now: datetime, policy: FundingPolicy
) -> list[FundingRequest]:
    """The requests an advisor works on (staff see every partner's), oldest waiting first."""
    stmt = _with_details(db.select(FundingRequest))
    if not user.has_role(Role.STAFF):
        stmt = stmt.where(FundingRequest.partner_id == user.partner_organisation_id)
    if filters.status in {s.value for s in FundingStatus}:
        stmt = stmt.where(FundingRequest.status == FundingStatus(filters.status))
    elif filters.status == "open":
        stmt = stmt.where(FundingRequest.status.not_in([s for s in FundingStatus if s.is_final]))
    if filters.region:
        stmt = stmt.join(Municipality, Municipality.id == FundingRequest.destination_id).where(
            Municipality.region_code == filters.region
        )
    if filters.age == "overdue":
        stmt = stmt.where(
            FundingRequest.status.in_([s for s in FundingStatus if s.awaits_partner]),
            FundingRequest.updated_at < now - timedelta(days=policy.response_days),
        )
    elif (days := parse_int(filters.age, 0, 3650)) is not None:  # junk or 999999: no filter
        stmt = stmt.where(FundingRequest.submitted_at < now - timedelta(days=days))
    stmt = stmt.order_by(FundingRequest.updated_at, FundingRequest.id).limit(500)
    return list(db.session.execute(stmt).unique().scalars())


def is_overdue(req: FundingRequest, now: datetime, policy: FundingPolicy) -> bool:
    """The partner has had the next move for longer than the response-time target."""
    return req.status.awaits_partner and now - req.updated_at > timedelta(days=policy.response_days)
