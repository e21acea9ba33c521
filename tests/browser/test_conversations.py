"""Conversations in Chromium, in English: an employer writes to a pre-qualified candidate, who
sees the unread count, answers with a PDF; the employer's open page shows it by polling and the
file downloads."""

import re
from pathlib import Path

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

CANDIDATE = "lena.park@example.org"
EMPLOYER = "employeur@demo.maillage.example"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _prequalified_candidate(live_app) -> int:
    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import get_profile, set_consents
    from app.clock import today
    from app.models import Actor, ApplicationStatus, Job, User

    with services(live_app):
        employer = db.session.execute(db.select(User).filter_by(email=EMPLOYER)).scalar_one()
        staff = db.session.execute(
            db.select(User).filter_by(email="personnel@demo.maillage.example")
        ).scalar_one()
        job = db.session.execute(
            db.select(Job).where(Job.organisation_id == employer.organisation.id).limit(1)
        ).scalar_one()
        profile = get_profile(register_candidate(CANDIDATE, PASSWORD, "Lena Park", "en_CA"))
        set_consents(profile, True, False)
        application = apply_to_job(profile, job, "", today())
        transition_application(
            application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="Strong fit."
        )
        db.session.flush()
        return application.id


def test_employer_and_candidate_exchange_messages_in_english(
    browser, page, a11y, live_app, live_server, tmp_path
):
    application_id = _prequalified_candidate(live_app)
    live_app.config["CONVERSATION_POLL_SECONDS"] = 1  # the polling itself, without a long wait
    try:
        # The employer, in English, writes from the application's page.
        login(page, EMPLOYER)
        page.get_by_role("link", name="English", exact=True).click()
        page.goto(f"/employeurs/candidatures/{application_id}")
        page.get_by_role("button", name="Write to Lena Park").click()
        expect(page.get_by_role("heading", name="Conversation with Lena Park")).to_be_visible()
        page.get_by_role("button", name="Send the message").click()
        expect(page.locator("#body-error")).to_contain_text("Write your message")
        page.get_by_label("Your message").fill(
            "Hello Lena, could you send us your CV? See www.example.org"
        )
        page.get_by_role("button", name="Send the message").click()
        expect(page.get_by_text("Your message is sent.")).to_be_visible()
        expect(page.locator("#thread a[rel='nofollow noopener']")).to_have_text("www.example.org")
        a11y.check(page, "conversation-employer-en")

        # The candidate, in another browser, sees the unread count and answers with a PDF.
        other = browser.new_context(
            base_url=live_server, locale="en-CA", viewport={"width": 390, "height": 844}
        )
        candidate = other.new_page()
        login(candidate, CANDIDATE, PASSWORD)
        # On a phone the navigation folds behind the menu button, which shows the unread count.
        toggle = candidate.locator("summary.nav-toggle")
        expect(toggle).to_contain_text("unread")
        toggle.click()
        messages = candidate.get_by_role("link", name=re.compile(r"^Messages 1 unread$"))
        expect(messages).to_be_visible()
        messages.click()
        a11y.check(candidate, "conversations-candidate-en")
        candidate.get_by_role("link", name=re.compile("Fromagerie")).click()
        expect(candidate.locator("#thread")).to_contain_text("could you send us your CV?")
        cv = Path(tmp_path) / "lena-cv.pdf"
        cv.write_bytes(PDF)
        candidate.get_by_label("Your message").fill("Here it is. Thank you!")
        candidate.get_by_label("Attach a file (optional)").set_input_files(str(cv))
        candidate.get_by_role("button", name="Send the message").click()
        expect(candidate.get_by_text("Your message is sent.")).to_be_visible()
        expect(candidate.get_by_role("link", name="Download lena-cv.pdf")).to_be_visible()
        a11y.check(candidate, "conversation-candidate-en")
        other.close()

        # The employer's page, left open, shows the answer without a reload, and the file opens.
        expect(page.locator("#thread")).to_contain_text("Here it is. Thank you!", timeout=8000)
        with page.expect_download() as download:
            page.get_by_role("link", name="Download lena-cv.pdf").click()
        assert download.value.suggested_filename == "lena-cv.pdf"
        assert Path(download.value.path()).read_bytes() == PDF
    finally:
        live_app.config["CONVERSATION_POLL_SECONDS"] = 10
