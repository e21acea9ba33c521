"""An interview booked or proposed twice at once: one interview request."""

from app.blueprints.interviews import services as svc
from app.models import InterviewRequest
from tests.interviews.test_flow import flow  # noqa: F401 - the interviews fixture
from tests.resilience.test_double_submit import _count


def test_hosted_booking_sent_twice_keeps_one(client, auth, flow, monkeypatch):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    auth.login(staff)
    url = f"/programme/vendredis/{session.id}/reserver"
    first = client.post(url, data={"application": applications[0].id})
    # The retry passes the check as if the first booking were not committed yet.
    real = svc.bookable_applications
    monkeypatch.setattr(svc, "bookable_applications", lambda s: [*real(s), applications[0]])
    second = client.post(url, data={"application": applications[0].id})
    assert first.status_code == second.status_code == 303
    assert _count(InterviewRequest, application_id=applications[0].id) == 1


def test_proposal_sent_twice_keeps_one(client, auth, flow, monkeypatch):  # noqa: F811
    staff, employer, candidates, applications, session = flow
    auth.login(employer)
    url = f"/employeurs/vendredis/{session.id}/proposer"
    first = client.post(url, data={"application": [applications[1].id]})
    monkeypatch.setattr(svc, "organisation_requests", lambda s, org_id: [])
    second = client.post(url, data={"application": [applications[1].id]})
    assert first.status_code == second.status_code == 303
    assert _count(InterviewRequest, application_id=applications[1].id) == 1
