"""The Friday loop in Chromium: a proposal from the matches, availability, scheduling, a move by
the candidate, and the private room's portal on the app's clock."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

EMAIL = "sam.okafor@example.org"


def _matched_candidate(live_app) -> tuple[int, int, str]:
    """An English-speaking welder living in Paris, shown to employers, matched to the demo job."""
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.blueprints.interviews.services import next_open_session
    from app.blueprints.matching.services import pseudonym, recompute_job
    from app.models import Job, User, WorkStatus

    with services(live_app):
        user = register_candidate(EMAIL, PASSWORD, "Sam Okafor", "en_CA")
        profile = get_profile(user)
        update_profile(
            profile,
            ProfileData(
                country="France",
                city="Paris",
                timezone="Europe/Paris",
                work_status=WorkStatus.OPEN_WORK_PERMIT,
                french_level=7,
                english_level=10,
                occupation_codes=["72106"],
                skills=["MIG welding", "blueprint reading"],
                regions_anywhere=True,
            ),
        )
        set_consents(profile, True, True)
        employer = db.session.execute(
            db.select(User).filter_by(email="employeur@demo.maillage.example")
        ).scalar_one()
        job = db.session.execute(
            db.select(Job).where(
                Job.organisation_id == employer.organisation.id, Job.noc == "72106"
            )
        ).scalar_one()
        recompute_job(job)
        return job.id, next_open_session().id, pseudonym(job, profile.id)


def _outbox(live_app, email: str) -> str:
    from app.models import OutboxMessage

    with services(live_app):
        return (
            db.session.execute(
                db.select(OutboxMessage.body)
                .where(OutboxMessage.recipient == email)
                .order_by(OutboxMessage.id.desc())
            )
            .scalars()
            .first()
        )


def test_the_friday_loop(page, browser, live_server, a11y, live_app, monkeypatch):
    job_id, session_id, code = _matched_candidate(live_app)
    # The candidate uses their own browser, in English, in Paris.
    context = browser.new_context(
        base_url=live_server,
        locale="en-CA",
        timezone_id="Europe/Paris",
        viewport={"width": 390, "height": 844},
    )
    cpage = context.new_page()

    # The employer proposes the anonymous match, with a note.
    login(page, "employeur@demo.maillage.example")
    # Another journey may have left the demo employer's account in English: this one is French.
    switch = page.get_by_role("link", name="Français", exact=True)
    if switch.count():
        switch.click()
        expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    card = page.locator("li.match", has_text=f"Personne candidate {code}")
    # Other journeys on this shared portal add matched candidates: find ours, page by page.
    for number in range(1, 6):
        page.goto(f"/employeurs/postes/{job_id}/correspondances?page={number}")
        if card.count():
            break
    card.get_by_label("Note pour la personne candidate (facultatif)").fill(
        "Votre expérience en soudure MIG nous intéresse."
    )
    a11y.check(page, "friday-matches-fr")
    card.get_by_role(
        "button", name=f"Proposer une entrevue du vendredi à la personne candidate {code}"
    ).click()
    expect(
        page.get_by_text(
            re.compile(f"Entrevue du vendredi proposée à la personne candidate {code}")
        )
    ).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # The candidate, in English and in Paris, reads the note, gives availability, accepts.
    login(cpage, EMAIL, PASSWORD)
    cpage.locator("summary.nav-toggle").click()  # on a phone the navigation folds behind a menu
    cpage.get_by_role("link", name="My interviews").click()
    expect(cpage.get_by_text("Votre expérience en soudure MIG nous intéresse.")).to_be_visible()
    cpage.get_by_role("link", name=re.compile("^Give my availability for")).click()
    expect(cpage.get_by_text("In your local time (Europe/Paris): from 3:00")).to_be_visible()
    a11y.check(cpage, "friday-availability-en")
    cpage.get_by_label("From (local time)").first.fill("15:00")
    cpage.get_by_label("To (local time)").first.fill("14:00")
    cpage.get_by_role("button", name="Save my availability").click()
    expect(cpage.locator("#end_1-error")).to_contain_text("The end must come after the start.")
    expect(cpage.get_by_label("From (local time)").first).to_have_value("15:00")  # input kept
    cpage.get_by_label("To (local time)").first.fill("16:00")
    cpage.get_by_role("button", name="Save my availability").click()
    expect(cpage.get_by_text("Your availability is saved.")).to_be_visible()
    cpage.get_by_role("link", name="Back to the Friday interviews").click()
    cpage.get_by_role("button", name=re.compile("^Accept the interview with")).click()
    expect(cpage.get_by_text("Accepted, waiting for the schedule")).to_be_visible()

    # Staff schedule and publish.
    login(page, "personnel@demo.maillage.example")
    page.goto(f"/programme/vendredis/{session_id}")
    page.get_by_role("button", name="Lancer la planification").click()
    page.get_by_role("button", name="Publier l’horaire").click()
    expect(page.get_by_text(re.compile("L[’']horaire est publié"))).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # The candidate moves the interview to another time that suits both sides.
    cpage.goto("/entrevues")
    slot_card = cpage.locator(".card.slot", has_text="Fromagerie")
    expect(slot_card).to_contain_text(
        re.compile(r"9:00\s*a\.m\. Québec time — 3:00\s*p\.m\. in Paris")
    )
    slot_card.get_by_role("link", name="Move or cancel this interview").click()
    a11y.check(cpage, "friday-change-en")
    cpage.get_by_label("New time").select_option(index=2)  # 9:40 in Québec, 3:40 p.m. in Paris
    cpage.get_by_label("Reason").fill("A medical appointment at nine.")
    cpage.get_by_role("button", name="Send my request").click()
    expect(
        cpage.get_by_text("Your interview is moved; both sides received the new time.")
    ).to_be_visible()
    expect(slot_card).to_contain_text(
        re.compile(r"9:40\s*a\.m\. Québec time — 3:40\s*p\.m\. in Paris")
    )
    a11y.check(cpage, "friday-moved-en")

    # The new time reaches both, each in their own zone and language.
    assert re.search(
        r"moved to .*9:40\s*a\.m\. Québec time — 3:40\s*p\.m\. in Paris", _outbox(live_app, EMAIL)
    )
    employer_mail = _outbox(live_app, "employeur@demo.maillage.example")
    assert "déplacée au vendredi" in employer_mail and "9 h 40 (heure du Québec)" in employer_mail
    assert "Paris" not in employer_mail

    # The join link refuses before the window and redirects within it (on the app's clock).
    from app import clock
    from app.models import InterviewRequest, InterviewSlot, User

    with services(live_app):
        profile = (
            db.session.execute(db.select(User).filter_by(email=EMAIL))
            .scalar_one()
            .candidate_profile
        )
        slot = db.session.execute(
            db.select(InterviewSlot)
            .join(InterviewSlot.request)
            .where(InterviewRequest.candidate_id == profile.id)
        ).scalar_one()
        slot_id, starts_at, room = slot.id, slot.starts_at, slot.room
    monkeypatch.setattr(clock, "now", lambda: starts_at - timedelta(minutes=10))
    cpage.goto(f"/entrevues/{slot_id}/salle")
    expect(cpage.get_by_role("heading", name="The interview room is closed")).to_be_visible()
    a11y.check(cpage, "friday-room-closed-en")
    monkeypatch.setattr(clock, "now", lambda: starts_at - timedelta(minutes=2))
    # Within the window the portal redirects to the room (not followed: no network here).
    answer = cpage.request.get(f"/entrevues/{slot_id}/salle", max_redirects=0)
    assert answer.status == 303
    assert answer.headers["location"] == f"https://meet.jit.si/maillage-{room}"
    cpage.goto("/entrevues")
    expect(cpage.get_by_role("link", name="Join the interview room")).to_have_attribute(
        "href", f"/entrevues/{slot_id}/salle"
    )
    context.close()
    # Sam then stops being shown to employers (the journeys share one portal).
    from app.blueprints.candidates.services import set_consents

    with services(live_app):
        set_consents(
            db.session.execute(db.select(User).filter_by(email=EMAIL))
            .scalar_one()
            .candidate_profile,
            True,
            False,
        )
