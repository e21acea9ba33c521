"""User journeys in Chromium, with axe-core on every page visited."""

import re

from playwright.sync_api import expect

from app.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.browser.conftest import confirm_signup

PASSWORD = "une phrase de passe assez longue"


def login(page, email, password=DEMO_PASSWORD):
    """Sign in; staff, partner and admin demo accounts also give their two-step code."""
    page.goto("/connexion")
    page.get_by_label(re.compile("^(Courriel|Email)$")).fill(email)
    page.get_by_label(re.compile("^(Mot de passe|Password)$")).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^(Se connecter|Sign in)$")).click()
    if page.url.endswith("/connexion/code"):
        page.get_by_label(CODE_LABEL).fill(demo_code(email))
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("^(Confirmer|Confirm)$")).click()


CODE_LABEL = re.compile(
    "^(Code de votre application d’authentification|Code from your authentication app)$"
)


def demo_code(email: str) -> str:
    """The demo account's current code.

    A code is accepted once; the journeys sign the same account in several times a minute, so
    the replay guard is reset here rather than waiting 30 seconds for the next code.
    """
    import pyotp

    from app.blueprints.auth.services import find_user_by_email
    from app.extensions import db
    from app.seed import DEMO_TOTP_SECRET
    from tests.browser.conftest import LIVE_APPS

    with LIVE_APPS[0].app_context():
        find_user_by_email(email).totp_last_counter = None
        db.session.commit()
        db.session.remove()
    return pyotp.TOTP(DEMO_TOTP_SECRET).now()


def test_candidate_signs_up_in_french_switches_to_english_and_signs_in_again(page, a11y):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    a11y.check(page, "home-fr")
    page.get_by_role("link", name="Créer un compte").first.click()
    expect(page).to_have_url(re.compile("/inscription$"))
    expect(page.get_by_label("Nom de l’organisation")).to_be_hidden()
    a11y.check(page, "signup-fr")

    # A first attempt with mismatched passwords keeps everything that was typed.
    page.get_by_label("Nom complet").fill("Amina Diallo")
    page.get_by_label("Courriel").fill("amina.browser@example.org")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill("autre chose")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("alert")).to_contain_text("Confirmez le mot de passe")
    expect(page.get_by_label("Nom complet")).to_have_value("Amina Diallo")
    expect(page.get_by_label("Courriel")).to_have_value("amina.browser@example.org")
    a11y.check(page, "signup-errors-fr")

    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_label(re.compile("^J[’']ai lu la politique")).check()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez vos courriels")
    a11y.check(page, "signup-check-email-fr")
    confirm_signup(page, "amina.browser@example.org")
    expect(page).to_have_url(re.compile("/tableau-de-bord$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Amina Diallo")
    a11y.check(page, "dashboard-fr")

    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(re.compile("/en/dashboard$"))
    expect(page.locator("html")).to_have_attribute("lang", "en-CA")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Amina Diallo")
    a11y.check(page, "dashboard-en")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    login(page, "amina.browser@example.org", PASSWORD)
    expect(page).to_have_url(re.compile("/tableau-de-bord$"))
    expect(page.locator("html")).to_have_attribute("lang", "en-CA")
    a11y.check(page)
    page.get_by_role("link", name="My account").click()
    expect(page.locator("dd", has_text="amina.browser@example.org")).to_be_visible()
    a11y.check(page, "account-en")


def test_employer_signs_up_with_municipality_picked_by_region(page, a11y):
    page.goto("/inscription")
    page.get_by_label("un employeur en région").check()
    expect(page.get_by_label("Nom de l’organisation")).to_be_visible()
    page.get_by_label("Nom complet").fill("Julie Bouchard")
    page.get_by_label("Courriel").fill("julie@bleuets.example")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_label("Nom de l’organisation").fill("Bleuetière du Lac")
    page.get_by_label(re.compile("NEQ")).fill("123")
    page.get_by_label("Région", exact=True).select_option("02")
    # htmx replaces the municipality options with the region's (CSRF header on <body>).
    expect(page.locator("#municipality option", has_text="Alma")).to_have_count(1)
    page.get_by_label("Municipalité").select_option(label="Alma")
    page.get_by_label(re.compile("^J[’']ai lu la politique")).check()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("#neq-error")).to_contain_text("10\xa0chiffres")
    expect(page.get_by_label("Nom de l’organisation")).to_have_value("Bleuetière du Lac")
    expect(page.get_by_label("Municipalité")).to_have_value(re.compile(r"\d+"))
    a11y.check(page, "employer-signup-errors-fr")
    page.get_by_label(re.compile("NEQ")).fill("1144556677")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    confirm_signup(page, "julie@bleuets.example")
    expect(page.get_by_role("heading", name="Bleuetière du Lac")).to_be_visible()
    expect(page.get_by_text("Alma")).to_be_visible()
    a11y.check(page, "employer-dashboard-fr")


def test_every_demo_account_signs_in(page, a11y):
    for account in DEMO_ACCOUNTS:
        login(page, account.email)
        expect(page).to_have_url(re.compile("/tableau-de-bord$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text(account.full_name)
        a11y.check(page, f"dashboard-{account.role.value}-{account.email.split('@')[0]}")
        page.get_by_role("button", name=re.compile("^(Se déconnecter|Sign out)$")).click()


def test_admin_searches_accounts_with_htmx_and_creates_a_partner(page, a11y):
    login(page, "admin@demo.maillage.example")
    page.get_by_role("link", name="Comptes").click()
    a11y.check(page, "admin-users-fr")
    page.get_by_label("Nom ou courriel").fill("promis")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Karim Benali")
    expect(page).not_to_have_url(re.compile("promis"))  # no email in the address bar or logs
    page.get_by_role("link", name="Karim Benali").click()
    expect(page.get_by_text("Vérification en deux étapes")).to_be_visible()
    a11y.check(page, "admin-user-detail-fr")
    page.get_by_role("link", name=re.compile("^Ce que cette personne a fait")).click()
    a11y.check(page, "admin-journal-fr")
    page.get_by_role("link", name="Comptes").click()
    page.get_by_role("link", name=re.compile("Créer un compte")).click()
    page.get_by_label("Nom complet").fill("Nadia Conseillère")
    page.get_by_label("Courriel").fill("nadia@alpa.example")
    page.get_by_label("Rôle").select_option("partner")
    page.get_by_role("button", name=re.compile("Créer le compte")).click()
    expect(page.locator("#partner-error")).to_be_visible()
    expect(page.get_by_label("Nom complet")).to_have_value("Nadia Conseillère")
    a11y.check(page, "admin-create-user-errors-fr")
    page.get_by_label("Organisme partenaire").select_option(label="ALPA")
    page.get_by_role("button", name=re.compile("Créer le compte")).click()
    expect(page.get_by_text("nadia@alpa.example").first).to_be_visible()
    a11y.check(page)
    page.get_by_role("link", name="Organismes partenaires").click()
    a11y.check(page, "admin-partners-fr")
    page.get_by_role("link", name="Modifier ALPA").click()
    a11y.check(page, "admin-partner-edit-fr")


def test_public_pages_and_errors_in_english(page, a11y):
    page.goto("/regions/")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(re.compile("/en/regions/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Québec's regions")
    a11y.check(page, "regions-en")
    page.goto("/confidentialite")
    a11y.check(page, "privacy-en")
    page.goto("/does-not-exist")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    a11y.check(page, "404-en")
    page.goto("/mot-de-passe/oubli")
    a11y.check(page, "forgot-en")
