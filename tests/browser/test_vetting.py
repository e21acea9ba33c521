"""A new employer is vetted before it publishes; its job then shows its public profile and
commitments, and a candidate sees on their privacy page that the employer saw their profile."""

import re

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.conftest import confirm_signup
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

ORG = "Laiterie des Bleuets"
SIGN_OUT = re.compile("^(Se déconnecter|Sign out)$")


def sign_out(page) -> None:
    """Sign out and wait for the page that follows (no request left half-way)."""
    page.get_by_role("button", name=SIGN_OUT).click()
    expect(
        page.locator(".site-nav").get_by_role("link", name=re.compile("^(Se connecter|Sign in)$"))
    ).to_be_visible()
    page.wait_for_load_state("networkidle")


def _consenting_candidate(live_app) -> None:
    """A cheese maker who lets employers see her anonymised profile."""
    from app.blueprints.auth.services import register_candidate
    from app.blueprints.candidates.services import (
        ProfileData,
        get_profile,
        set_consents,
        update_profile,
    )
    from app.models import WorkStatus

    with services(live_app):
        user = register_candidate("nadia.vetting@example.org", PASSWORD, "Nadia Cherif", "fr_CA")
        user.email_verified_at = user.created_at
        profile = get_profile(user)
        update_profile(
            profile,
            ProfileData(
                work_status=WorkStatus.OPEN_WORK_PERMIT,
                french_level=10,
                english_level=5,
                occupation_codes=["94140"],
                skills=["transformation alimentaire"],
                region_codes=["02"],
            ),
        )
        set_consents(profile, True, True)
        db.session.flush()


def test_new_employer_is_vetted_then_publishes_with_its_public_profile(page, a11y, live_app):
    # Sign up: the organisation is new, so the program vets it first.
    page.goto("/inscription")
    page.get_by_label("un employeur en région").check()
    page.get_by_label("Nom complet").fill("Sophie Tremblay")
    page.get_by_label("Courriel").fill("sophie@laiterie.example")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_label("Nom de l’organisation").fill(ORG)
    page.get_by_label(re.compile("NEQ")).fill("1188776655")
    page.get_by_label("Région", exact=True).select_option("02")
    expect(page.locator("#municipality option", has_text="Alma")).to_have_count(1)
    page.get_by_label("Municipalité").select_option(label="Alma")
    page.get_by_label("Numéro de téléphone (facultatif)").fill("418 555-0199")
    page.get_by_label(re.compile("^J[’']ai lu la politique")).check()
    page.get_by_role("button", name="Créer mon compte").click()
    confirm_signup(page, "sophie@laiterie.example")
    banner = page.locator(".vetting-notice")
    expect(banner).to_contain_text("attend la validation du programme")
    a11y.check(page, "vetting-employer-dashboard-fr")

    # The profile and its welcome commitments, then a draft that cannot be published yet.
    page.goto("/employeurs/organisation")
    page.get_by_label("Description en français").fill("Laiterie familiale au bord du lac.")
    page.get_by_label("Description en anglais").fill("A family dairy by the lake.")
    page.get_by_label("Aide au logement").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#flash-region")).to_contain_text("Le profil de votre organisation")
    expect(page.get_by_label("Aide au logement")).to_be_checked()
    a11y.check(page, "vetting-organisation-form-fr")
    page.goto("/employeurs/postes/nouveau")
    page.get_by_label("Titre du poste en français").fill("Fromager ou fromagère")
    page.get_by_label(re.compile("^Trouver la profession")).fill("fromager")
    page.locator("#occupation-results input[type=radio]").first.check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le poste est enregistré comme brouillon.")).to_be_visible()
    page.get_by_role("button", name="Publier", exact=True).click()
    expect(page.locator("#flash-region")).to_contain_text("une fois votre organisation approuvée")
    expect(page.get_by_text("État : Brouillon")).to_be_visible()
    a11y.check(page, "vetting-publish-refused-fr")
    manage_url = page.url
    sign_out(page)

    # Staff find it in the queue, tick the checklist and approve it.
    login(page, "personnel@demo.maillage.example")
    page.get_by_role("link", name="Employeurs à valider").click()
    row = page.locator("tr", has_text=ORG)
    expect(row).to_contain_text("1188776655")
    expect(row).to_contain_text("sophie@laiterie.example")
    expect(row).to_contain_text("418 555-0199")
    a11y.check(page, "vetting-queue-fr")
    row.get_by_role("link", name=ORG).click()
    page.get_by_label("NEQ trouvé au Registraire des entreprises").check()
    page.get_by_label("Activité dans une région hors de Montréal").check()
    page.get_by_label("Personne-ressource jointe").check()
    page.get_by_label("Approuver l’organisation").check()
    a11y.check(page, "vetting-decision-fr")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("#flash-region")).to_contain_text("Approuvée par le programme")
    expect(page.locator("tr", has_text=ORG)).to_have_count(0)  # out of the queue
    expect(page.locator("tr", has_text="Érablière des Appalaches")).to_have_count(1)  # demo
    sign_out(page)

    # The employer publishes and looks at the candidates matched to its job (logged for each).
    _consenting_candidate(live_app)
    login(page, "sophie@laiterie.example", PASSWORD)
    expect(page.locator(".vetting-notice")).to_have_count(0)
    page.goto(manage_url)
    page.get_by_role("button", name="Publier", exact=True).click()
    expect(page.get_by_text("État : Publié")).to_be_visible()
    page.get_by_role("link", name="Voir les personnes candidates correspondantes").click()
    # Its candidate is among them (other journeys on this shared portal may add more).
    expect(
        page.get_by_role("heading", name=re.compile("^Personne candidate")).first
    ).to_be_visible()
    sign_out(page)

    # On the board: the job links the public profile and shows the commitment.
    page.goto("/postes?welcome=housing")
    card = page.locator("li.job-card", has=page.get_by_role("link", name=ORG, exact=True))
    expect(card.get_by_text("Aide au logement")).to_be_visible()
    expect(page.get_by_label("Aide au logement")).to_be_checked()
    a11y.check(page, "vetting-board-fr")
    card.get_by_role("link", name=ORG).click()
    expect(page.get_by_role("heading", level=1, name=ORG)).to_be_visible()
    expect(page.get_by_text("Laiterie familiale au bord du lac.")).to_be_visible()
    a11y.check(page, "vetting-public-profile-fr")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.get_by_text("A family dairy by the lake.")).to_be_visible()
    expect(page.get_by_text("Help with housing")).to_be_visible()
    a11y.check(page, "vetting-public-profile-en")
    page.get_by_role("link", name="Français", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    page.wait_for_load_state("networkidle")

    # The candidate sees who saw her anonymised profile.
    login(page, "nadia.vetting@example.org", PASSWORD)
    page.goto("/compte/confidentialite")
    seen = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("Qui a consulté"))
    )
    expect(seen).to_contain_text(ORG)
    a11y.check(page, "vetting-candidate-privacy-fr")
