"""Availability: each side gives the times it can attend, in its own zone; the solver uses it."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.blueprints.interviews import services as svc
from app.clock import PROGRAM_TZ
from app.errors import DomainErrors
from app.extensions import db
from app.models import InterviewAvailability
from tests.interviews.test_flow import flow  # noqa: F401 - the interviews fixture

CASABLANCA = ZoneInfo("Africa/Casablanca")


def _data(session, user, *ranges, tz=None):
    return svc.AvailabilityData(
        ranges=list(ranges),
        tz=tz or svc.user_zone(user),
        version=svc.availability_version(user, session),
    )


def test_ranges_are_typed_in_the_persons_zone_and_stored_in_utc(app, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    svc.propose_candidates(employer, session, [applications[0].id])
    user = candidates[0]  # Africa/Casablanca: the 9 h–10 h session is 15 h–16 h there (Dec.)
    assert svc.availability_of(user, session) == [(session.starts_at(), session.ends_at())]
    local = session.starts_at().astimezone(CASABLANCA)
    start = (local + timedelta(minutes=20)).time()
    svc.set_availability(
        user, session, _data(session, user, (start, (local + timedelta(hours=1)).time()))
    )
    (row,) = db.session.execute(db.select(InterviewAvailability)).scalars()
    assert row.starts_at == session.starts_at() + timedelta(minutes=20)
    assert row.ends_at == session.ends_at() and row.starts_at.utcoffset() == timedelta(0)


def test_bad_ranges_are_all_refused_at_once(app, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    tz = PROGRAM_TZ
    data = svc.AvailabilityData(
        ranges=[
            (time(9, 30), time(9, 10)),
            (time(8), time(9, 30)),
            (time(9), time(9, 40)),
            (time(9, 20), None),
        ],
        tz=tz,
        version=0,
    )
    with pytest.raises(DomainErrors) as err:
        svc.check_availability(session, data)
    found = {(e.code, e.field) for e in err.value.errors}
    assert found == {
        ("end_before_start", "end_1"),
        ("outside_window", "start_2"),
        ("overlap", "start_3"),
        ("incomplete", "end_4"),
    }


def test_a_stale_form_changes_nothing(app, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    data = _data(session, employer, (time(9), time(9, 30)), tz=PROGRAM_TZ)
    svc.set_availability(employer, session, data)
    db.session.commit()
    with pytest.raises(svc.DomainError) as err:
        svc.set_availability(employer, session, data)  # drawn before the first save
    assert err.value.code == "stale"
    assert len(svc.availability_of(employer, session)) == 1


def test_the_solver_receives_availability_and_says_why(app, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    requests = svc.propose_candidates(employer, session, [applications[0].id, applications[1].id])
    for user, request in zip(candidates[:2], requests, strict=True):
        svc.respond_to_request(user.candidate_profile, request.id, True)
    svc.set_availability(
        employer, session, _data(session, employer, (time(9, 40), time(10)), tz=PROGRAM_TZ)
    )
    local = session.starts_at().astimezone(CASABLANCA)
    end = (local + timedelta(minutes=30)).time()
    svc.set_availability(candidates[0], session, _data(session, candidates[0], (local.time(), end)))
    unplaced = svc.run_scheduler(session)
    db.session.commit()
    assert [(r.id, reason) for r, reason in unplaced] == [(requests[0].id, "no_common_time")]
    assert requests[0].unplaced_reason == "no_common_time" and requests[1].unplaced_reason is None
    (slot,) = svc.session_slots(session)
    assert slot.starts_at.astimezone(PROGRAM_TZ).time() == time(9, 40)


def test_the_availability_page_keeps_bad_input_and_guards_access(client, auth, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    url = f"/entrevues/vendredis/{session.id}/disponibilites"
    auth.login(candidates[0])
    assert client.get(url).status_code == 404  # no proposal in this session
    auth.logout()
    auth.login(employer)
    page = client.get(url).get_data(as_text=True)
    assert 'value="09:00"' in page and 'value="10:00"' in page  # the whole window by default
    r = client.post(
        url,
        data={
            "version": "0",
            "start_1": "10:30",
            "end_1": "10:00",
            "start_2": "07:00",
            "end_2": "08:00",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "La fin doit venir après le début." in html and "en dehors de la séance" in html
    assert 'value="10:30"' in html and 'value="07:00"' in html  # as typed
    assert db.session.execute(db.select(InterviewAvailability)).first() is None
    r = client.post(url, data={"version": "0", "start_1": "09:00", "end_1": "09:30"})
    assert r.status_code == 303
    r = client.post(url, data={"version": "0", "start_1": "09:15", "end_1": "09:45"})
    assert "dans une autre fenêtre entre-temps" in r.get_data(as_text=True)
    assert 'value="09:15"' in r.get_data(as_text=True)
    auth.logout()
    auth.login(candidates[1])
    svc.propose_candidates(employer, session, [applications[1].id])
    db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "Casablanca" in html  # the window in the candidate's own zone too


def test_an_employer_sets_the_zone_it_reads_times_in(client, auth, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    auth.login(employer)
    assert 'name="timezone"' in client.get("/compte/").get_data(as_text=True)
    r = client.post("/compte/fuseau-horaire", data={"timezone": "Mars/Olympus"})
    assert r.status_code == 200 and employer.timezone == "America/Montreal"
    assert (
        client.post("/compte/fuseau-horaire", data={"timezone": "Europe/Paris"}).status_code == 303
    )
    db.session.refresh(employer)
    assert svc.user_zone(employer) == ZoneInfo("Europe/Paris")
