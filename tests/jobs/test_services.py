"""Job services: postings, workflow, board search, occupation look-up."""

from datetime import timedelta
from decimal import Decimal

import pytest

from app.blueprints.jobs import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import JobStatus, JobType


def test_occupation_search_copes_with_accents_typos_abbreviations_and_english(app, reference):
    def codes(q):
        return [o.noc for o in svc.search_occupations(q)]

    assert "72106" in codes("soudeur")[:3]
    assert "72106" in codes("welder")[:3]
    assert "33102" in codes("preposee aux beneficiaires")[:3]
    assert "33102" in codes("PAB")[:3]
    assert "73300" in codes("camionneur")[:3]
    assert "72106" in codes("soudeurr")[:5]
    assert codes("7210")[0].startswith("7210")
    assert codes("x") == []


def test_create_job_checks_its_fields(app, make_employer, reference):
    org = make_employer().organisation
    base = dict(title_fr="Soudeur", noc="72106", region_code="02")
    with pytest.raises(svc.JobError) as err:
        svc.create_job(org, svc.JobData(**{**base, "title_fr": ""}))
    assert err.value.code == "title_required"
    with pytest.raises(svc.JobError) as err:
        svc.create_job(org, svc.JobData(**{**base, "noc": "00000"}))
    assert err.value.code == "noc_unknown"
    with pytest.raises(svc.JobError) as err:
        svc.create_job(org, svc.JobData(**base, salary_min=Decimal("30"), salary_max=Decimal("20")))
    assert err.value.code == "salary_order"
    job = svc.create_job(org, svc.JobData(**base))
    assert job.status == JobStatus.DRAFT and job.organisation == org


def test_job_workflow(app, make_employer, make_job):
    org = make_employer().organisation
    job = make_job(org, publish=False)
    today = program_today()
    with pytest.raises(svc.JobError):
        svc.change_job_status(job, JobStatus.FILLED, today)
    svc.change_job_status(job, JobStatus.PUBLISHED, today)
    assert job.published_at is not None
    svc.change_job_status(job, JobStatus.FILLED, today)
    with pytest.raises(svc.JobError):
        svc.change_job_status(job, JobStatus.PUBLISHED, today)


def test_expired_jobs_disappear_from_the_board_and_close(app, make_employer, make_job):
    org = make_employer().organisation
    job = make_job(org, closing_date=program_today() + timedelta(days=1))
    later = program_today() + timedelta(days=2)
    assert svc.search_jobs(svc.BoardFilters(), program_today(), None)[1] == 1
    assert svc.search_jobs(svc.BoardFilters(), later, None)[1] == 0
    assert svc.close_expired_jobs(later) == 1
    db.session.commit()
    db.session.refresh(job)
    assert job.status == JobStatus.CLOSED


def test_board_filters(app, make_employer, make_job, make_candidate):
    org = make_employer().organisation
    welder = make_job(
        org, title_fr="Soudeur", title_en="Welder", description_fr="Atelier de soudure à Alma"
    )
    nurse = make_job(
        org,
        title_fr="Infirmière",
        title_en="Nurse",
        noc="31301",
        region_code="05",
        french_level_min=10,
        job_type=JobType.SEASONAL,
    )
    draft = make_job(org, title_fr="Brouillon", publish=False)
    today = program_today()

    def ids(**kw):
        return {
            j.id for j in svc.search_jobs(svc.BoardFilters(**kw), today, kw.pop("profile", None))[0]
        }

    assert ids() == {welder.id, nurse.id} and draft.id not in ids()
    assert ids(q="atelier") == {welder.id}
    assert ids(q="NURSE") == {nurse.id}
    assert ids(region="05") == {nurse.id}
    assert ids(group="3") == {nurse.id}
    assert ids(job_type="seasonal") == {nurse.id}
    profile = make_candidate(french_level=8).candidate_profile
    jobs, _ = svc.search_jobs(svc.BoardFilters(meets_languages=True), today, profile)
    assert {j.id for j in jobs} == {welder.id}


def test_board_pagination(app, make_employer, make_job):
    org = make_employer().organisation
    for i in range(svc.PAGE_SIZE + 3):
        make_job(org, title_fr=f"Poste {i}")
    page1, total = svc.search_jobs(svc.BoardFilters(page=1), program_today(), None)
    page2, _ = svc.search_jobs(svc.BoardFilters(page=2), program_today(), None)
    assert total == svc.PAGE_SIZE + 3 and len(page1) == svc.PAGE_SIZE and len(page2) == 3
    assert not {j.id for j in page1} & {j.id for j in page2}


def test_cli_closes_expired_jobs(app, make_employer, make_job):
    job = make_job(make_employer().organisation)
    job.closing_date = program_today() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["jobs", "close-expired"])
    assert result.exit_code == 0 and "1 job(s) closed" in result.output
    db.session.refresh(job)
    assert job.status == JobStatus.CLOSED


def test_a_job_without_closing_date_expires_60_days_after_publication(app, make_employer):
    from datetime import timedelta

    from app.blueprints.jobs.services import (
        JOB_LIFETIME_DAYS,
        JobData,
        change_job_status,
        create_job,
    )
    from app.clock import today
    from app.models import JobStatus

    org = make_employer().organisation
    job = create_job(org, JobData(title_fr="Cariste", noc="75101", region_code="02"))
    change_job_status(job, JobStatus.PUBLISHED, today())
    assert job.closing_date == today() + timedelta(days=JOB_LIFETIME_DAYS)


def test_renewal_and_the_reminder_seven_days_before(app, make_employer, make_job, outbox):
    from datetime import timedelta

    import pytest

    from app.blueprints.jobs.services import JobError, remind_expiring_jobs, renew_job
    from app.clock import today
    from app.models import JobStatus

    employer = make_employer()
    job = make_job(employer.organisation, closing_date=today() + timedelta(days=7))
    assert remind_expiring_jobs(today()) == 1
    assert "Renouvelez-le en un clic" in outbox(employer.email)[-1].body or "Renew it" in (
        outbox(employer.email)[-1].body
    )
    assert remind_expiring_jobs(today() + timedelta(days=1)) == 0  # once, on its day
    renew_job(job, today())
    assert job.closing_date == today() + timedelta(days=60)
    job.status = JobStatus.CLOSED
    with pytest.raises(JobError) as refused:
        renew_job(job, today())
    assert refused.value.code == "renew_not_published"


def test_the_employer_renews_in_one_click_and_cannot_renew_a_closed_job(
    client, auth, make_employer, make_job
):
    from datetime import timedelta

    from app.clock import today
    from app.models import JobStatus

    employer = make_employer()
    job = make_job(employer.organisation, closing_date=today() + timedelta(days=3))
    auth.login(employer)
    assert "Renouveler pour 60 jours" in client.get(f"/employeurs/postes/{job.id}").get_data(
        as_text=True
    )
    r = client.post(f"/employeurs/postes/{job.id}/renouveler", follow_redirects=True)
    assert "Le poste reste affiché jusqu’au" in r.get_data(as_text=True)
    db.session.refresh(job)
    assert job.closing_date == today() + timedelta(days=60)
    job.status = JobStatus.CLOSED
    db.session.commit()
    r = client.post(f"/employeurs/postes/{job.id}/renouveler", follow_redirects=True)
    assert "Seul un poste publié peut être renouvelé" in r.get_data(as_text=True)
