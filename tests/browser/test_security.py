"""Account security in Chromium: staff sign-in needs a TOTP code; a candidate turns it on."""

import re

import pyotp
from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import CODE_LABEL, PASSWORD, demo_code, login
from tests.browser.test_marketplace import services


def test_staff_sign_in_requires_a_totp_code(page, a11y):
    page.goto("/connexion")
    page.get_by_label("Courriel").fill("personnel@demo.maillage.example")
    page.get_by_label("Mot de passe").fill("maillage-demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile("/connexion/code$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification en deux étapes")
    a11y.check(page, "login-code-fr")
    # The password alone opens nothing.
    page.goto("/programme/prequalification")
    expect(page).to_have_url(re.compile("/connexion"))
    page.goto("/connexion/code")
    page.get_by_label(CODE_LABEL).fill("000000")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.locator("#code-error")).to_contain_text("n’est pas valide")
    a11y.check(page, "login-code-error-fr")
    page.get_by_label(CODE_LABEL).fill(demo_code("personnel@demo.maillage.example"))
    page.get_by_role("button", name="Confirmer").click()
    expect(page).to_have_url(re.compile("/tableau-de-bord$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Isabelle Côté")


def test_a_candidate_turns_on_two_step_verification(page, a11y, live_app):
    from app.blueprints.auth.services import find_user_by_email, register_candidate

    with services(live_app):
        register_candidate("farid@example.org", PASSWORD, "Farid Haddad", "en_CA")
    login(page, "farid@example.org", PASSWORD)
    page.get_by_role("link", name="My account").click()
    page.get_by_role("link", name="Sign-in and security").click()
    a11y.check(page, "security-en")
    page.get_by_role("link", name="Turn on two-step verification").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    a11y.check(page, "two-factor-setup-en")
    with services(live_app):
        secret = find_user_by_email("farid@example.org").totp_secret
    page.get_by_label(CODE_LABEL).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    a11y.check(page, "recovery-codes-en")
    with services(live_app):
        user = find_user_by_email("farid@example.org")
        assert user.has_two_factor
        user.totp_last_counter = None
        db.session.commit()
