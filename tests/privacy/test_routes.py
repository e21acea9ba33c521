"""Privacy pages: access control, consents in one click, the download, deletion, reviews,
the incident register and the published policy."""

import io
import json
import zipfile

import pytest

from app.extensions import db
from app.models import (
    AuditEvent,
    ConsentPurpose,
    HumanReviewRequest,
    IncidentReport,
    Notification,
    ReviewStatus,
    Role,
    User,
)
from tests.conftest import PASSWORD

STAFF_PAGES = [
    ("get", "/programme/confidentialite"),
    ("get", "/programme/confidentialite/incidents/nouveau"),
    ("post", "/programme/confidentialite/incidents/nouveau"),
]


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.EMPLOYER, Role.PARTNER])
def test_staff_pages_are_forbidden_to_everyone_else(client, auth, make_user, role):
    auth.login(make_user(role))
    for method, url in STAFF_PAGES:
        assert getattr(client, method)(url).status_code == 403, url
    # URLs naming an object answer 404: a wrong role learns nothing about what exists.
    assert client.get("/programme/confidentialite/incidents/1").status_code == 404
    assert client.post("/programme/confidentialite/revisions/1").status_code == 404


def test_visitors_are_sent_to_sign_in(client):
    for url in ("/compte/confidentialite", "/compte/supprimer", "/candidat/revision-humaine"):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    assert client.post("/compte/confidentialite/telechargement").status_code == 302


def test_the_download_holds_only_the_signed_in_persons_data(client, auth, make_candidate):
    mine = make_candidate(email="me@example.org", full_name="Awa Diallo")
    make_candidate(email="them@example.org", full_name="Bruno Costa")
    auth.login(mine)
    response = client.post("/compte/confidentialite/telechargement")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "no-store" in response.headers["Cache-Control"]
    # No personal data in the file name.
    assert "me@example" not in response.headers["Content-Disposition"]
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("data.json"))
    text = json.dumps(data)
    assert data["account"]["full_name"] == "Awa Diallo"
    assert "Bruno Costa" not in text and "them@example.org" not in text
    # No route takes a person's id: nobody can ask for someone else's file.
    for rule in client.application.url_map.iter_rules():
        if rule.endpoint.startswith("privacy."):
            assert not rule.arguments & {"user_id", "candidate_id", "profile_id"}


def test_consents_change_in_one_click_and_the_history_shows(client, auth, make_candidate):
    user = make_candidate(staff_review=False, locale="en_CA")
    auth.login(user)
    page = client.get("/compte/confidentialite").get_data(as_text=True)
    assert "Give my consent" in page and "No consent given or withdrawn yet." in page
    for given in ("1", "0", "1"):
        response = client.post(
            "/compte/confidentialite/consentement",
            data={"purpose": "employer_display", "given": given},
        )
        assert response.status_code == 303
    assert user.candidate_profile.consents_to_employer_display
    page = client.get("/compte/confidentialite").get_data(as_text=True)
    assert page.count("Withdraw my consent") == 1
    assert page.count("<td>Withdrawn</td>") == 1 and page.count("<td>Given</td>") == 2


def test_bad_consent_input_is_refused_without_an_error_page(
    client, auth, make_candidate, make_employer
):
    auth.login(make_candidate())
    bad = client.post(
        "/compte/confidentialite/consentement", data={"purpose": "marketing", "given": "1"}
    )
    assert bad.status_code == 400
    auth.logout()
    auth.login(make_employer())
    response = client.post(
        "/compte/confidentialite/consentement", data={"purpose": "testimonial", "given": "1"}
    )
    assert response.status_code == 403


def test_the_name_and_language_are_corrected_and_errors_keep_the_input(
    client, auth, make_candidate
):
    user = make_candidate(locale="en_CA", full_name="Old Name")
    auth.login(user)
    response = client.post(
        "/compte/confidentialite/identite", data={"full_name": "", "locale": "fr_CA"}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Write your name." in page
    assert user.full_name == "Old Name"
    response = client.post(
        "/compte/confidentialite/identite", data={"full_name": "New Name", "locale": "fr_CA"}
    )
    assert response.status_code == 303
    assert (user.full_name, user.locale) == ("New Name", "fr_CA")


def test_a_wrong_password_keeps_the_account_and_says_so_in_the_users_language(
    client, auth, make_candidate
):
    user = make_candidate(locale="en_CA", email="keep@example.org")
    auth.login(user)
    response = client.post("/compte/supprimer", data={"password": "not my password"})
    assert response.status_code == 200
    assert "This password is not correct. Your account was not deleted." in response.get_data(
        as_text=True
    )
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert user.deleted_at is None and user.email == "keep@example.org"
    response = client.post("/compte/supprimer", data={"password": ""})
    assert "Type your password to confirm." in response.get_data(as_text=True)


def test_deleting_the_account_signs_out_and_sign_in_fails(client, auth, make_candidate):
    user = make_candidate(email="gone@example.org")
    auth.login(user)
    response = client.post("/compte/supprimer", data={"password": PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith("/compte/supprime")
    assert client.get("/compte/supprime").status_code == 200
    assert client.get("/compte/confidentialite").status_code == 302
    assert auth.login("gone@example.org").status_code == 200  # the form again, with an error
    assert client.get("/compte/confidentialite").status_code == 302
    assert db.session.get(User, user.id).deleted_at is not None


@pytest.mark.parametrize("role", [Role.STAFF, Role.PARTNER, Role.ADMIN])
def test_program_accounts_are_deactivated_by_an_admin_not_deleted(client, auth, make_user, role):
    user = make_user(role, locale="en_CA")
    auth.login(user)
    page = client.get("/compte/supprimer").get_data(as_text=True)
    assert "deactivated by an administrator" in page
    assert client.post("/compte/supprimer", data={"password": PASSWORD}).status_code == 403
    assert user.deleted_at is None


def test_a_human_review_goes_to_staff_and_the_answer_to_the_candidate(
    client, auth, make_candidate, make_user
):
    staff = make_user(Role.STAFF, locale="en_CA")
    candidate = make_candidate(locale="en_CA")
    auth.login(candidate)
    page = client.get("/candidat/postes-pour-moi").get_data(as_text=True)
    assert "computed automatically" in page and "up to 35 points" in page
    response = client.post("/candidat/revision-humaine", data={"message": "Please look again."})
    assert response.status_code == 303
    review = db.session.execute(db.select(HumanReviewRequest)).scalar_one()
    assert review.user_id == candidate.id and review.message == "Please look again."
    assert db.session.execute(
        db.select(Notification).filter_by(user_id=staff.id, kind="review_requested")
    ).scalar_one()
    auth.logout()

    auth.login(staff)
    page = client.get("/programme/confidentialite").get_data(as_text=True)
    assert "Please look again." in page
    url = f"/programme/confidentialite/revisions/{review.id}"
    response = client.post(url, data={f"r{review.id}-answer": ""})
    assert response.status_code == 200 and "Write the answer." in response.get_data(as_text=True)
    response = client.post(url, data={f"r{review.id}-answer": "Your French level was wrong."})
    assert response.status_code == 303
    assert review.status == ReviewStatus.ANSWERED and review.answered_by_id == staff.id
    assert db.session.execute(
        db.select(Notification).filter_by(user_id=candidate.id, kind="review_answered")
    ).scalar_one()
    assert client.post("/programme/confidentialite/revisions/999").status_code == 404
    auth.logout()

    auth.login(candidate)
    page = client.get("/compte/confidentialite").get_data(as_text=True)
    assert "Your French level was wrong." in page


def test_staff_record_and_complete_incidents_with_an_audit_entry(client, auth, make_user):
    staff = make_user(Role.STAFF, locale="en_CA")
    auth.login(staff)
    data = {
        "discovered_on": "2026-11-02",
        "occurred_on": "2026-11-05",
        "nature": "A list of candidates was emailed to the wrong employer.",
        "data_involved": "Names, occupations",
        "people_affected": "12",
        "risk_assessment": "Low: no status or contact details.",
        "measures": "The employer deleted the email.",
    }
    response = client.post("/programme/confidentialite/incidents/nouveau", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The incident cannot happen after its discovery." in page
    assert "A list of candidates was emailed to the wrong employer." in page  # input kept
    data["occurred_on"] = "2026-11-01"
    response = client.post("/programme/confidentialite/incidents/nouveau", data=data)
    assert response.status_code == 303
    incident = db.session.execute(db.select(IncidentReport)).scalar_one()
    assert incident.people_affected == 12 and not incident.serious_risk
    response = client.post(
        f"/programme/confidentialite/incidents/{incident.id}",
        data={**data, "serious_risk": "y", "commission_notified_on": "2026-11-03"},
    )
    assert response.status_code == 303
    assert incident.serious_risk and incident.commission_notified_on.isoformat() == "2026-11-03"
    actions = db.session.execute(
        db.select(AuditEvent.action).filter_by(subject_type="incident", subject_id=incident.id)
    ).scalars()
    assert list(actions) == ["incident.recorded", "incident.updated"]
    page = client.get("/programme/confidentialite").get_data(as_text=True)
    assert "A list of candidates was emailed" in page


def test_the_policy_names_the_person_in_charge_and_the_retention_periods(app_factory):
    app = app_factory(
        PRIVACY_OFFICER_NAME="Josée Tremblay",
        PRIVACY_OFFICER_EMAIL="jtremblay@maillage.example",
        PRIVACY_OFFICER_PHONE="418 555-0123",
    )
    client = app.test_client()
    page = client.get("/en/privacy").get_data(as_text=True)
    for text in ("Josée Tremblay", "jtremblay@maillage.example", "418 555-0123"):
        assert text in page
    assert "24 months" in page and "30 days" in page and "7 years" in page
    assert "work permit" in page and "spouse" in page


@pytest.mark.parametrize(
    "url",
    [
        "/compte/confidentialite",
        "/compte/supprimer",
        "/candidat/revision-humaine",
    ],
)
def test_candidate_pages_render(client, auth, make_candidate, lang, url):
    auth.login(make_candidate(locale="en_CA" if lang == "en" else "fr_CA"))
    assert client.get(url).status_code == 200


def test_testimonial_consent_from_the_page(client, auth, make_candidate):
    user = make_candidate()
    auth.login(user)
    client.post(
        "/compte/confidentialite/consentement", data={"purpose": "testimonial", "given": "1"}
    )
    from app.blueprints.privacy.services import current_consents

    assert current_consents(user)[ConsentPurpose.TESTIMONIAL]
