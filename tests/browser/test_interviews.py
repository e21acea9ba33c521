"""Friday interviews in Chromium: a session from its creation to each side's private link."""

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services


def test_staff_create_a_friday_session(page, a11y):
    from babel.dates import format_date

    from app.blueprints.interviews.services import next_friday
    from app.clock import today

    friday = next_friday(today()) + timedelta(weeks=5)
    login(page, "personnel@demo.maillage.example")
    page.get_by_role("link", name="Séances du vendredi").click()
    a11y.check(page, "sessions-fr")
    page.get_by_label("Vendredi de la séance").fill((friday - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Créer la séance").click()
    expect(page.locator("#day-error")).to_contain_text("vendredi")
    a11y.check(page, "sessions-errors-fr")
    page.get_by_label("Vendredi de la séance").fill(friday.isoformat())
    page.get_by_label("Fin (heure du Québec)").fill("11:00")
    page.get_by_role("button", name="Créer la séance").click()
    day = format_date(friday, format="long", locale="fr_CA")  # « 8 janvier 2027 »
    expect(page.get_by_text(f"La séance du {day} est créée")).to_be_visible()
    expect(page.locator("tbody tr", has_text=day)).to_contain_text("6 créneaux")


def _shortlisted_candidates(live_app) -> None:
    from app.blueprints.applications.services import apply_to_job, transition_application
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import get_profile, set_consents
    from app.clock import today
    from app.models import Actor, ApplicationStatus, Job, User

    with services(live_app):
        employer = db.session.execute(
            db.select(User).filter_by(email="employeur@demo.maillage.example")
        ).scalar_one()
        staff = db.session.execute(
            db.select(User).filter_by(email="personnel@demo.maillage.example")
        ).scalar_one()
        job = (
            db.session.execute(
                db.select(Job).where(Job.organisation_id == employer.organisation.id)
            )
            .scalars()
            .first()
        )
        for email, name in (
            ("ines@example.org", "Inès Haddad"),
            ("tomas@example.org", "Tomás Ruiz"),
        ):
            user = register_candidate(email, PASSWORD, name, "fr_CA")
            profile = get_profile(user)
            set_consents(profile, True, False)
            application = apply_to_job(profile, job, "", today())
            transition_application(
                application, ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF, note="ok"
            )
            transition_application(
                application, ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER
            )


def test_interview_journey_to_private_links(page, a11y, live_app):
    _shortlisted_candidates(live_app)
    login(page, "personnel@demo.maillage.example")
    page.goto("/programme/vendredis")
    page.get_by_label("Vendredi de la séance").fill("2027-02-05")
    page.get_by_role("button", name="Créer la séance").click()
    page.get_by_role("button", name="Se déconnecter").click()

    login(page, "employeur@demo.maillage.example")
    page.get_by_role("link", name="Entrevues du vendredi").click()
    section = page.locator("section", has_text="5 février 2027")
    section.get_by_label(re.compile("Inès Haddad")).check()
    section.get_by_label(re.compile("Tomás Ruiz")).check()
    a11y.check(page, "employer-friday-fr")
    section.get_by_role("button", name="Proposer pour cette séance").click()
    expect(section.get_by_text(re.compile("Inès Haddad — En attente"))).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    for email in ("ines@example.org", "tomas@example.org"):
        login(page, email, PASSWORD)
        page.get_by_role("link", name="Mes entrevues").click()
        a11y.check(page, "candidate-proposal-fr")
        page.get_by_role("button", name=re.compile("^Accepter l’entrevue")).click()
        expect(page.get_by_text("Votre réponse est enregistrée.")).to_be_visible()
        page.get_by_role("button", name="Se déconnecter").click()

    login(page, "personnel@demo.maillage.example")
    page.goto("/programme/vendredis")
    page.get_by_role("link", name=re.compile("5 février 2027")).click()
    page.get_by_role("button", name="Lancer la planification").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    a11y.check(page, "session-scheduled-fr")
    page.get_by_role("button", name="Publier l’horaire").click()
    expect(page.get_by_text(re.compile("L[’']horaire est publié"))).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # Bring the published slots to now, so the private links are active.
    from datetime import date

    from app.models import InterviewSession, InterviewSlot

    with services(live_app):
        slots = (
            db.session.execute(
                db.select(InterviewSlot)
                .join(InterviewSession, InterviewSession.id == InterviewSlot.session_id)
                .where(InterviewSession.day == date(2027, 2, 5))  # this journey's session only
                .order_by(InterviewSlot.starts_at)
            )
            .scalars()
            .all()
        )
        now = datetime.now(UTC)
        rooms = {}
        for slot in slots:
            slot.starts_at, slot.ends_at = now - timedelta(minutes=1), now + timedelta(minutes=14)
            rooms[slot.request.application.candidate.user.email] = slot.room

    for email, other in (
        ("ines@example.org", "tomas@example.org"),
        ("tomas@example.org", "ines@example.org"),
    ):
        login(page, email, PASSWORD)
        page.goto("/entrevues")
        link = page.get_by_role("link", name="Rejoindre la salle d’entrevue")
        expect(link).to_have_count(1)
        # The page links to the portal, never to the room; the portal redirects there.
        assert rooms[email] not in page.content() and rooms[other] not in page.content()
        answer = page.request.get(link.get_attribute("href"), max_redirects=0)
        assert answer.status == 303 and answer.headers["location"].endswith(rooms[email])
        a11y.check(page, "candidate-slot-fr")
        page.get_by_role("button", name="Se déconnecter").click()

    login(page, "employeur@demo.maillage.example")
    page.goto("/entrevues")
    expect(page.get_by_role("link", name="Rejoindre la salle d’entrevue")).to_have_count(2)
