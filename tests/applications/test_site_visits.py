"""Site visits: an employer invites a shortlisted candidate; accepting opens travel funding."""

import pytest

from app.blueprints.applications.services import apply_to_job, transition_application
from app.blueprints.funding.services import eligible_applications
from app.clock import today as program_today
from app.extensions import db
from app.models import Actor, ApplicationStatus, Role, SiteVisitStatus


@pytest.fixture
def shortlisted(app, make_employer, make_job, make_candidate, make_user):
    staff = make_user(Role.STAFF)
    employer = make_employer(region="02")
    job = make_job(employer.organisation)
    candidate = make_candidate(email="kofi@example.org")
    application = apply_to_job(candidate.candidate_profile, job, "", program_today())
    transition_application(
        application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="ok"
    )
    db.session.commit()
    return employer, candidate, application


def test_invitation_needs_the_employer_to_have_shortlisted(client, auth, shortlisted):
    employer, candidate, application = shortlisted
    auth.login(employer)
    client.post(f"/employeurs/candidatures/{application.id}/visite", data={"message": "Venez!"})
    db.session.refresh(application)
    assert application.site_visit is None
    transition_application(application, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER)
    db.session.commit()
    r = client.post(
        f"/employeurs/candidatures/{application.id}/visite",
        data={"message": "Venez visiter la fromagerie."},
    )
    assert r.status_code == 303
    db.session.refresh(application)
    assert application.site_visit.status == SiteVisitStatus.PROPOSED
    # A second invitation is refused, not duplicated.
    client.post(f"/employeurs/candidatures/{application.id}/visite", data={"message": "Encore"})
    db.session.refresh(application)
    assert application.site_visit.message == "Venez visiter la fromagerie."


def test_accepting_opens_funding_and_tells_the_employer(client, auth, shortlisted, outbox):
    employer, candidate, application = shortlisted
    transition_application(application, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER)
    db.session.commit()
    assert eligible_applications(candidate.candidate_profile) == []
    auth.login(employer)
    client.post(f"/employeurs/candidatures/{application.id}/visite", data={"message": ""})
    auth.logout()
    assert f"/candidatures#application-{application.id}" in outbox(candidate.email)[-1].body
    auth.login(candidate)
    page = client.get("/candidatures").get_data(as_text=True)
    assert f"/candidatures/{application.id}/visite/accepter" in page
    assert client.post(f"/candidatures/{application.id}/visite/accepter").status_code == 303
    db.session.refresh(application)
    assert application.site_visit.status == SiteVisitStatus.ACCEPTED
    assert [a.id for a in eligible_applications(candidate.candidate_profile)] == [application.id]
    assert f"/candidat/deplacements/nouveau/{application.id}" in client.get("/candidatures").text
    assert f"/employeurs/candidatures/{application.id}" in outbox(employer.email)[-1].body
    # Answering twice changes nothing.
    client.post(f"/candidatures/{application.id}/visite/refuser")
    db.session.refresh(application)
    assert application.site_visit.status == SiteVisitStatus.ACCEPTED


def test_declining_keeps_funding_closed(client, auth, shortlisted):
    employer, candidate, application = shortlisted
    transition_application(application, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER)
    db.session.commit()
    auth.login(employer)
    client.post(f"/employeurs/candidatures/{application.id}/visite", data={})
    auth.logout()
    auth.login(candidate)
    client.post(f"/candidatures/{application.id}/visite/refuser")
    db.session.refresh(application)
    assert application.site_visit.status == SiteVisitStatus.DECLINED
    assert eligible_applications(candidate.candidate_profile) == []


def test_other_people_get_404(client, auth, shortlisted, make_employer, make_candidate):
    employer, candidate, application = shortlisted
    auth.login(make_employer(name="Autre"))
    assert client.post(f"/employeurs/candidatures/{application.id}/visite").status_code == 404
    auth.logout()
    auth.login(make_candidate(email="intrus@example.org"))
    assert client.post(f"/candidatures/{application.id}/visite/accepter").status_code == 404
    auth.logout()
    auth.login(candidate)
    assert client.post(f"/candidatures/{application.id}/visite/peut-etre").status_code == 404
