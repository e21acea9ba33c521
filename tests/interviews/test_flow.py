"""Friday interviews: proposals, answers, the scheduler in the portal, publication, private links."""

from datetime import time, timedelta

import pytest

from app.blueprints.applications.services import apply_to_job, transition_application
from app.blueprints.interviews import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import Actor, ApplicationStatus, InterviewSlot, RequestStatus, Role, SessionStatus
from app.models.base import utcnow


@pytest.fixture
def flow(app, make_employer, make_job, make_candidate, make_user):
    staff = make_user(Role.STAFF)
    employer = make_employer(locale="en_CA")
    job = make_job(employer.organisation)
    candidates, applications = [], []
    for n in range(3):
        user = make_candidate(email=f"c{n}@example.org", timezone="Africa/Casablanca")
        application = apply_to_job(user.candidate_profile, job, "", program_today())
        transition_application(
            application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="ok"
        )
        transition_application(application, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER)
        candidates.append(user)
        applications.append(application)
    session = svc.create_session(
        staff,
        svc.SessionData(
            day=svc.next_friday(program_today()) + timedelta(weeks=1),
            start_time=time(9),
            end_time=time(10),
            max_per_employer=2,
        ),
    )
    db.session.commit()
    return staff, employer, candidates, applications, session


def test_propose_within_cap_and_only_shortlisted(app, flow, outbox):
    staff, employer, candidates, applications, session = flow
    with pytest.raises(svc.SessionError) as err:
        svc.propose_candidates(employer, session, [a.id for a in applications])
    assert err.value.code == "over_cap"
    requests = svc.propose_candidates(employer, session, [applications[0].id, applications[1].id])
    assert [r.status for r in requests] == [RequestStatus.PROPOSED] * 2
    assert "entrevue" in outbox("c0@example.org")[-1].body.lower()
    with pytest.raises(svc.SessionError) as err:
        svc.propose_candidates(employer, session, [applications[0].id])  # already proposed
    assert err.value.code == "nothing_to_propose"


def test_answers_scheduler_publication_and_private_links(app, flow, outbox):
    staff, employer, candidates, applications, session = flow
    requests = svc.propose_candidates(employer, session, [applications[0].id, applications[1].id])
    other = candidates[2].candidate_profile
    assert svc.respond_to_request(other, requests[0].id, True) is None  # not theirs
    for user, request in zip(candidates[:2], requests, strict=True):
        assert (
            svc.respond_to_request(user.candidate_profile, request.id, True).status
            == RequestStatus.ACCEPTED
        )
    unplaced = svc.run_scheduler(session)
    db.session.commit()
    slots = svc.session_slots(session)
    assert unplaced == [] and len(slots) == 2
    assert slots[0].ends_at <= slots[1].starts_at - timedelta(minutes=session.buffer_minutes)
    assert len({s.room for s in slots}) == 2 and all(len(s.room) >= 32 for s in slots)
    assert svc.my_slots(candidates[0]) == []  # nothing before publication
    assert svc.publish_schedule(session, staff) == 2
    db.session.commit()
    assert session.status == SessionStatus.PUBLISHED
    assert [s.request_id for s in svc.my_slots(candidates[0])] == [requests[0].id]
    assert len(svc.my_slots(employer)) == 2 and svc.my_slots(candidates[2]) == []
    slot = svc.my_slots(candidates[0])[0]
    assert svc.join_url(slot, slot.starts_at - timedelta(minutes=6)) is None
    assert svc.join_url(slot, slot.starts_at - timedelta(minutes=4)).endswith(slot.room)
    assert svc.join_url(slot, slot.ends_at + timedelta(minutes=14)) is not None
    assert svc.join_url(slot, slot.ends_at + timedelta(minutes=16)) is None
    assert "Interview with" in outbox(employer.email)[-1].body


def test_unanswered_requests_expire_at_the_deadline(app, flow):
    staff, employer, candidates, applications, session = flow
    (request,) = svc.propose_candidates(employer, session, [applications[0].id])
    session.registration_deadline = utcnow() - timedelta(minutes=1)  # passed, whatever the day
    db.session.commit()
    assert svc.respond_to_request(candidates[0].candidate_profile, request.id, True) is None
    svc.run_scheduler(session)
    db.session.refresh(request)
    assert request.status == RequestStatus.EXPIRED
    assert db.session.execute(db.select(InterviewSlot)).first() is None


def test_pages_show_each_side_only_its_own_slot(client, auth, flow):
    staff, employer, candidates, applications, session = flow
    requests = svc.propose_candidates(employer, session, [applications[0].id, applications[1].id])
    for user, request in zip(candidates[:2], requests, strict=True):
        svc.respond_to_request(user.candidate_profile, request.id, True)
    svc.run_scheduler(session)
    svc.publish_schedule(session, staff)
    db.session.commit()
    auth.login(candidates[0])
    html = client.get("/entrevues").get_data(as_text=True)
    assert html.count('class="card slot"') == 1 and "Africa/Casablanca" not in html
    assert candidates[1].full_name not in html
    for slot in svc.session_slots(session):
        assert slot.room not in html  # the link shows only 5 minutes before
    auth.logout()
    auth.login(employer)
    assert client.get("/entrevues").get_data(as_text=True).count('class="card slot"') == 2


def test_interview_pages_access(client, auth, flow, make_user, make_employer):
    staff, employer, candidates, applications, session = flow
    auth.login(make_employer())
    assert (
        client.post(
            f"/employeurs/vendredis/{session.id}/proposer",
            data={"application": [applications[0].id]},
        ).status_code
        == 303
    )
    assert (
        db.session.execute(db.select(db.func.count()).select_from(InterviewSlot)).scalar_one() == 0
    )
    from app.models import InterviewRequest

    assert db.session.execute(db.select(InterviewRequest)).first() is None  # not its applicants
    auth.logout()
    auth.login(candidates[0])
    assert client.post(f"/programme/vendredis/{session.id}/planifier").status_code == 404
    assert client.get("/employeurs/vendredis").status_code == 403
    auth.logout()
    auth.login(make_user(Role.PARTNER))
    assert client.get("/entrevues").status_code == 403


def _published(flow):
    staff, employer, candidates, applications, session = flow
    requests = svc.propose_candidates(employer, session, [applications[0].id, applications[1].id])
    for user, request in zip(candidates[:2], requests, strict=True):
        svc.respond_to_request(user.candidate_profile, request.id, True)
    svc.run_scheduler(session)
    svc.publish_schedule(session, staff)
    db.session.commit()
    return svc.session_slots(session)


def test_ics_invitation_parses_back_with_time_zone_and_uid(app, flow, outbox, client, auth):
    import icalendar

    from app.clock import PROGRAM_TZ

    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    mail = outbox("c0@example.org")[-1]
    (attachment,) = mail.attachments
    assert attachment["mime"] == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment["text"])
    assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["America/Montreal"]
    (event,) = calendar.walk("VEVENT")
    mine = next(
        s for s in slots if s.request.application.candidate_id == candidates[0].candidate_profile.id
    )
    assert str(event["UID"]) == f"interview-{mine.id}@maillage"
    start = event.decoded("DTSTART")
    assert (
        start.tzinfo.key == "America/Montreal"
        if hasattr(start.tzinfo, "key")
        else str(start.tzinfo) == str(PROGRAM_TZ)
    )
    assert start == mine.starts_at
    assert "TZID=America/Montreal" in attachment["text"]
    auth.login(candidates[0])
    with client.get(f"/entrevues/{mine.id}/calendrier.ics") as r:
        assert r.status_code == 200 and r.mimetype == "text/calendar"
        assert icalendar.Calendar.from_ical(r.data).walk("VEVENT")[0]["UID"] == event["UID"]
    other = next(s for s in slots if s.id != mine.id)
    assert client.get(f"/entrevues/{other.id}/calendrier.ics").status_code == 404


def test_reminders_24h_and_1h_are_sent_once(app, flow, outbox):
    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    slot = slots[0]
    start = slot.starts_at
    before = len(outbox(employer.email))
    assert svc.send_reminders(start - timedelta(hours=30)) == 0
    # Two interviews 20 minutes apart; each reminder goes to the candidate and to the employer.
    assert svc.send_reminders(start - timedelta(hours=23)) == 4
    assert svc.send_reminders(start - timedelta(hours=22)) == 0
    assert svc.send_reminders(start - timedelta(minutes=50)) == 2  # first interview within the hour
    assert svc.send_reminders(start - timedelta(minutes=39)) == 2  # then the second one
    assert svc.send_reminders(start - timedelta(minutes=30)) == 0
    assert len(outbox(employer.email)) > before
    result = app.test_cli_runner().invoke(args=["interviews", "send-reminders"])
    assert result.exit_code == 0 and "reminder(s) sent" in result.output


def test_mutual_continue_moves_the_application_and_shares_contacts(app, flow, client, auth):
    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    slot = next(s for s in slots if s.request.application_id == applications[0].id)
    assert applications[0].status == ApplicationStatus.INTERVIEW_SCHEDULED
    with pytest.raises(svc.SessionError) as err:
        svc.record_decision(
            candidates[0], slot, "continue", "", slot.starts_at - timedelta(minutes=1)
        )
    assert err.value.code == "too_early"
    after = slot.ends_at + timedelta(minutes=1)
    assert svc.record_decision(candidates[0], slot, "continue", "Très intéressant", after) is False
    assert svc.record_decision(employer, slot, "continue", "", after) is True
    db.session.commit()
    assert applications[0].status == ApplicationStatus.INTERVIEWED
    slot.starts_at, slot.ends_at = (
        slot.starts_at - timedelta(days=30),
        slot.ends_at - timedelta(days=30),
    )
    db.session.commit()
    auth.login(candidates[0])
    html = client.get("/entrevues").get_data(as_text=True)
    assert employer.email in html  # the employer's contact, now shared


def test_decision_route_and_staff_attendance(app, flow, client, auth):
    from app.models import SlotStatus

    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    slot = slots[0]
    slot.starts_at, slot.ends_at = (
        slot.starts_at - timedelta(days=30),
        slot.ends_at - timedelta(days=30),
    )
    db.session.commit()
    auth.login(employer)
    assert (
        client.post(
            f"/entrevues/{slot.id}/suite", data={"decision": "stop", "note": "Pas le bon profil"}
        ).status_code
        == 303
    )
    db.session.refresh(slot)
    assert slot.employer_decision == "stop" and slot.status == SlotStatus.HELD
    auth.logout()
    auth.login(staff)
    r = client.post(
        f"/programme/vendredis/creneaux/{slot.id}/presence", data={"status": "no_show_candidate"}
    )
    assert r.status_code == 303
    db.session.refresh(slot)
    assert slot.status == SlotStatus.NO_SHOW_CANDIDATE
    assert svc.no_show_counts() == {slot.request.application.candidate_id: 1}
    page = client.get(f"/programme/vendredis/{session.id}").get_data(as_text=True)
    assert "1 absence" in page or "1 no-show" in page
    assert (
        client.post(
            f"/programme/vendredis/creneaux/{slot.id}/presence", data={"status": "bogus"}
        ).status_code
        == 400
    )
    auth.logout()
    auth.login(candidates[2])
    assert (
        client.post(f"/entrevues/{slot.id}/suite", data={"decision": "continue"}).status_code == 404
    )


def test_staff_move_refuses_conflicts_and_stale_forms(app, flow, client, auth, outbox):
    import icalendar

    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    first, second = slots
    auth.login(staff)
    url = f"/programme/vendredis/creneaux/{first.id}/deplacer"
    # Same employer at the other interview's time: refused, nothing changes.
    client.post(url, data={"start": second.starts_at.isoformat(), "version": first.version})
    db.session.refresh(first)
    assert first.starts_at != second.starts_at
    free = [
        t
        for t in svc.grid_times(session)
        if t not in (first.starts_at, second.starts_at)
        and abs(t - second.starts_at)
        >= timedelta(minutes=session.slot_minutes + session.buffer_minutes)
    ][-1]
    version = first.version
    before = len(outbox(candidates[0].email))
    assert client.post(url, data={"start": free.isoformat(), "version": version}).status_code == 303
    db.session.refresh(first)
    assert first.starts_at == free and first.version == version + 1
    update = outbox(candidates[0].email)[-1]
    assert len(outbox(candidates[0].email)) == before + 1
    assert (
        icalendar.Calendar.from_ical(update.attachments[0]["text"]).walk("VEVENT")[0]["SEQUENCE"]
        == first.version
    )
    # A second staff member's form, drawn before that move, is refused.
    client.post(url, data={"start": svc.grid_times(session)[0].isoformat(), "version": version})
    db.session.refresh(first)
    assert first.starts_at == free


def test_two_staff_racing_on_the_same_slot_cannot_double_book(app, flow):
    from sqlalchemy import update
    from sqlalchemy.orm.exc import StaleDataError

    from app.models import InterviewSlot

    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    slot = slots[0]
    seen = slot.version
    target = svc.grid_times(session)[-1]
    # The other staff member's move lands first, straight in the database...
    db.session.execute(
        update(InterviewSlot)
        .where(InterviewSlot.id == slot.id)
        .values(starts_at=svc.grid_times(session)[-2], version=seen + 1)
    )
    # ...and this one, made from the same version, must fail instead of overwriting it.
    with pytest.raises((StaleDataError, svc.SessionError)):
        svc.move_interview(slot, target, seen)
    db.session.rollback()


def test_cancel_sends_a_cancellation(app, flow, client, auth, outbox):
    import icalendar

    from app.models import SlotStatus

    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    slot = slots[0]
    auth.login(staff)
    client.post(f"/programme/vendredis/creneaux/{slot.id}/annuler", data={"version": slot.version})
    db.session.refresh(slot)
    assert slot.status == SlotStatus.CANCELLED
    candidate_email = slot.request.application.candidate.user.email
    calendar = icalendar.Calendar.from_ical(outbox(candidate_email)[-1].attachments[0]["text"])
    assert (
        str(calendar["METHOD"]) == "CANCEL"
        and str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    )


def test_times_are_shown_in_quebec_and_in_the_candidate_zone(app, flow, client, auth):
    from app.clock import PROGRAM_TZ

    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    mine = next(
        s for s in slots if s.request.application.candidate_id == candidates[0].candidate_profile.id
    )
    from zoneinfo import ZoneInfo

    from babel.dates import format_date
    from flask_babel import force_locale

    from app.i18n import clock_time

    def french(zone):  # "9 h 20", as the page writes it in French
        with app.test_request_context("/"), force_locale("fr_CA"):
            return clock_time(mine.starts_at, zone)

    quebec, casablanca = french(PROGRAM_TZ), french(ZoneInfo("Africa/Casablanca"))
    auth.login(candidates[0])
    html = client.get("/entrevues").get_data(as_text=True)
    day = format_date(mine.starts_at.astimezone(PROGRAM_TZ), "full", locale="fr_CA")
    assert f"{day}, {quebec} (heure du Québec) — {casablanca} à Casablanca" in html
    assert ":00" not in html.split('class="slot-time"')[1].split("</p>")[0]  # no seconds, no ISO


def test_staff_swap_two_interviews(app, flow, client, auth, outbox):
    slots = _published(flow)
    staff, employer, candidates, applications, session = flow
    first, second = slots
    a_start, b_start = first.starts_at, second.starts_at
    auth.login(staff)
    r = client.post(
        f"/programme/vendredis/creneaux/{first.id}/echanger",
        data={"other": second.id, "version": first.version},
    )
    assert r.status_code == 303
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.starts_at, second.starts_at) == (b_start, a_start)
    assert "déplacée" in outbox(first.request.application.candidate.user.email)[-1].body
    client.post(
        f"/programme/vendredis/creneaux/{first.id}/echanger",
        data={"other": 9999, "version": first.version},
    )
    db.session.refresh(first)
    assert first.starts_at == b_start


def test_staff_hosted_booking_is_placed_without_asking(app, flow, client, auth, outbox):
    staff, employer, candidates, applications, session = flow
    auth.login(staff)
    r = client.post(
        f"/programme/vendredis/{session.id}/reserver", data={"application": applications[2].id}
    )
    assert r.status_code == 303
    assert (
        "réservé" in outbox("c2@example.org")[-1].body
        or "booked" in outbox("c2@example.org")[-1].body
    )
    unplaced = svc.run_scheduler(session)
    assert unplaced == [] and len(svc.session_slots(session)) == 1
    client.post(
        f"/programme/vendredis/{session.id}/reserver", data={"application": applications[2].id}
    )
    from app.models import InterviewRequest

    assert (
        db.session.execute(db.select(db.func.count()).select_from(InterviewRequest)).scalar_one()
        == 1
    )


def test_employer_page_lists_each_session_requests(client, auth, flow):
    staff, employer, candidates, applications, session = flow
    svc.propose_candidates(employer, session, [applications[0].id])
    db.session.commit()
    assert [
        r.application_id
        for r in svc.organisation_requests_by_session([session], employer.organisation.id)[
            session.id
        ]
    ] == [applications[0].id]
    auth.login(employer)
    html = client.get("/employeurs/vendredis").get_data(as_text=True)
    assert candidates[0].full_name in html


def test_a_decline_needs_a_reason_and_the_indicators_count_reasons(app, flow, client, auth):
    from app.blueprints.reports.services import Period, count_candidate_reasons
    from app.models import CandidateReason

    staff, employer, candidates, applications, session = flow
    request = svc.propose_candidates(employer, session, [applications[0].id])[0]
    db.session.commit()
    auth.login(candidates[0])
    path = f"/entrevues/demandes/{request.id}/refuser"
    r = client.post(path, data={"reason": "nonsense"}, follow_redirects=True)
    assert "Choisissez pourquoi vous refusez" in r.get_data(as_text=True)
    db.session.refresh(request)
    assert request.status == RequestStatus.PROPOSED
    assert client.post(path, data={"reason": "family"}).status_code == 303
    db.session.refresh(request)
    assert request.status == RequestStatus.DECLINED
    assert request.decline_reason == CandidateReason.FAMILY
    auth.logout()
    auth.login(candidates[1])
    client.post(f"/candidatures/{applications[1].id}/retirer", data={"reason": "salary"})
    today = program_today()
    counts = count_candidate_reasons(Period(today - timedelta(days=1), today))
    assert counts["declined"]["family"] == 1 and counts["withdrawn"]["salary"] == 1
    assert sum(counts["declined"].values()) == 1 and sum(counts["withdrawn"].values()) == 1
    assert count_candidate_reasons(Period(today, today, region="05"))["declined"]["family"] == 0
