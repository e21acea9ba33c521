"""Friday proposals where decisions are made: from the matches (anonymous) and the pipeline."""

from datetime import time, timedelta

import pytest

from app.blueprints.interviews import services as svc
from app.blueprints.matching import services as matching
from app.clock import today as program_today
from app.extensions import db
from app.models import (
    Application,
    ApplicationStatus,
    InterviewRequest,
    Notification,
    RequestStatus,
    Role,
)
from app.models.base import utcnow
from tests.interviews.test_flow import flow  # noqa: F401 - the interviews fixture
from tests.matching.test_services import world  # noqa: F401 - the matching fixture


@pytest.fixture
def matched(world, make_user):  # noqa: F811
    employer, job, good, other, hidden = world
    matching.recompute_job(job)
    session = svc.create_session(
        make_user(Role.STAFF),
        svc.SessionData(
            day=svc.next_friday(program_today()) + timedelta(weeks=1),
            start_time=time(9),
            end_time=time(10),
            max_per_employer=1,
        ),
    )
    db.session.commit()
    return employer, job, good, hidden, session


def test_a_match_is_proposed_anonymously_and_revealed_on_acceptance(app, matched, outbox):
    employer, job, good, hidden, session = matched
    profile = good.candidate_profile
    assert svc.propose_match(employer, session, job, hidden.candidate_profile.id) is None
    request = svc.propose_match(employer, session, job, profile.id, "  Your MIG welding!  ")
    db.session.commit()
    assert request.application is None and request.note == "Your MIG welding!"
    assert request.score > 0
    code = matching.pseudonym(job, profile.id)
    assert svc.request_party_name(request).endswith(f"candidate {code}")  # anonymous for now
    assert "entrevue" in outbox(good.email)[-1].body.lower()
    with pytest.raises(svc.SessionError) as err:
        svc.propose_match(employer, session, job, profile.id)
    assert err.value.code == "already_proposed"
    svc.respond_to_request(profile, request.id, True)
    db.session.commit()
    application = request.application
    assert application.status == ApplicationStatus.SHORTLISTED and application.job_id == job.id
    assert svc.request_party_name(request) == profile.display_name
    assert [e.to_status for e in application.events] == [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SHORTLISTED,
    ]


def test_the_cap_counts_pending_and_accepted_proposals_only(app, matched, make_candidate):
    employer, job, good, hidden, session = matched
    request = svc.propose_match(employer, session, job, good.candidate_profile.id)
    db.session.commit()
    second = make_candidate(
        email="second@example.org", occupation_codes=["72106"], skills=["soudure MIG"]
    )
    from app.blueprints.candidates.services import set_consents

    set_consents(second.candidate_profile, True, True)
    matching.recompute_job(job)
    db.session.commit()
    with pytest.raises(svc.SessionError) as err:  # the cap is 1, one is pending
        svc.propose_match(employer, session, job, second.candidate_profile.id)
    assert err.value.code == "over_cap"
    from app.models import CandidateReason

    svc.respond_to_request(  # declined: frees it
        good.candidate_profile, request.id, False, CandidateReason.JOB_FIT
    )
    db.session.commit()
    assert svc.propose_match(employer, session, job, second.candidate_profile.id) is not None


def test_an_expired_proposal_tells_the_employer(app, flow, outbox):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    svc.propose_candidates(employer, session, [applications[0].id], "See you Friday")
    session.registration_deadline = utcnow() - timedelta(minutes=1)  # passed, whatever the day
    db.session.commit()
    assert svc.expire_due_requests() == 1
    db.session.commit()
    note = db.session.execute(
        db.select(Notification).where(
            Notification.user_id == employer.id,
            Notification.kind == "interview_proposal_expired",
        )
    ).scalar_one()
    assert note.params["candidate"] == applications[0].candidate.display_name
    assert "expired" in outbox(employer.email)[-1].body  # the employer reads English
    assert svc.expire_due_requests() == 0  # told once


def test_propose_from_the_matches_page_with_a_note(client, auth, matched):
    employer, job, good, hidden, session = matched
    auth.login(employer)
    page = client.get(f"/employeurs/postes/{job.id}/correspondances").get_data(as_text=True)
    assert "for a Friday interview" in page and good.full_name not in page
    url = f"/employeurs/postes/{job.id}/correspondances/{good.candidate_profile.id}/vendredi"
    r = client.post(url, data={"note": "We loved your profile"}, follow_redirects=True)
    html = r.get_data(as_text=True)
    assert "Your proposal for the session of" in html
    assert "Friday interview proposed to candidate" in html
    request = db.session.execute(db.select(InterviewRequest)).scalar_one()
    assert request.note == "We loved your profile" and request.session_id == session.id
    again = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "already proposed" in again
    hidden_url = (
        f"/employeurs/postes/{job.id}/correspondances/{hidden.candidate_profile.id}/vendredi"
    )
    assert client.post(hidden_url).status_code == 404  # not shown to employers: not proposable


def test_someone_elses_job_or_applicant_is_a_404(client, auth, flow, make_employer):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    auth.login(make_employer())
    job_id = applications[0].job_id
    profile_id = applications[0].candidate_id
    assert (
        client.post(
            f"/employeurs/postes/{job_id}/correspondances/{profile_id}/vendredi"
        ).status_code
        == 404
    )
    assert client.post(f"/employeurs/candidatures/{applications[0].id}/vendredi").status_code == 404
    assert db.session.execute(db.select(db.func.count(InterviewRequest.id))).scalar_one() == 0


def test_propose_from_the_pipeline_and_the_candidate_sees_the_note(client, auth, flow):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    auth.login(employer)
    pipeline = client.get(f"/employeurs/postes/{applications[0].job_id}/candidats")
    assert "for a Friday interview" in pipeline.get_data(as_text=True)
    r = client.post(
        f"/employeurs/candidatures/{applications[0].id}/vendredi",
        data={"note": "Votre expérience en soudure MIG"},
    )
    assert r.status_code == 303
    auth.logout()
    auth.login(candidates[0])
    html = client.get("/entrevues").get_data(as_text=True)
    assert "Votre expérience en soudure MIG" in html
    request = db.session.execute(db.select(InterviewRequest)).scalar_one()
    client.post(f"/entrevues/demandes/{request.id}/accepter")
    html = client.get("/entrevues").get_data(as_text=True)
    assert "Accepted, waiting for the schedule" in html  # stays in view until publication
    auth.logout()
    auth.login(employer)
    html = client.get("/employeurs/vendredis").get_data(as_text=True)
    assert (
        f"{candidates[0].candidate_profile.display_name} — {RequestStatus.ACCEPTED.label}" in html
    )
    assert db.session.execute(db.select(db.func.count(Application.id))).scalar_one() == 3


def test_a_match_proposal_is_exported_and_erased_with_the_account(app, matched):
    from app.blueprints.privacy.erasure import erase_account
    from app.blueprints.privacy.export import collect_data

    employer, job, good, hidden, session = matched
    request = svc.propose_match(employer, session, job, good.candidate_profile.id, "Your MIG work")
    db.session.commit()
    data, _files = collect_data(good)
    assert data["friday_proposals_from_matches"][0]["note"] == "Your MIG work"
    erase_account(good, "request")
    db.session.commit()
    assert request.note == "" and request.status == RequestStatus.DECLINED
