"""Privacy in Chromium: a candidate downloads their data, changes consents, deletes the account."""

import io
import json
import re
import zipfile

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

EMAIL = "lea.privacy@example.org"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _candidate(live_app) -> None:
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import get_profile, set_consents, store_cv

    with services(live_app):
        profile = get_profile(register_candidate(EMAIL, PASSWORD, "Léa Martin", "fr_CA"))
        set_consents(profile, True, True)
        store_cv(profile, io.BytesIO(PDF), "cv-lea.pdf")
        db.session.flush()


def _consent(page, purpose: str):
    return page.locator(f"#consent-{purpose}")


def test_candidate_downloads_data_changes_consents_and_deletes_account(page, a11y, live_app):
    _candidate(live_app)
    login(page, EMAIL, PASSWORD)
    page.get_by_role("link", name="English", exact=True).click()
    page.goto("/compte/")
    a11y.check(page, "account-en")
    page.get_by_role("link", name="My data and consents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My data and consents")
    a11y.check(page, "privacy-account-en")

    # Download my data: a ZIP with data.json and the CV.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my data").click()
    download = info.value
    assert download.suggested_filename.startswith("maillage-data-")
    with zipfile.ZipFile(download.path()) as archive:
        data = json.loads(archive.read("data.json"))
        assert archive.read("files/cv/cv-lea.pdf").startswith(b"%PDF")
    assert data["account"]["email"] == EMAIL
    assert data["candidate_profile"]["consent_employer_display_at"]
    assert {r["purpose"] for r in data["consent_records"]} == {"staff_review", "employer_display"}

    # Withdraw the display to employers, then agree to the testimonial: one click each.
    display = _consent(page, "employer_display")
    expect(display).to_contain_text("Given")
    display.get_by_role("button", name="Withdraw my consent").click()
    expect(page.get_by_text("Your consent is withdrawn. It applies at once.")).to_be_visible()
    expect(_consent(page, "employer_display")).to_contain_text("Not given")
    _consent(page, "testimonial").get_by_role("button", name="Give my consent").click()
    expect(page.get_by_text("Your consent is recorded. It applies at once.")).to_be_visible()
    expect(_consent(page, "testimonial")).to_contain_text("Given")
    history = page.locator("#history tbody tr")
    expect(history).to_have_count(4)
    expect(history.first).to_contain_text("The program may publish my testimonial.")
    a11y.check(page, "privacy-consents-en")

    # The ranking explains itself and a person can be asked to review it.
    page.get_by_role("link", name="Jobs for me").click()
    page.get_by_text("This ranking is computed automatically. How does it work?").click()
    expect(page.locator(".automated-notice")).to_contain_text("up to 35 points")
    a11y.check(page, "privacy-jobs-for-me-notice-en")
    page.get_by_label("What should a person look at? (optional)").fill("My French level is 9.")
    page.get_by_role("button", name="Ask for a human review").click()
    expect(page.locator("#reviews")).to_contain_text("My French level is 9.")
    a11y.check(page, "privacy-review-requested-en")
    page.get_by_role("link", name="Privacy policy", exact=True).click()
    expect(page.locator("#officer")).to_be_visible()
    a11y.check(page, "privacy-policy-en")
    page.goto("/compte/confidentialite")

    # Delete the account: a wrong password first, then the right one.
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    a11y.check(page, "privacy-delete-en")
    page.get_by_label("Your password").fill("not the password")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("#password-error")).to_have_text(
        "This password is not correct. Your account was not deleted."
    )
    a11y.check(page, "privacy-delete-error-en")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    expect(
        page.get_by_role("button", name=re.compile("^(Se déconnecter|Sign out)$"))
    ).to_have_count(0)
    a11y.check(page, "privacy-deleted-en")

    # The account can no longer sign in.
    login(page, EMAIL, PASSWORD)
    assert page.url.endswith("/connexion")
    expect(page.locator(".error").first).to_be_visible()
    expect(
        page.get_by_role("button", name=re.compile("^(Se déconnecter|Sign out)$"))
    ).to_have_count(0)
    a11y.check(page, "privacy-login-refused-en")
