"""Changes after publication: a party moves or cancels; a freed time goes to the best waiting pair."""

from datetime import time, timedelta

import icalendar
import pytest
from flask_babel import force_locale

from app.blueprints.interviews import services as svc
from app.clock import PROGRAM_TZ
from app.errors import DomainErrors
from app.extensions import db
from app.models import (
    ChangeStatus,
    FreedSlot,
    InterviewSlot,
    OfferStatus,
    SlotStatus,
)
from app.models.base import utcnow
from app.uow import attempt
from tests.interviews.test_flow import _published, flow  # noqa: F401 - the interviews fixture


def _invitation(outbox, email):
    return icalendar.Calendar.from_ical(outbox(email)[-1].attachments[0]["text"])


def test_a_candidate_moves_to_a_time_that_suits_both(app, flow, outbox):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    slots = _published(flow)
    mine = next(s for s in slots if s.request.candidate_id == candidates[0].candidate_profile.id)
    other = next(s for s in slots if s is not mine)
    first = _invitation(outbox, candidates[0].email).walk("VEVENT")[0]
    options = svc.move_options(mine)
    assert other.starts_at not in options and mine.starts_at not in options and options
    with pytest.raises(DomainErrors) as err:  # every problem at once
        svc.request_change(
            candidates[0],
            mine,
            svc.ChangeData("move", "  ", other.starts_at, mine.version),
            mine.starts_at - timedelta(hours=2),
        )
    assert {e.code for e in err.value.errors} == {"too_late", "reason_required", "slot_taken"}
    change = svc.request_change(
        candidates[0],
        mine,
        svc.ChangeData("move", "A medical appointment", options[-1], mine.version),
        utcnow(),
    )
    db.session.commit()
    assert change.status == ChangeStatus.APPLIED and mine.starts_at == options[-1]
    for email in (candidates[0].email, employer.email):
        event = _invitation(outbox, email).walk("VEVENT")[0]
        assert str(event["UID"]) == str(first["UID"])
        assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    assert "Casablanca" in outbox(candidates[0].email)[-1].body  # in the candidate's own zone
    assert "Casablanca" not in outbox(employer.email)[-1].body


def test_a_move_can_need_staff_approval(app, flow, client, auth):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    app.config["INTERVIEW_CHANGES_NEED_APPROVAL"] = True
    slots = _published(flow)
    slot = slots[0]
    target = svc.move_options(slot)[0]
    change = svc.request_change(
        employer,
        slot,
        svc.ChangeData("move", "Our manager is away", target, slot.version),
        utcnow(),
    )
    db.session.commit()
    assert change.status == ChangeStatus.PENDING and slot.starts_at != target
    auth.login(staff)
    page = client.get(f"/programme/vendredis/{session.id}").get_data(as_text=True)
    assert "Our manager is away" in page
    client.post(f"/programme/vendredis/changements/{change.id}/appliquer")
    db.session.refresh(slot)
    assert slot.starts_at == target


@pytest.fixture
def waiting(flow):  # noqa: F811
    """One slot only (the employer is free 9 h–9 h 15): the best-scored pair is placed, the two
    others wait, ranked by score."""
    staff, employer, candidates, applications, session = flow
    session.max_per_employer = 3
    requests = svc.propose_candidates(employer, session, [a.id for a in applications])
    for user, request, score in zip(candidates, requests, (90, 50, 70), strict=True):
        svc.respond_to_request(user.candidate_profile, request.id, True)
        request.score = score
    svc.set_availability(
        employer,
        session,
        svc.AvailabilityData([(time(9), time(9, 15))], PROGRAM_TZ, 0),
    )
    svc.run_scheduler(session)
    svc.publish_schedule(session, staff)
    db.session.commit()
    return staff, employer, candidates, requests, session


def test_a_freed_slot_goes_to_the_best_waiting_pair(app, waiting, client, auth, outbox):
    staff, employer, candidates, requests, session = waiting
    (slot,) = svc.session_slots(session)
    # At publication both sides of each waiting pair were told why it could not be placed.
    reason = svc.UNPLACED_REASON_TEXTS[requests[1].unplaced_reason]
    with app.test_request_context("/"), force_locale("fr_CA"):
        assert f"n’a pas pu être placée ({reason})" in outbox(candidates[1].email)[-1].body
    assert "could not be placed (" in outbox(employer.email)[-1].body
    assert slot.request_id == requests[0].id
    assert [r.id for r in svc.waiting_requests(session)] == [requests[2].id, requests[1].id]
    auth.login(candidates[0])
    r = client.post(
        f"/entrevues/{slot.id}/changement",
        data={"kind": "cancel", "reason": "I found a job", "version": slot.version},
    )
    assert r.status_code == 303
    calendar = _invitation(outbox, candidates[0].email)
    assert str(calendar["METHOD"]) == "CANCEL"
    offer = db.session.execute(db.select(FreedSlot)).scalar_one()
    assert offer.request_id == requests[2].id and offer.status == OfferStatus.OFFERED
    assert svc.offers_for(candidates[1]) == []  # not theirs yet
    auth.logout()
    auth.login(candidates[2])
    assert "Prendre cette plage" in client.get("/entrevues").get_data(as_text=True)
    client.post(f"/entrevues/offres/{offer.id}/refuser", data={"version": offer.version})
    db.session.refresh(offer)
    assert offer.request_id == requests[1].id  # next best
    auth.logout()
    auth.login(candidates[1])
    client.post(f"/entrevues/offres/{offer.id}/prendre", data={"version": offer.version})
    placed = db.session.execute(
        db.select(InterviewSlot).where(InterviewSlot.request_id == requests[1].id)
    ).scalar_one()
    assert placed.status == SlotStatus.CONFIRMED and placed.starts_at == slot.starts_at
    assert "confirm" in outbox(candidates[1].email)[-1].body.lower()


def test_two_takers_of_one_freed_slot_one_wins(app, waiting, monkeypatch):
    """The offered pair takes the time while a move into it lands first: the version check at
    flush makes the second taker lose, with a clear message, and nothing is double-booked."""
    from sqlalchemy import update

    staff, employer, candidates, requests, session = waiting
    (slot,) = svc.session_slots(session)
    svc.cancel_interview(slot, slot.version)
    offer = svc.offer_freed_slot(session, employer.organisation.id, slot.starts_at)
    db.session.commit()
    seen = offer.version
    fits = svc._fits

    def other_taker_commits_first(*args):
        # Both have read the offer as free; the other one, in its own transaction, commits now.
        with db.engine.begin() as other:
            other.execute(
                update(FreedSlot)
                .where(FreedSlot.id == offer.id)
                .values(status=OfferStatus.TAKEN, version=seen + 1)
            )
        return fits(*args)

    monkeypatch.setattr(svc, "_fits", other_taker_commits_first)
    with app.test_request_context("/"):
        outcome = attempt(None, {}, svc.answer_offer, candidates[2], offer.id, True, seen)
    assert not outcome and outcome.error.code == "stale"
    db.session.rollback()
    # A second try is told the time is taken.
    with app.test_request_context("/"):
        again = attempt(None, {}, svc.answer_offer, candidates[2], offer.id, True, seen + 1)
    assert again.error.code == "slot_taken"
    assert (
        db.session.execute(
            db.select(db.func.count(InterviewSlot.id)).where(
                InterviewSlot.status == SlotStatus.CONFIRMED
            )
        ).scalar_one()
        == 0
    )


def test_change_page_access_and_bad_input(app, flow, client, auth, make_employer):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    slots = _published(flow)
    mine = next(s for s in slots if s.request.candidate_id == candidates[0].candidate_profile.id)
    auth.login(candidates[1])
    assert client.get(f"/entrevues/{mine.id}/changement").status_code == 404
    auth.logout()
    auth.login(make_employer())
    assert client.get(f"/entrevues/{mine.id}/changement").status_code == 404
    auth.logout()
    auth.login(candidates[0])
    r = client.post(
        f"/entrevues/{mine.id}/changement",
        data={
            "kind": "move",
            "new_start": "2020-01-01T00:00:00+00:00",
            "reason": "",
            "version": mine.version,
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Indiquez le motif en quelques mots." in html
    assert "n’est plus libre pour vous deux" in html
    db.session.refresh(mine)
    assert mine.status == SlotStatus.CONFIRMED


def test_the_invitation_names_its_organizer_and_attendees(app, flow, outbox):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    _published(flow)
    event = _invitation(outbox, candidates[0].email).walk("VEVENT")[0]
    assert str(event["ORGANIZER"]).startswith("mailto:")
    attendees = event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]
    emails = {str(a).removeprefix("mailto:") for a in attendees}
    assert {candidates[0].email, employer.email} <= emails and candidates[1].email not in emails
