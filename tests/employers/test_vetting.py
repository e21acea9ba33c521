"""Employer vetting: the staff queue, the decision, publishing after approval, public profiles."""

import io

import pytest

from app.extensions import db
from app.models import AuditEvent, JobStatus, Notification, Role, VettingStatus

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def pending(make_employer):
    """An employer whose organisation has just signed up (English-speaking owner)."""
    user = make_employer(vetting=VettingStatus.PENDING, name="Scierie Boréale", locale="en_CA")
    org = user.organisation
    org.address, org.phone = "12, rue du Moulin", "+14185550142"
    db.session.commit()
    return user


@pytest.fixture
def staff(make_user):
    return make_user(Role.STAFF)


def test_the_queue_is_for_staff_only(client, auth, pending, staff, make_employer, make_user):
    approved = make_employer(name="Fromagerie approuvée")
    org_id = pending.organisation.id
    assert client.get("/programme/organisations").status_code == 302  # signed out: sign in
    for other in (approved, make_user(Role.CANDIDATE), make_user(Role.PARTNER)):
        auth.login(other)
        assert client.get("/programme/organisations").status_code == 403
        assert client.get(f"/programme/organisations/{org_id}").status_code == 404
        assert client.post(f"/programme/organisations/{org_id}").status_code == 404
        auth.logout()
    auth.login(staff)
    page = client.get("/programme/organisations").get_data(as_text=True)
    assert "Scierie Boréale" in page and pending.organisation.neq in page
    assert pending.email in page and "418 555-0142" in page and "12, rue du Moulin" in page
    assert "Fromagerie approuvée" not in page
    assert client.get("/programme/organisations/99999999").status_code == 404


def test_every_problem_of_a_decision_at_once_and_input_kept(client, auth, pending, staff):
    org = pending.organisation
    auth.login(staff)
    r = client.post(
        f"/programme/organisations/{org.id}",
        data={"decision": "approved", "neq_found": "y", "version": org.version},
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Cochez les trois vérifications" in html
    assert 'id="neq_found" name="neq_found" type="checkbox" value="y"' in html  # still ticked
    r = client.post(
        f"/programme/organisations/{org.id}",
        data={"decision": "refused", "reason": "  ", "version": org.version},
    )
    assert "Écrivez le motif du refus" in r.get_data(as_text=True)
    r = client.post(f"/programme/organisations/{org.id}", data={"version": org.version})
    assert "Choisissez une décision" in r.get_data(as_text=True)
    db.session.refresh(org)
    assert org.vetting_status == VettingStatus.PENDING and org.vetted_at is None


def test_a_refusal_is_audited_and_told_in_the_members_language(
    client, auth, pending, staff, outbox
):
    org = pending.organisation
    auth.login(staff)
    r = client.post(
        f"/programme/organisations/{org.id}",
        data={"decision": "refused", "reason": "NEQ radié au registre.", "version": org.version},
    )
    assert r.status_code == 303
    db.session.refresh(org)
    assert org.vetting_status == VettingStatus.REFUSED and org.vetted_by_id == staff.id
    event = db.session.execute(
        db.select(AuditEvent).where(AuditEvent.action == "organisation.vetted")
    ).scalar_one()
    assert event.actor_id == staff.id and event.detail["decision"] == "refused"
    note = db.session.execute(
        db.select(Notification).where(Notification.user_id == pending.id)
    ).scalar_one()
    assert note.kind == "organisation_refused"
    mail = outbox(pending.email)[-1]
    assert mail.locale == "en_CA"
    assert "did not approve your organization Scierie Boréale" in mail.body
    assert "NEQ radié au registre." in mail.body


def test_publishing_waits_for_approval(client, auth, pending, staff, make_job):
    job = make_job(pending.organisation, publish=False)
    auth.login(pending)
    page = client.get("/employeurs/postes").get_data(as_text=True)
    assert "awaiting vetting by the program" in page  # the banner
    r = client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "published"})
    assert r.status_code == 303
    db.session.refresh(job)
    assert job.status == JobStatus.DRAFT
    assert "once the program has approved" in client.get(r.location).get_data(as_text=True)
    auth.logout()
    org = pending.organisation
    auth.login(staff)
    data = {"decision": "approved", "version": org.version, "reason": ""}
    data |= {"neq_found": "y", "outside_montreal": "y", "contact_reached": "y"}
    assert client.post(f"/programme/organisations/{org.id}", data=data).status_code == 303
    auth.logout()
    auth.login(pending)
    assert "awaiting vetting" not in client.get("/employeurs/postes").get_data(as_text=True)
    client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "published"})
    db.session.refresh(job)
    assert job.status == JobStatus.PUBLISHED
    auth.logout()
    # Refused later (say the NEQ was struck off): its published jobs leave the board.
    auth.login(staff)
    db.session.refresh(org)
    data |= {"decision": "refused", "reason": "NEQ radié.", "version": org.version}
    assert client.post(f"/programme/organisations/{org.id}", data=data).status_code == 303
    db.session.refresh(job)
    assert job.status == JobStatus.CLOSED


def test_signing_up_with_a_neq_being_vetted_keeps_the_input(client, pending):
    r = client.post(
        "/inscription",
        data={
            "account_type": "employer",
            "full_name": "Nouvelle Personne",
            "email": "nouvelle@example.org",
            "password": "une phrase facile",
            "password_confirm": "une phrase facile",
            "organisation_name": "Scierie Boréale (bis)",
            "neq": pending.organisation.neq,
            "region": "02",
            "phone": "pas un numéro",
            "consent": "y",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "attend déjà la validation du programme" in html
    assert 'value="Scierie Boréale (bis)"' in html and 'value="nouvelle@example.org"' in html


def test_public_profile_only_for_approved_organisations(client, make_employer, make_job, pending):
    owner = make_employer(name="Fromagerie du Lac")
    org = owner.organisation
    org.description_fr, org.description_en = "Fromagerie familiale.", "A family cheese dairy."
    org.welcome_housing = org.welcome_francisation = True
    db.session.commit()
    job = make_job(org, title_fr="Fromager ou fromagère")
    make_job(org, title_fr="Poste en brouillon", publish=False)
    fr = client.get(f"/employeurs/{org.id}").get_data(as_text=True)
    assert "Fromagerie familiale." in fr and "Aide au logement" in fr
    assert "Francisation en milieu de travail" in fr and f"/postes/{job.id}" in fr
    assert "Poste en brouillon" not in fr
    en = client.get(f"/en/employers/{org.id}", headers={"Accept-Language": "fr"})
    assert "A family cheese dairy." in en.get_data(as_text=True)
    assert "Help with housing" in en.get_data(as_text=True)
    assert client.get(f"/employeurs/{pending.organisation.id}").status_code == 404
    org.vetting_status = VettingStatus.REFUSED
    db.session.commit()
    assert client.get(f"/employeurs/{org.id}").status_code == 404


def test_job_page_and_card_link_the_profile_and_show_commitments(client, make_employer, make_job):
    org = make_employer(name="Érablière Dubé").organisation
    org.welcome_relocation = True
    db.session.commit()
    job = make_job(org)
    for path in (f"/postes/{job.id}", "/postes"):
        html = client.get(path).get_data(as_text=True)
        assert f'href="/employeurs/{org.id}"' in html, path
        assert "Aide au déménagement" in html, path


def test_the_commitment_filter_stays_in_the_url(client, make_employer, make_job):
    housing = make_employer(name="Avec logement").organisation
    housing.welcome_housing = housing.welcome_family = True
    plain = make_employer(name="Sans engagement").organisation
    db.session.commit()
    make_job(housing, title_fr="Soudeur ou soudeuse A")
    make_job(plain, title_fr="Soudeur ou soudeuse B")
    r = client.get("/postes?welcome=housing&welcome=family", headers={"HX-Request": "true"})
    html = r.get_data(as_text=True)
    assert "<html" not in html and "Soudeur ou soudeuse A" in html
    assert "Soudeur ou soudeuse B" not in html
    full = client.get("/postes?welcome=housing&welcome=nonsense").get_data(as_text=True)
    assert 'id="welcome-housing" name="welcome" value="housing" checked' in full
    assert "Soudeur ou soudeuse B" not in full
    assert "Soudeur ou soudeuse B" in client.get("/postes").get_data(as_text=True)


def test_a_logo_that_is_not_an_image_is_refused_with_the_input_kept(
    client, auth, make_employer, app, tmp_path
):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    owner = make_employer(name="Scierie")
    org = owner.organisation
    auth.login(owner)
    form = {
        "name": "Scierie renommée",
        "region": "02",
        "description_fr": "Texte tapé",
        "commitments": ["housing"],
        "version": org.version,
    }
    r = client.post(
        "/employeurs/organisation",
        data={**form, "logo": (io.BytesIO(b"MZ not an image"), "logo.png")},
        content_type="multipart/form-data",
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'aria-invalid="true"' in html
    assert 'value="Scierie renommée"' in html and "Texte tapé" in html
    db.session.refresh(org)
    assert org.logo_key is None and org.name == "Scierie" and not org.welcome_housing
    r = client.post(
        "/employeurs/organisation",
        data={**form, "logo": (io.BytesIO(PNG), "logo.png")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 303
    db.session.refresh(org)
    assert org.logo_key and org.welcome_housing and org.commitments[0].value == "housing"
