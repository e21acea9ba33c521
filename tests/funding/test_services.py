"""Travel funding: the estimate, the policy caps, eligibility, routing and the state machine."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from app.blueprints.funding import services as svc
from app.clock import today as program_today
from app.errors import StaleError
from app.extensions import db
from app.models import AuditEvent, FundingPolicy, FundingStatus, TravelMode

POLICY = FundingPolicy(number=1, **svc.DEFAULT_POLICY)


def place(lat, lon):
    return SimpleNamespace(lat=lat, lon=lon)


def test_great_circle_distance_montreal_quebec():
    # Montréal to Québec is about 233 km as the crow flies.
    assert 225 < svc.great_circle_km(45.5017, -73.5673, 46.8130, -71.2080) < 240
    assert svc.great_circle_km(10, 10, 10, 10) == 0


def test_estimate_car_is_round_trip_kilometres_times_the_rate():
    # One degree of longitude on the equator: 111.19 km, × 1.25 road factor = 139 km.
    est = svc.estimate(POLICY, place(0, 0), place(0, 1), TravelMode.CAR, nights=2, meal_days=3)
    assert est.distance_km == 139
    assert est.transport_cents == 2 * 139 * 50
    assert est.lodging_cents == 2 * 15_000
    assert est.meals_cents == 3 * 6_000
    assert est.total_cents == est.subtotal_cents == 13_900 + 30_000 + 18_000
    assert not est.fare_capped and not est.trip_capped


def test_fare_caps_by_mode_apply_to_transport_only():
    far = place(0, 20)  # about 2,780 km by road each way
    bus = svc.estimate(POLICY, place(0, 0), far, TravelMode.BUS, 0, 0)
    plane = svc.estimate(POLICY, place(0, 0), far, TravelMode.PLANE, 0, 0)
    car = svc.estimate(POLICY, place(0, 0), far, TravelMode.CAR, 0, 0)
    assert bus.fare_capped and bus.transport_cents == POLICY.bus_cap_cents
    assert plane.fare_capped and plane.transport_cents == POLICY.plane_cap_cents
    assert not car.fare_capped and car.transport_cents > POLICY.plane_cap_cents


def test_trip_cap_bounds_the_total():
    est = svc.estimate(POLICY, place(0, 0), place(0, 20), TravelMode.CAR, nights=5, meal_days=6)
    assert est.trip_capped
    assert est.total_cents == POLICY.trip_cap_cents < est.subtotal_cents


def test_eligibility_needs_interest_or_invitation_and_a_region(app, flow, make_job):
    profile = flow.candidate.candidate_profile
    assert [a.id for a in svc.eligible_applications(profile)] == [flow.application.id]
    # A fresh application the employer has not acted on does not qualify.
    from app.blueprints.applications.services import apply_to_job

    other = apply_to_job(
        profile, make_job(flow.employer.organisation, title_fr="Autre"), "", program_today()
    )
    db.session.commit()
    assert other.id not in [a.id for a in svc.eligible_applications(profile)]
    # Nor does a job in the Montréal region.
    flow.application.job.region_code = "06"
    db.session.commit()
    assert svc.eligible_applications(profile) == []


def test_submit_routes_to_the_partner_of_the_region_and_records_the_policy(app, flow, outbox):
    req = flow.submit()
    assert req.partner.code == "promis"
    assert req.policy.number == 1 and req.status == FundingStatus.SUBMITTED
    assert req.requested_cents == req.transport_cents + req.lodging_cents + req.meals_cents
    assert 430 < req.distance_km < 520  # Montréal → Saguenay by road
    assert f"/partenaires/demandes/{req.id}" in outbox(flow.promis.email)[-1].body
    assert outbox(flow.alpa.email) == []
    # The candidate now has a case file with PROMIS.
    from app.blueprints.followup.services import candidate_case

    case = candidate_case(flow.candidate.candidate_profile)
    assert case.partner.code == "promis" and len(case.steps) == 9


def test_a_new_policy_version_does_not_change_filed_requests(app, flow):
    req = flow.submit()
    values = {k: getattr(svc.current_policy(), k) for k in svc.POLICY_FIELDS}
    with pytest.raises(svc.FundingError) as err:
        svc.publish_policy(flow.staff, values)
    assert err.value.code == "policy_unchanged"
    new = svc.publish_policy(flow.staff, {**values, "rate_per_km_cents": 60})
    db.session.commit()
    assert new.number == 2 and svc.current_policy().id == new.id
    assert req.policy.number == 1
    second = flow.submit(depart_on=program_today() + timedelta(days=20))
    assert second.policy.number == 2
    assert second.transport_cents == 2 * second.distance_km * 60


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"depart_on": program_today() - timedelta(days=1)}, "past_date"),
        ({"return_on": program_today() + timedelta(days=6)}, "return_before_departure"),
        ({"nights": 3}, "too_many_nights"),
        ({"meal_days": 4}, "too_many_meal_days"),
        ({"origin_id": 999_999}, "unknown_origin"),
    ],
)
def test_bad_trips_are_refused(app, flow, changes, code):
    with pytest.raises(svc.FundingError) as err:
        flow.submit(**changes)
    assert err.value.code == code


def test_same_trip_twice_and_yearly_limit(app, flow):
    from datetime import date

    app.config["FUNDING_HORIZON_MONTHS"] = 36  # trips over two calendar years, planned today
    year = program_today().year + 1
    flow.submit(depart_on=date(year, 3, 2))
    with pytest.raises(svc.FundingError) as err:
        flow.submit(depart_on=date(year, 3, 2))
    assert err.value.code == "duplicate"
    db.session.rollback()
    flow.submit(depart_on=date(year, 3, 9))
    with pytest.raises(svc.FundingError) as err:  # the default policy allows two trips a year
        flow.submit(depart_on=date(year, 3, 16))
    assert err.value.code == "yearly_limit"
    db.session.rollback()
    flow.submit(depart_on=date(year + 1, 3, 16))  # a new year, a new allowance


def test_the_whole_path_to_payment(app, flow, outbox):
    req = flow.submit()
    svc.start_review(req, flow.promis, req.version)
    svc.ask_for_information(req, flow.promis, ["Invitation letter", "", "Bus fare"], req.version)
    db.session.commit()
    assert req.status == FundingStatus.NEEDS_INFO and len(req.info_items) == 2
    with pytest.raises(svc.FundingError) as err:
        svc.send_answers(req, flow.candidate)
    assert err.value.code == "unanswered"
    for item in req.info_items:
        svc.answer_item(req, item.id, f"Answer to {item.question}")
    svc.send_answers(req, flow.candidate)
    with pytest.raises(svc.FundingError) as err:
        svc.approve(req, flow.promis, req.requested_cents - 100, "", req.version)
    assert err.value.code == "reason_required"
    with pytest.raises(svc.FundingError) as err:
        svc.approve(req, flow.promis, req.requested_cents + 1, "more", req.version)
    assert err.value.code == "amount_out_of_range"
    svc.approve(req, flow.promis, req.requested_cents - 100, "Hotel above the cap", req.version)
    db.session.commit()
    assert req.approved_cents == req.requested_cents - 100
    with pytest.raises(svc.FundingError) as err:  # receipts only once the trip has started
        svc.add_receipt(req, flow.candidate, _pdf(), "r.pdf", program_today())
    assert err.value.code == "before_trip"
    svc.add_receipt(req, flow.candidate, _pdf(), "bus.pdf", req.depart_on)
    assert req.status == FundingStatus.RECEIPTS_SUBMITTED
    svc.mark_paid(req, flow.promis, program_today(), req.approved_cents, "VIR-1", req.version)
    db.session.commit()
    assert req.status == FundingStatus.PAID and req.paid_cents == req.approved_cents
    funding_mail = [m for m in outbox(flow.candidate.email) if "/candidat/deplacements/" in m.body]
    assert len(funding_mail) == 6  # review, info, review again, approved, receipts, paid
    events = (
        db.session.execute(
            db.select(AuditEvent).where(AuditEvent.subject_type == "funding_request")
        )
        .scalars()
        .all()
    )
    approved = next(e for e in events if e.action == "funding.approved")
    assert approved.actor_id == flow.promis.id
    assert approved.detail["before"]["status"] == "under_review"
    assert approved.detail["after"]["approved_cents"] == req.approved_cents


def _pdf():
    import io

    return io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")


@pytest.mark.parametrize(
    ("start", "to", "side"),
    [
        (FundingStatus.SUBMITTED, FundingStatus.PAID, svc.Side.PARTNER),
        (FundingStatus.SUBMITTED, FundingStatus.APPROVED, svc.Side.CANDIDATE),
        (FundingStatus.APPROVED, FundingStatus.PAID, svc.Side.PARTNER),
        (FundingStatus.PAID, FundingStatus.CANCELLED, svc.Side.CANDIDATE),
        (FundingStatus.REJECTED, FundingStatus.APPROVED, svc.Side.PARTNER),
        (FundingStatus.CANCELLED, FundingStatus.UNDER_REVIEW, svc.Side.PARTNER),
        (FundingStatus.NEEDS_INFO, FundingStatus.APPROVED, svc.Side.PARTNER),
    ],
)
def test_illegal_transitions_are_refused(app, flow, start, to, side):
    req = flow.submit()
    req.status = start
    db.session.commit()
    user = flow.promis if side == svc.Side.PARTNER else flow.candidate
    with pytest.raises(svc.FundingError) as err:
        svc._move(req, to, user, side, None)
    assert err.value.code == "transition"
    assert req.status == start


def test_cancel_before_payment_only(app, flow):
    req = flow.submit()
    svc.cancel(req, flow.candidate)
    assert req.status == FundingStatus.CANCELLED
    with pytest.raises(svc.FundingError):
        svc.cancel(req, flow.candidate)


def test_rejection_needs_a_reason(app, flow):
    req = flow.submit()
    with pytest.raises(svc.FundingError) as err:
        svc.reject(req, flow.promis, "  ", req.version)
    assert err.value.code == "reason_required" and req.status == FundingStatus.SUBMITTED


def test_a_decision_made_on_an_old_version_is_refused(app, flow):
    req = flow.submit()
    seen = req.version
    svc.start_review(req, flow.promis, seen)
    db.session.commit()
    with pytest.raises(StaleError):
        svc.reject(req, flow.promis, "No", seen)
    assert req.status == FundingStatus.UNDER_REVIEW


def test_two_advisors_deciding_at_once_cannot_both_win(app, flow):
    """Both loaded the same version; the first commit wins, the second flush fails."""
    from sqlalchemy.orm import Session

    from app.models import FundingRequest

    req = flow.submit()
    seen = req.version
    # The other advisor, in their own database session, approves and commits first...
    with Session(db.engine) as other:
        theirs = other.get(FundingRequest, req.id)
        theirs.status, theirs.approved_cents = FundingStatus.APPROVED, 100
        other.commit()
    # ...and this refusal, made from the same version, fails instead of overwriting it.
    with pytest.raises(StaleError):
        svc.reject(req, flow.promis, "No", seen)
    db.session.rollback()
    db.session.refresh(req)
    assert req.status == FundingStatus.APPROVED and req.decision_reason == ""


def test_staff_reassign_and_queue_filters(app, flow):
    from app.models.base import utcnow

    req = flow.submit()
    policy = svc.current_policy()
    now = utcnow()
    assert [r.id for r in svc.queue(flow.promis, svc.QueueFilters(), now, policy)] == [req.id]
    assert svc.queue(flow.alpa, svc.QueueFilters(), now, policy) == []
    assert svc.queue(flow.promis, svc.QueueFilters(region="01"), now, policy) == []
    assert svc.queue(flow.promis, svc.QueueFilters(region="02"), now, policy) != []
    assert svc.queue(flow.promis, svc.QueueFilters(age="overdue"), now, policy) == []
    later = now + timedelta(days=policy.response_days + 1)
    assert svc.queue(flow.promis, svc.QueueFilters(age="overdue"), later, policy) != []
    assert svc.is_overdue(req, later, policy) and not svc.is_overdue(req, now, policy)
    svc.reassign(req, flow.staff, flow.alpa.partner_organisation)
    db.session.commit()
    assert svc.get_partner_request(flow.promis, req.id) is None
    assert svc.get_partner_request(flow.alpa, req.id).id == req.id
    assert svc.get_partner_request(flow.staff, req.id).id == req.id


def test_advisor_messages_go_to_the_case_file_conversation(app, flow, outbox):
    from app.blueprints.conversations import services as conversations
    from app.blueprints.followup.services import candidate_case

    req = flow.submit()
    case = candidate_case(flow.candidate.candidate_profile)
    assert case is not None and case.partner_id == req.partner_id
    conversation = conversations.open_on_case(case)
    before = len(outbox(flow.candidate.email))
    conversations.post_message(
        conversation, flow.promis, conversations.MessageData("Avez-vous une lettre ?")
    )
    assert len(outbox(flow.candidate.email)) == before + 1
    assert conversations.get_conversation(flow.candidate, conversation.id) is conversation
    assert conversations.get_conversation(flow.alpa, conversation.id) is None
