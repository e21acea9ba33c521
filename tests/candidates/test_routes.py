"""Candidate profile pages: access, bad input, CV, consents."""

import io

from app.extensions import db
from app.models import Role
from tests.candidates.test_services import PDF


def profile_form(**overrides):
    data = {
        "phone": "+212 6 00 00 00 00",
        "country": "Maroc",
        "city": "Casablanca",
        "timezone": "Africa/Casablanca",
        "work_status": "open_work_permit",
        "french_level": "10",
        "english_level": "5",
        "education_level": "bachelor",
        "experience_years": "6",
        "occupations": ["72106"],
        "skills": "soudure MIG, lecture de plans",
        "regions": ["02", "12"],
        "household": "couple",
        "partner_occupation": "Éducatrice",
        "partner_work_status": "open_work_permit",
        "summary": "Soudeur depuis six ans.",
    }
    data.update(overrides)
    return data


def test_profile_needs_a_candidate(client, auth, make_user):
    assert client.get("/candidat/profil").status_code == 302
    auth.login(make_user(Role.EMPLOYER))
    assert client.get("/candidat/profil").status_code == 403


def test_profile_save_and_reload(lclient, lang, make_user, reference):
    user = make_user(locale="fr_CA" if lang == "fr" else "en_CA")
    lclient.post("/connexion", data={"email": user.email, "password": "correct horse battery"})
    page = lclient.get("/candidat/profil").get_data(as_text=True)
    assert ("complété à 0" in page) if lang == "fr" else ("0% complete" in page)
    r = lclient.post("/candidat/profil", data=profile_form(version="1"))
    assert r.status_code == 303
    profile = user.candidate_profile
    db.session.refresh(profile)
    assert profile.country == "Maroc" and profile.french_level == 10
    assert profile.partner_work_status.value == "open_work_permit"
    assert [o.noc for o in profile.occupations] == ["72106"]
    page = lclient.get("/candidat/profil").get_data(as_text=True)
    assert 'value="72106" checked' in page or 'checked value="72106"' in page or "checked" in page
    assert "soudure MIG, lecture de plans" in page


def test_profile_bad_input_keeps_everything(lclient, lang, make_user, reference):
    user = make_user(locale="fr_CA" if lang == "fr" else "en_CA")
    lclient.post("/connexion", data={"email": user.email, "password": "correct horse battery"})
    r = lclient.post(
        "/candidat/profil",
        data=profile_form(
            experience_years="-3", work_status="citizen", permit_expiry="2027-01-01", city="Québec"
        ),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'value="Québec"' in html and "soudure MIG, lecture de plans" in html
    assert 'id="experience_years-error"' in html and 'id="permit_expiry-error"' in html
    if lang == "fr":
        assert "n'ont pas de date d'expiration" in html or "expiration" in html
    db.session.refresh(user)
    assert user.candidate_profile.city == ""


def test_cv_upload_download_and_rejections(client, auth, make_user, tmp_path, app, monkeypatch):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    user = make_user()
    auth.login(user)
    r = client.post(
        "/candidat/profil/cv",
        data={"cv": (io.BytesIO(b"MZ\x90\x00" * 50), "cv.pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 200 and "Ce type de fichier n’est pas accepté" in r.get_data(
        as_text=True
    )
    # The real limit is 5 MB; a smaller one keeps the test's upload in memory.
    monkeypatch.setattr("app.blueprints.candidates.services.CV_MAX_BYTES", 100 * 1024)
    r = client.post(
        "/candidat/profil/cv",
        data={"cv": (io.BytesIO(PDF + b" " * (200 * 1024)), "big.pdf")},
        content_type="multipart/form-data",
    )
    assert (
        r.status_code == 200
        and "Le fichier est trop volumineux" in r.get_data(as_text=True)
        and 'id="cv-error"' in r.get_data(as_text=True)
    )
    r = client.post(
        "/candidat/profil/cv",
        data={"cv": (io.BytesIO(PDF), "mon cv.pdf")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 303
    with client.get("/candidat/profil/cv") as r:
        assert r.status_code == 200 and r.data == PDF
    client.post("/candidat/profil/cv/supprimer")
    assert client.get("/candidat/profil/cv").status_code == 404


def test_privacy_choices(client, auth, make_user):
    user = make_user()
    auth.login(user)
    client.post("/candidat/profil/confidentialite", data={"consent_staff_review": "y"})
    db.session.refresh(user)
    assert user.candidate_profile.consents_to_staff_review
    assert not user.candidate_profile.consents_to_employer_display
    client.post("/candidat/profil/confidentialite", data={})
    db.session.refresh(user.candidate_profile)
    assert not user.candidate_profile.consents_to_staff_review


def test_profile_query_count_is_bounded(client, auth, make_user, reference, count_queries):
    user = make_user()
    auth.login(user)
    client.post("/candidat/profil", data=profile_form())
    with count_queries() as queries:
        assert client.get("/candidat/profil").status_code == 200
    assert len(queries) <= 15


def test_choice_labels_follow_the_reader_language(app, make_user):
    fr, en = make_user(locale="fr_CA"), make_user(locale="en_CA")
    for user, expected in ((fr, "Permis de travail ouvert"), (en, "Open work permit")):
        c = app.test_client()
        c.post("/connexion", data={"email": user.email, "password": "correct horse battery"})
        assert expected in c.get("/candidat/profil").get_data(as_text=True)


def test_profile_form_shows_every_implausible_field_at_once(client, auth, make_user):
    from datetime import timedelta

    from app.clock import today

    auth.login(make_user())
    r = client.post(
        "/candidat/profil",
        data={
            "phone": "12",
            "city": "Dakar",
            "arrival_date": "1921-05-01",
            "work_status": "open_work_permit",
            "permit_expiry": (today() - timedelta(days=2)).isoformat(),
            "availability_date": (today() - timedelta(days=5)).isoformat(),
            "experience_years": "0",
            "timezone": "Africa/Dakar",
        },
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    for field in ("phone", "arrival_date", "permit_expiry", "availability_date"):
        assert f'id="{field}-error"' in html, field
    assert "Ce permis est expiré" in html and 'value="Dakar"' in html and 'value="12"' in html


def test_profile_phone_is_stored_in_e164_and_shown_nationally(client, auth, make_user):
    from app.models import CandidateProfile

    auth.login(make_user())
    r = client.post(
        "/candidat/profil",
        data={"phone": "(418) 555-0142", "timezone": "America/Montreal", "experience_years": "0"},
    )
    assert r.status_code == 303
    profile = db.session.execute(db.select(CandidateProfile)).scalar_one()
    assert profile.phone == "+14185550142" and profile.experience_years == 0
    assert 'value="418 555-0142"' in client.get("/candidat/profil").get_data(as_text=True)
