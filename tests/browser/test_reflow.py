"""Every form at 320 CSS px, with no horizontal scroll (WCAG 1.4.10), and axe still clean.

The forms the other browser journeys fill, reached here as their own people: the public ones,
the candidate's, the employer's, the staff's and the administrator's, and the funding request.
"""

import os

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.conftest import assert_reflows
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

SHOTS = os.environ.get("LANG_SHOTS")  # a folder to keep screenshots in, when set

FORMS = {
    None: ["/connexion", "/inscription", "/mot-de-passe/oubli", "/postes"],
    "candidat@demo.maillage.example": [
        "/candidat/profil",
        "/candidat/alertes/nouvelle",
        "/compte/securite",
        "/compte/notifications",
        "/compte/confidentialite",
        "/candidat/revision-humaine",
        "/entrevues",
    ],
    "employeur@demo.maillage.example": [
        "/employeurs/postes/nouveau",
        "/employeurs/organisation",
        "/employeurs/vendredis",
    ],
    "personnel@demo.maillage.example": [
        "/programme/vendredis",
        "/programme/confidentialite/incidents/nouveau",
    ],
    "admin@demo.maillage.example": [
        "/programme/admin/comptes",
        "/programme/admin/comptes/nouveau",
        "/programme/admin/journal",
    ],
}


def _shot(name: str) -> str | None:
    return os.path.join(SHOTS, f"{name}.png") if SHOTS else None


def test_every_form_reflows_at_320_px(page, a11y):
    for who, paths in FORMS.items():
        page.context.clear_cookies()
        if who:
            login(page, who)
        for path in paths:
            response = page.goto(path)
            assert response.status < 400, path
            assert page.locator("form").count() > 0, path
            assert_reflows(page, shot=_shot("320" + path.replace("/", "-")))
            a11y.check(page)


def _candidate_invited_to_visit(live_app, email: str) -> int:
    """A candidate whose interview showed mutual interest: the funding form is open to them."""
    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import get_profile, set_consents
    from app.clock import today
    from app.models import Actor, ApplicationStatus, Job, User

    with services(live_app):
        employer, staff = (
            db.session.execute(db.select(User).filter_by(email=e)).scalar_one()
            for e in ("employeur@demo.maillage.example", "personnel@demo.maillage.example")
        )
        job = db.session.execute(
            db.select(Job).where(
                Job.organisation_id == employer.organisation.id, Job.noc == "33102"
            )
        ).scalar_one()
        profile = get_profile(register_candidate(email, PASSWORD, "Nadia Reflow", "fr_CA"))
        set_consents(profile, True, False)
        application = apply_to_job(profile, job, "", today())
        for to, who, actor in (
            (ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF),
            (ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER),
            (ApplicationStatus.INTERVIEW_SCHEDULED, employer, Actor.EMPLOYER),
            (ApplicationStatus.INTERVIEWED, employer, Actor.EMPLOYER),
        ):
            transition_application(application, to, who, actor, note="ok")
        db.session.flush()
        return application.id


def test_the_funding_request_form_reflows_at_320_px_in_both_languages(page, a11y, live_app):
    application_id = _candidate_invited_to_visit(live_app, "nadia.reflow@example.org")
    login(page, "nadia.reflow@example.org", PASSWORD)
    page.goto(f"/candidat/deplacements/nouveau/{application_id}")
    expect(page.locator("#estimate")).to_be_attached()
    assert_reflows(page, shot=_shot("funding-form-320-fr"))
    # The estimate, filled in, is where long amounts and words could push the page wider.
    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_label("Ville de départ").select_option(index=1)
    page.get_by_label("Nuits d’hébergement").fill("2")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#estimate")).to_contain_text("$")
    assert_reflows(page)
    a11y.check(page, "funding-form-320-fr")
    page.get_by_role("link", name="English", exact=True).click()
    page.goto(f"/candidat/deplacements/nouveau/{application_id}")
    assert_reflows(page, shot=_shot("funding-form-320-en"))
    a11y.check(page)


def test_audit_log_reads_in_each_language(page, a11y):
    """The audit log says what happened in words, in French and in English (no codes, no JSON)."""
    login(page, "admin@demo.maillage.example")
    page.goto("/programme/admin/journal")
    body = page.locator("#results tbody")
    expect(body).not_to_contain_text("{")
    expect(page.get_by_label("Objet")).to_contain_text("Tous")
    if SHOTS:
        page.screenshot(path=_shot("journal-fr"), full_page=True)
    a11y.check(page)
    page.get_by_role("link", name="English", exact=True).click()
    page.goto("/programme/admin/journal")
    expect(page.get_by_label("About")).to_contain_text("All")
    expect(body).not_to_contain_text("{")
    for code in ("consent_changed", "profile_viewed", "case_file", "approved_cents"):
        expect(body).not_to_contain_text(code)
    if SHOTS:
        page.screenshot(path=_shot("journal-en"), full_page=True)
    a11y.check(page)
    page.get_by_role("link", name="Français", exact=True).click()
