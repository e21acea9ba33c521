"""Jobs of an organisation the program has not approved are never public, on any path."""

from datetime import timedelta

import pytest

from app.blueprints.alerts.services import AlertData, create_alert, new_jobs
from app.blueprints.jobs import publishing
from app.blueprints.jobs.services import get_public_job, open_jobs_query
from app.blueprints.matching.services import jobs_for_candidate, recompute_candidate
from app.blueprints.regions.services import count_open_jobs
from app.clock import today as program_today
from app.extensions import db
from app.models import Region, Role, VettingStatus
from app.models.base import utcnow
from tests.conftest import PASSWORD


@pytest.fixture
def hidden(make_employer, make_job):
    """A published job whose organisation the program has since put back to pending (as a bulk
    import used to leave them): it must show nowhere."""
    owner = make_employer(region="02")
    job = make_job(owner.organisation, title_fr="Soudeur caché", title_en="Hidden welder")
    owner.organisation.vetting_status = VettingStatus.PENDING
    db.session.commit()
    return owner, job


def _sign_in(client, user):
    client.post("/connexion", data={"email": user.email, "password": PASSWORD})


def test_services_leave_it_out_of_every_public_list(hidden, make_candidate):
    _owner, job = hidden
    today = program_today()
    assert job.is_open(today) is False
    assert job.id not in db.session.execute(open_jobs_query(today)).scalars().all()
    assert job not in publishing.feed_jobs(today)
    assert job.id not in {jid for jid, _ in publishing.sitemap_jobs(today)}
    assert count_open_jobs(db.session.get(Region, "02"), today) == 0
    assert get_public_job(job.id) is None
    user = make_candidate(skills=["soudage"])
    recompute_candidate(user.candidate_profile)
    assert all(r.job_id != job.id for r in jobs_for_candidate(user.candidate_profile))


def test_alerts_do_not_mail_it(hidden, make_candidate):
    _owner, job = hidden
    user = make_candidate()
    alert = create_alert(user, AlertData(name="Soudure", q="soudeur"))
    alert.created_at = alert.last_run_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert job not in new_jobs(alert, user)


def test_public_pages_do_not_show_it(client, hidden):
    _owner, job = hidden
    assert "Soudeur caché" not in client.get("/postes").get_data(True)
    assert "Soudeur caché" not in client.get("/postes/flux.atom").get_data(True)
    assert f"/postes/{job.id}</loc>" not in client.get("/sitemap.xml").get_data(True)


@pytest.mark.parametrize("viewer", ["anonymous", "candidate", "other_employer", "partner"])
def test_its_detail_is_404_to_outsiders(client, hidden, make_user, make_employer, viewer):
    _owner, job = hidden
    if viewer == "candidate":
        _sign_in(client, make_user(Role.CANDIDATE))
    elif viewer == "other_employer":
        _sign_in(client, make_employer())
    elif viewer == "partner":
        _sign_in(client, make_user(Role.PARTNER))
    assert client.get(f"/postes/{job.id}").status_code == 404


def test_a_candidate_cannot_apply_to_it(client, hidden, make_candidate):
    _owner, job = hidden
    _sign_in(client, make_candidate())
    assert client.get(f"/postes/{job.id}/postuler").status_code == 404


@pytest.mark.parametrize("viewer", ["member", "staff"])
def test_its_members_and_staff_still_see_its_detail(client, hidden, make_user, viewer):
    owner, job = hidden
    _sign_in(client, owner if viewer == "member" else make_user(Role.STAFF))
    page = client.get(f"/postes/{job.id}")
    assert page.status_code == 200
    assert "application/ld+json" not in page.get_data(True)  # never offered to search engines
