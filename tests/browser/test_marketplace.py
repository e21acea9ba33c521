"""Marketplace journeys in Chromium: apply, post and shortlist, pre-qualify."""

import re
from contextlib import contextmanager
from datetime import timedelta

from playwright.sync_api import expect

from app.clock import today as program_today
from app.extensions import db
from tests.browser.conftest import confirm_signup
from tests.browser.test_journeys import PASSWORD, login

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextmanager
def services(live_app):
    """Run service calls against the live portal's database."""
    with live_app.app_context():
        yield
        db.session.commit()
        db.session.remove()


def _vetted(user):
    """The program approved the new organisation (tests/browser/test_vetting.py does it by hand)."""
    from app.models import VettingStatus

    user.organisation.vetting_status = VettingStatus.APPROVED
    return user


def _employer_with_job(live_app, n: int, title_fr="Soudeur ou soudeuse", title_en="Welder"):
    from app.blueprints.auth.services import EmployerData, register_employer
    from app.blueprints.jobs.services import JobData, change_job_status, create_job
    from app.models import JobStatus

    with services(live_app):
        user = _vetted(
            register_employer(
                f"rh{n}@usine.example",
                PASSWORD,
                f"RH {n}",
                "fr_CA",
                EmployerData(f"Usine {n}", f"22{n:08d}", "12", None),
            )
        )
        job = create_job(
            user.organisation,
            JobData(
                title_fr=title_fr,
                title_en=title_en,
                noc="72106",
                region_code="12",
                closing_date=program_today() + timedelta(days=20),
                description_fr="Soudure MIG sur acier.",
            ),
        )
        change_job_status(job, JobStatus.PUBLISHED, program_today())
        return job.id, user.email


def _application(live_app, job_id: int, email: str, full_name: str):
    from app.blueprints.applications.services import apply_to_job
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.models import Job, WorkStatus

    with services(live_app):
        user = register_candidate(email, PASSWORD, full_name, "fr_CA")
        profile = get_profile(user)
        update_profile(
            profile,
            ProfileData(
                work_status=WorkStatus.OPEN_WORK_PERMIT,
                french_level=9,
                english_level=6,
                skills=["soudure MIG", "lecture de plans"],
                occupation_codes=["72106"],
                summary="Soudeur depuis huit ans.",
            ),
        )
        set_consents(profile, True, False)
        application = apply_to_job(
            profile, db.session.get(Job, job_id), "Disponible en mars.", program_today()
        )
        db.session.flush()
        return application.id


def test_candidate_builds_a_full_profile_in_french_and_applies(page, a11y, live_app, tmp_path):
    job_id, _ = _employer_with_job(live_app, 1)
    page.goto("/inscription")
    page.get_by_label("Nom complet").fill("Fatou Ndiaye")
    page.get_by_label("Courriel").fill("fatou@example.org")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_label(re.compile("^J[’']ai lu la politique")).check()
    page.get_by_role("button", name="Créer mon compte").click()
    confirm_signup(page, "fatou@example.org")
    page.get_by_role("link", name="Mon profil").click()
    expect(page.get_by_role("heading", name=re.compile("complété à 0"))).to_be_visible()
    a11y.check(page, "profile-empty-fr")

    page.get_by_label("Téléphone").fill("+221 77 123 45 67")
    page.get_by_label("Pays où vous vivez actuellement").fill("Sénégal")
    page.get_by_label("Ville où vous vivez actuellement").fill("Dakar")
    page.get_by_label("Votre fuseau horaire").select_option("Africa/Dakar")
    page.get_by_label("Statut de travail au Canada").select_option("open_work_permit")
    page.locator("#french_level").select_option("10")
    page.locator("#english_level").select_option("5")
    page.get_by_label("Diplôme le plus élevé").select_option("college")
    page.get_by_label("Années d’expérience de travail").fill("8")
    page.get_by_label(re.compile("Trouver une profession")).fill("soudeur")
    page.get_by_label(re.compile("Soudeurs/soudeuses")).check()
    page.get_by_label("Compétences", exact=True).fill("soudure MIG, lecture de plans, soudure TIG")
    page.get_by_label("Chaudière-Appalaches").check()
    page.get_by_label("Vous déménageriez").select_option("family")
    page.get_by_label("Nombre d’enfants").fill("2")
    page.get_by_label(re.compile("Profession de votre conjoint")).fill("Aide-enseignante")
    page.get_by_label("Disponible à partir du").fill("2027-03-01")
    page.get_by_label("Court résumé").fill(
        "Soudeur depuis huit ans, je souhaite m'installer en région avec ma famille."
    )
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.get_by_text("Votre profil est enregistré.")).to_be_visible()
    expect(page.get_by_label("Ville où vous vivez actuellement")).to_have_value("Dakar")
    expect(page.get_by_label(re.compile("Soudeurs/soudeuses"))).to_be_checked()

    cv = tmp_path / "cv.pdf"
    cv.write_bytes(PDF)
    page.get_by_label(re.compile("^CV")).set_input_files(str(cv))
    page.get_by_role("button", name="Téléverser mon CV").click()
    expect(page.get_by_role("heading", name=re.compile("complété à 100"))).to_be_visible()
    a11y.check(page, "profile-complete-fr")

    page.get_by_role("link", name="Postes", exact=True).click()
    page.get_by_label("Région").select_option("12")
    expect(page).to_have_url(re.compile(r"region=12"))
    page.get_by_label("Seulement les postes dont je remplis les exigences linguistiques").check()
    expect(page).to_have_url(re.compile(r"mine=1"))
    a11y.check(page, "job-board-fr")
    page.locator(f"a[href='/postes/{job_id}']").click()
    a11y.check(page, "job-detail-fr")
    page.get_by_role("link", name="Postuler à ce poste").click()
    page.get_by_label(re.compile("^Message à l’employeur")).fill("Je suis disponible en mars.")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.locator("#consent_staff_review-error")).to_be_visible()
    expect(page.get_by_label(re.compile("^Message à l’employeur"))).to_have_value(
        "Je suis disponible en mars."
    )
    a11y.check(page, "apply-errors-fr")
    page.get_by_label(re.compile("L[’']équipe du programme peut examiner")).check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page).to_have_url(re.compile("/candidatures$"))
    expect(page.locator(".step-current")).to_have_text(re.compile("Envoyée|Soumise"))
    a11y.check(page, "my-applications-fr")


def test_employer_posts_a_job_in_english_and_shortlists_the_applicant(page, a11y, live_app):
    from app.blueprints.applications.services import transition_application
    from app.blueprints.auth.services import EmployerData, register_employer
    from app.models import Actor, Application, ApplicationStatus, User

    with services(live_app):
        _vetted(
            register_employer(
                "hr@sawmill.example",
                PASSWORD,
                "Jane Cooper",
                "en_CA",
                EmployerData("Boreal Sawmill", "3312345678", "08", None),
            )
        )
    page.goto("/")
    page.get_by_role("link", name="English", exact=True).click()
    login(page, "hr@sawmill.example", PASSWORD)
    page.get_by_role("link", name="Post a job").first.click()
    a11y.check(page, "job-form-en")
    page.get_by_label("Job title in English").fill("Sawmill operator")
    page.get_by_label(re.compile("^Find the occupation")).fill("sawmill")
    page.locator("#occupation-results input[type=radio]").first.check()
    page.get_by_label("Description in English").fill("Operate the saws and keep the line safe.")
    page.get_by_label("Required skills").fill("saw operation, safety")
    page.get_by_label("Region", exact=True).select_option("08")
    expect(page.locator("#municipality option", has_text="Amos")).to_have_count(1)
    page.get_by_label("Municipality").select_option(label="Amos")
    page.get_by_label("Minimum salary (CAD)").fill("25")
    page.get_by_label("Maximum salary (CAD)").fill("20")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#salary_max-error")).to_be_visible()
    expect(page.get_by_label("Job title in English")).to_have_value("Sawmill operator")
    a11y.check(page, "job-form-errors-en")
    page.get_by_label("Maximum salary (CAD)").fill("32")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The job is saved as a draft.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Status: Published")).to_be_visible()
    a11y.check(page, "job-manage-en")
    job_id = int(re.search(r"/(?:postes|jobs)/(\d+)", page.url).group(1))

    application_id = _application(live_app, job_id, "kofi@example.org", "Kofi Mensah")
    with services(live_app):
        staff = db.session.execute(
            db.select(User).filter_by(email="personnel@demo.maillage.example")
        ).scalar_one()
        transition_application(
            db.session.get(Application, application_id),
            ApplicationStatus.PREQUALIFIED,
            staff,
            Actor.STAFF,
            note="Eight years of MIG welding; strong French.",
        )

    page.get_by_role("link", name="See the applicants").click()
    expect(page.get_by_text("Eight years of MIG welding")).to_be_visible()
    a11y.check(page, "pipeline-en")
    page.get_by_role("button", name="Shortlist — Kofi Mensah").click()
    column = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^Shortlisted"))
    )
    expect(column.get_by_role("link", name="Kofi Mensah")).to_be_visible()
    expect(page.locator("#flash-region")).to_contain_text("Kofi Mensah")
    a11y.check(page, "pipeline-shortlisted-en")
    page.get_by_role("link", name="Kofi Mensah").click()
    expect(page.get_by_text("kofi@example.org")).to_be_visible()
    a11y.check(page, "applicant-en")


def test_staff_prequalifies_a_candidate(page, a11y, live_app):
    job_id, employer_email = _employer_with_job(
        live_app, 2, title_fr="Préposé aux bénéficiaires", title_en="Orderly"
    )
    application_id = _application(live_app, job_id, "lina@example.org", "Lina Haddad")
    login(page, "personnel@demo.maillage.example")
    page.get_by_role("link", name="Préqualification").first.click()
    a11y.check(page, "prequal-queue-fr")
    page.get_by_role("link", name="Lina Haddad").click()
    a11y.check(page, "prequal-review-fr")
    page.get_by_role("button", name="Préqualifier — Lina Haddad").click()
    expect(page.locator(f"#rationale-{application_id}-error")).to_be_visible()
    page.get_by_label("Justification pour l’employeur").fill(
        "Huit ans d'expérience, français avancé."
    )
    page.get_by_role("button", name="Préqualifier — Lina Haddad").click()
    expect(page).to_have_url(re.compile("/programme/prequalification$"))
    expect(page.get_by_text("Lina Haddad")).to_have_count(1)  # only in the flash message now
    from app.models import Application, ApplicationStatus

    with services(live_app):
        application = db.session.get(Application, application_id)
        assert application.status == ApplicationStatus.PREQUALIFIED
        assert application.prequal_rationale == "Huit ans d'expérience, français avancé."


def test_jobs_for_me_in_french_and_anonymised_matches_in_english(page, a11y, live_app):
    from app.blueprints.auth.services import EmployerData, register_candidate, register_employer
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.blueprints.jobs.services import JobData, change_job_status, create_job
    from app.blueprints.matching.services import recompute_job
    from app.models import JobStatus, WorkStatus

    with services(live_app):
        employer = _vetted(
            register_employer(
                "rh@metal.example",
                PASSWORD,
                "Marie Lavoie",
                "en_CA",
                EmployerData("Métal Beauce", "3344556677", "12", None),
            )
        )
        job = create_job(
            employer.organisation,
            JobData(
                title_fr="Soudeur ou soudeuse",
                title_en="Welder",
                noc="72106",
                region_code="12",
                skills_required=["soudure MIG", "lecture de plans"],
                french_level_min=5,
                closing_date=program_today() + timedelta(days=30),
            ),
        )
        change_job_status(job, JobStatus.PUBLISHED, program_today())
        user = register_candidate("yasmine@example.org", PASSWORD, "Yasmine Benali", "fr_CA")
        profile = get_profile(user)
        update_profile(
            profile,
            ProfileData(
                work_status=WorkStatus.OPEN_WORK_PERMIT,
                french_level=11,
                english_level=4,
                occupation_codes=["72106"],
                skills=["MIG welding", "lecture de plan"],
                region_codes=["12"],
            ),
        )
        set_consents(profile, True, True)
        db.session.flush()
        recompute_job(job)

    login(page, "yasmine@example.org", PASSWORD)
    page.get_by_role("link", name="Postes qui me correspondent", exact=True).click()
    card = page.locator("article", has=page.get_by_role("link", name="Soudeur ou soudeuse"))
    expect(card).to_contain_text("Compétences correspondantes")
    expect(card).to_contain_text("MIG welding")
    a11y.check(page, "jobs-for-me-fr")
    page.get_by_role("button", name="Se déconnecter").click()

    page.get_by_role("link", name="English", exact=True).click()
    login(page, "rh@metal.example", PASSWORD)
    page.get_by_role("link", name="My jobs").click()
    page.get_by_role("link", name="Welder").click()
    page.get_by_role("link", name="See the matched candidates").click()
    expect(
        page.get_by_role("heading", name=re.compile("^Candidate [0-9A-F]{6}")).first
    ).to_be_visible()
    expect(page.get_by_text("Matched skills").first).to_be_visible()
    expect(page.get_by_text("Yasmine")).to_have_count(0)
    expect(page.get_by_text("yasmine@example.org")).to_have_count(0)
    a11y.check(page, "employer-matches-en")
    page.get_by_role("button", name="Refresh the ranking").click()
    expect(page.locator("#flash-region")).to_contain_text("The ranking is up to date.")
    page.get_by_role("button", name=re.compile("^Invite candidate [0-9A-F]{6} to apply$")).click()
    expect(page.get_by_text("Invitation sent.")).to_be_visible()
