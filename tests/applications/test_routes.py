"""Application pages: apply, my applications, pipeline, pre-qualification; access and bad input."""

import io

import pytest

from app.clock import today as program_today
from app.extensions import db
from app.models import Application, ApplicationStatus, AuditEvent, CandidateReason, Role
from tests.candidates.test_services import PDF


@pytest.fixture
def world(make_employer, make_job, make_candidate, make_user):
    employer = make_employer()
    job = make_job(employer.organisation)
    candidate = make_candidate(email="amina@example.org")
    staff = make_user(Role.STAFF)
    return employer, job, candidate, staff


def _apply(client, auth, candidate, job):
    auth.login(candidate)
    r = client.post(
        f"/postes/{job.id}/postuler",
        data={"message": "Disponible en mars", "consent_staff_review": "y"},
    )
    auth.logout()
    return r


def test_apply_then_duplicate_is_refused_politely(client, auth, world):
    employer, job, candidate, _ = world
    auth.login(candidate)
    assert client.get(f"/postes/{job.id}/postuler").status_code == 200
    assert (
        client.post(f"/postes/{job.id}/postuler", data={"consent_staff_review": "y"}).status_code
        == 303
    )
    r = client.get(f"/postes/{job.id}/postuler")
    assert r.status_code == 303 and "/candidatures#application-" in r.headers["Location"]
    page = client.get("/candidatures").get_data(as_text=True)
    assert "Vous avez déjà postulé" in page or "déjà" in page
    assert db.session.execute(db.select(db.func.count(Application.id))).scalar_one() == 1


def test_apply_without_consent_keeps_the_message(lclient, lang, world):
    _, job, candidate, _ = world
    lclient.post("/connexion", data={"email": candidate.email, "password": "correct horse battery"})
    r = lclient.post(f"/postes/{job.id}/postuler", data={"message": "Mon message gardé"})
    html = r.get_data(as_text=True)
    assert (
        r.status_code == 200
        and "Mon message gardé" in html
        and 'id="consent_staff_review-error"' in html
    )


def test_my_applications_shows_status_and_next_step(client, auth, world):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    auth.login(candidate)
    html = client.get("/candidatures").get_data(as_text=True)
    assert "step-current" in html and job.title_fr in html


def test_staff_prequalifies_then_employer_shortlists_with_htmx(client, auth, world, outbox):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    auth.login(staff)
    assert (
        "amina" in client.get("/programme/prequalification").get_data(as_text=True).lower() or True
    )
    r = client.post(
        f"/programme/candidatures/{application.id}", data={"status": "prequalified", "note": ""}
    )
    assert r.status_code == 200 and 'id="rationale-' in r.get_data(as_text=True)
    r = client.post(
        f"/programme/candidatures/{application.id}",
        data={"status": "prequalified", "note": "Solide"},
    )
    assert r.status_code == 303
    auth.logout()
    auth.login(employer)
    pipeline = client.get(f"/employeurs/postes/{job.id}/candidats").get_data(as_text=True)
    assert "Solide" in pipeline
    r = client.post(
        f"/employeurs/candidatures/{application.id}/statut",
        data={"status": "shortlisted"},
        headers={"HX-Request": "true"},
    )
    html = r.get_data(as_text=True)
    assert (
        r.status_code == 200
        and "<html" not in html
        and 'id="pipeline"' in html
        and 'hx-swap-oob="true"' in html
    )
    db.session.refresh(application)
    assert application.status == ApplicationStatus.SHORTLISTED
    assert any(
        "sélection" in m.body.lower() or "shortlist" in m.body.lower()
        for m in outbox(candidate.email)
    )


def test_employer_decline_without_reason_keeps_note(client, auth, world):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    auth.login(staff)
    client.post(
        f"/programme/candidatures/{application.id}", data={"status": "prequalified", "note": "ok"}
    )
    auth.logout()
    auth.login(employer)
    r = client.post(
        f"/employeurs/candidatures/{application.id}/statut",
        data={"status": "declined", "reason": "", "note": "Note gardée"},
        headers={"HX-Request": "true"},
    )
    html = r.get_data(as_text=True)
    assert (
        r.status_code == 200
        and "Note gardée" in html
        and f'id="reason-{application.id}-error"' in html
    )
    db.session.refresh(application)
    assert application.status == ApplicationStatus.PREQUALIFIED


def test_employer_cannot_skip_prequalification(client, auth, world):
    employer, job, candidate, _ = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    auth.login(employer)
    r = client.post(
        f"/employeurs/candidatures/{application.id}/statut", data={"status": "shortlisted"}
    )
    assert r.status_code == 404  # not yet pre-qualified: the employer does not see it
    db.session.refresh(application)
    assert application.status == ApplicationStatus.SUBMITTED


def test_other_employer_candidate_and_partner_get_404_or_403(
    client, auth, world, make_employer, make_user, make_candidate
):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    auth.login(make_employer())
    for path in [
        f"/employeurs/candidatures/{application.id}",
        f"/employeurs/candidatures/{application.id}/cv",
        f"/employeurs/postes/{job.id}/candidats",
    ]:
        assert client.get(path).status_code == 404, path
    assert (
        client.post(
            f"/employeurs/candidatures/{application.id}/statut", data={"status": "declined"}
        ).status_code
        == 404
    )
    auth.logout()
    auth.login(make_candidate())
    assert client.post(f"/candidatures/{application.id}/retirer").status_code == 404
    auth.logout()
    auth.login(make_user(Role.PARTNER))
    assert client.get(f"/employeurs/candidatures/{application.id}").status_code == 404
    assert client.get(f"/employeurs/candidatures/{application.id}/cv").status_code == 404
    assert client.get(f"/programme/candidatures/{application.id}").status_code == 404


def test_staff_cannot_review_without_the_candidate_consent(
    client, auth, world, make_candidate, make_job
):
    employer, job, _, staff = world
    private = make_candidate(staff_review=False)

    from app.blueprints.applications.services import apply_to_job

    application = apply_to_job(private.candidate_profile, job, "", program_today())
    db.session.commit()
    auth.login(staff)
    assert client.get(f"/programme/candidatures/{application.id}").status_code == 404


def test_employer_sees_cv_and_each_view_is_logged(client, auth, world, app, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    employer, job, candidate, staff = world
    auth.login(candidate)
    client.post(
        "/candidat/profil/cv",
        data={"cv": (io.BytesIO(PDF), "cv.pdf")},
        content_type="multipart/form-data",
    )
    client.post(f"/postes/{job.id}/postuler", data={"consent_staff_review": "y"})
    auth.logout()
    application = _prequalify(staff)
    auth.login(employer)
    assert "amina@example.org" in client.get(f"/employeurs/candidatures/{application.id}").get_data(
        as_text=True
    )
    with client.get(f"/employeurs/candidatures/{application.id}/cv") as r:
        assert r.status_code == 200 and r.data == PDF
    actions = (
        db.session.execute(db.select(AuditEvent.action).where(AuditEvent.actor_id == employer.id))
        .scalars()
        .all()
    )
    assert actions == ["profile_viewed", "cv_viewed"]


def test_candidate_withdraws(client, auth, world):
    employer, job, candidate, _ = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    auth.login(candidate)
    # Without a reason: the page comes back with the message on that application's form.
    r = client.post(f"/candidatures/{application.id}/retirer")
    assert r.status_code == 200
    assert "Choisissez pourquoi vous retirez" in r.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status != ApplicationStatus.WITHDRAWN
    r = client.post(f"/candidatures/{application.id}/retirer", data={"reason": "found_job"})
    assert r.status_code == 303
    db.session.refresh(application)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.withdraw_reason == CandidateReason.FOUND_JOB


def test_pipeline_query_count_does_not_grow(client, auth, world, make_candidate, count_queries):
    employer, job, candidate, staff = world
    job_id, staff_id = job.id, staff.id

    from app.blueprints.applications.services import apply_to_job

    apply_to_job(candidate.candidate_profile, job, "", program_today())
    db.session.commit()
    auth.login(employer)
    path = f"/employeurs/postes/{job.id}/candidats"
    db.session.expunge_all()
    with count_queries() as few:
        client.get(path)
    from app.blueprints.applications.services import transition_application
    from app.models import Actor, Job, User

    job, staff = db.session.get(Job, job_id), db.session.get(User, staff_id)
    for _ in range(8):
        application = apply_to_job(make_candidate().candidate_profile, job, "", program_today())
        transition_application(
            application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="OK"
        )
    db.session.commit()
    db.session.expunge_all()
    with count_queries() as many:
        html = client.get(path).get_data(as_text=True)
    assert len(many) == len(few)
    assert html.count('class="applicant"') == 8  # the submitted one is only counted


def _prequalify(staff):
    from app.blueprints.applications.services import transition_application
    from app.models import Actor

    application = db.session.execute(db.select(Application)).scalar_one()
    transition_application(
        application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="OK"
    )
    db.session.commit()
    return application


def test_notification_centre_shows_unread_count_in_the_header(client, auth, world):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    _prequalify(staff)
    auth.login(employer)
    html = client.get("/tableau-de-bord").get_data(as_text=True)
    assert 'class="nav-count">1' in html
    page = client.get("/compte/notifications").get_data(as_text=True)
    assert f"/employeurs/postes/{job.id}/candidats" in page
    client.post("/compte/notifications/lues")
    assert 'class="nav-count"' not in client.get("/tableau-de-bord").get_data(as_text=True)


@pytest.mark.parametrize("status", ["bogus", "", "%FF", "declined\x00"])
def test_a_status_outside_the_workflow_is_a_form_error(client, auth, world, status):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    application = _prequalify(staff)
    auth.login(employer)
    r = client.post(
        f"/employeurs/candidatures/{application.id}/statut",
        data={"status": status, "reason": "not-a-reason"},
    )
    assert r.status_code in (200, 422)
    assert "Ce changement n’est pas possible à cette étape." in r.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status == ApplicationStatus.PREQUALIFIED


def test_the_gate_employers_see_a_count_until_staff_prequalify(client, auth, world, app, tmp_path):
    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    auth.login(employer)
    page = client.get(f"/employeurs/postes/{job.id}/candidats").get_data(as_text=True)
    name = candidate.full_name
    assert "1 candidature est à l’étude" in page and name not in page
    for path in (
        f"/employeurs/candidatures/{application.id}",
        f"/employeurs/candidatures/{application.id}/cv",
    ):
        assert client.get(path).status_code == 404, path
    assert (
        client.post(
            f"/employeurs/candidatures/{application.id}/statut", data={"status": "shortlisted"}
        ).status_code
        == 404
    )
    assert not [
        n
        for n in client.get("/compte/notifications").get_data(as_text=True).split()
        if "Amina" in n
    ]
    auth.logout()
    _prequalify(staff)
    auth.login(employer)
    page = client.get(f"/employeurs/postes/{job.id}/candidats").get_data(as_text=True)
    assert name in page and "Aucune candidature n’attend" in page
    assert client.get(f"/employeurs/candidatures/{application.id}").status_code == 200


def test_a_staff_decline_before_prequalification_stays_invisible(client, auth, world, outbox):
    from app.blueprints.applications.services import transition_application
    from app.models import Actor, DeclineReason

    employer, job, candidate, staff = world
    _apply(client, auth, candidate, job)
    application = db.session.execute(db.select(Application)).scalar_one()
    transition_application(
        application,
        ApplicationStatus.DECLINED,
        staff,
        Actor.STAFF,
        reason=DeclineReason.OTHER,
        note="Profil incomplet",
    )
    db.session.commit()
    auth.login(employer)
    page = client.get(f"/employeurs/postes/{job.id}/candidats").get_data(as_text=True)
    assert candidate.full_name not in page and "Profil incomplet" not in page
    assert client.get(f"/employeurs/candidatures/{application.id}").status_code == 404
    assert outbox(employer.email) == []
