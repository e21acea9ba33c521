"""Matching journeys in Chromium: a closed work permit explained to the candidate (in French),
and an anonymised match's points per criterion shown to an employer (in English)."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from app.clock import today as program_today
from app.extensions import db
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

REGION = "11"  # Gaspésie–Îles-de-la-Madeleine: no other journey posts there


def _employer(live_app, email: str, name: str, neq: str, locale: str, **job):
    """A vetted employer with one published welding job (the fields given override)."""
    from app.blueprints.auth.services import EmployerData, register_employer
    from app.blueprints.jobs.services import JobData, change_job_status, create_job
    from app.models import JobStatus, VettingStatus

    with services(live_app):
        user = register_employer(
            email, PASSWORD, "RH", locale, EmployerData(name, neq, REGION, None)
        )
        user.organisation.vetting_status = VettingStatus.APPROVED
        data = dict(
            title_fr="Soudeur ou soudeuse",
            title_en="Welder",
            noc="72106",
            region_code=REGION,
            closing_date=program_today() + timedelta(days=30),
            description_fr="Soudure MIG sur acier.",
            description_en="MIG welding on steel.",
            skills_required=["soudure MIG", "lecture de plans"],
            skills_nice=["soudure TIG"],
        )
        data.update(job)
        posted = create_job(user.organisation, JobData(**data))
        change_job_status(posted, JobStatus.PUBLISHED, program_today())
        db.session.flush()
        return posted.id


def _candidate(live_app, email: str, locale: str, **profile):
    """A welder ready to settle in the journey's region, shown to employers."""
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.models import WorkStatus
    from app.models.base import utcnow

    with services(live_app):
        user = register_candidate(email, PASSWORD, "Amadou Diallo", locale)
        user.email_verified_at = utcnow()  # the confirmation link was opened
        data = dict(
            work_status=WorkStatus.OPEN_WORK_PERMIT,
            french_level=9,
            english_level=6,
            experience_years=6,
            skills=["soudure MIG", "lecture de plans", "soudure TIG"],
            occupation_codes=["72106"],
            region_codes=[REGION],
            summary="Soudeur depuis six ans.",
        )
        data.update(profile)
        update_profile(get_profile(user), ProfileData(**data))
        set_consents(get_profile(user), True, True)


def _recompute(live_app, job_id: int) -> None:
    from app.blueprints.matching.services import recompute_job
    from app.models import Job

    with services(live_app):
        recompute_job(db.session.get(Job, job_id))


def test_a_closed_permit_is_explained_with_what_would_change_it_in_french(page, a11y, live_app):
    from app.models import PermitSupport, WorkStatus

    job_id = _employer(
        live_app,
        "rh@scierie-gaspesie.example",
        "Scierie de la Baie",
        "1160000011",
        "fr_CA",
        permit_support=PermitSupport.NONE,
    )
    _candidate(
        live_app,
        "amadou.ferme@example.org",
        "fr_CA",
        work_status=WorkStatus.EMPLOYER_SPECIFIC_WORK_PERMIT,
        permit_employer_name="Ferme Tremblay",
        permit_employer_neq="1170000099",
        permit_expiry=program_today() + timedelta(days=400),
    )
    login(page, "amadou.ferme@example.org", PASSWORD)
    page.goto("/candidat/postes-pour-moi")
    page.get_by_label("Région").select_option(REGION)
    expect(page).to_have_url(re.compile(rf"region={REGION}"))
    card = page.locator("article.match", has=page.locator(f"a[href='/postes/{job_id}']"))
    expect(card).to_have_count(1)
    # Why the job is out of reach, in plain French.
    expect(card.get_by_text("Il vous manque encore une exigence de ce poste.")).to_be_visible()
    expect(card.locator(".reason-closed_permit_no_support")).to_contain_text(
        "nomme un autre employeur"
    )
    # What would change it, and that this step alone would open the job.
    expect(card.get_by_text("Ce qui augmenterait votre note")).to_be_visible()
    step = card.locator("ul.reasons li", has_text="Demandez à l’employeur")
    expect(step).to_contain_text("vous satisferiez aux exigences de ce poste")
    # Its points per criterion add up to the score shown.
    score = int(card.locator("h2 .score").inner_text().split("/")[0])
    values = [
        int(v.replace("−", "-"))
        for v in card.locator(".points > div:not(.points-total) dd").all_inner_texts()
    ]
    assert sum(values) == score
    a11y.check(page, "jobs-for-me-closed-permit-fr")


def test_an_employer_sees_the_points_per_criterion_of_an_anonymised_match_in_english(
    page, a11y, live_app
):
    from babel.dates import format_date

    job_id = _employer(
        live_app,
        "hr@gaspe-steel.example",
        "Gaspé Steel Works",
        "1160000022",
        "en_CA",
        start_date=program_today() + timedelta(days=20),
    )
    _candidate(
        live_app,
        "late.welder@example.org",
        "en_CA",
        availability_date=program_today() + timedelta(days=60),
    )
    _recompute(live_app, job_id)
    page.goto("/")
    page.get_by_role("link", name="English", exact=True).click()
    login(page, "hr@gaspe-steel.example", PASSWORD)
    page.goto(f"/employeurs/postes/{job_id}/correspondances")
    card = page.locator("li.match").first
    expect(card.locator("h2")).to_contain_text(re.compile(r"Candidate [A-Z0-9-]+"))
    expect(card).not_to_contain_text("Amadou")  # anonymised
    points = card.get_by_label("Points per criterion")
    for criterion in ("Occupation", "Required skills", "Nice-to-have skills", "Region"):
        expect(points.locator("dt", has_text=re.compile(f"^{criterion}$"))).to_have_count(1)
    expect(points.locator(".points-total dt")).to_have_text("Total")
    score = int(card.locator("h2 .score").inner_text().split("/")[0])
    values = [
        int(v.replace("−", "-"))
        for v in points.locator("div:not(.points-total) dd").all_inner_texts()
    ]
    assert sum(values) == score
    # Every criterion that counted has its reason, nice-to-have skills and availability included.
    expect(card.locator(".reason-nice_matched")).to_contain_text("TIG welding (“soudure TIG”)")
    available = format_date(program_today() + timedelta(days=60), "long", locale="en_CA")
    expect(card.locator(".reason-available_late")).to_contain_text(available)
    a11y.check(page, "employer-matches-points-en")
