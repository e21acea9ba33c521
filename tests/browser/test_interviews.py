"""Friday sessions in Chromium: staff create one (the first step of the interview journey)."""

import re

from playwright.sync_api import expect

from tests.browser.test_journeys import login


def test_staff_create_a_friday_session(page, a11y):
    login(page, "personnel@demo.maillage.example")
    page.get_by_role("link", name="Séances du vendredi").click()
    a11y.check(page, "sessions-fr")
    page.get_by_label("Vendredi de la séance").fill("2026-12-03")  # a Thursday
    page.get_by_role("button", name="Créer la séance").click()
    expect(page.locator("#day-error")).to_contain_text("vendredi")
    a11y.check(page, "sessions-errors-fr")
    page.get_by_label("Vendredi de la séance").fill("2027-01-08")
    page.get_by_label("Fin (heure du Québec)").fill("11:00")
    page.get_by_role("button", name="Créer la séance").click()
    expect(page.get_by_text(re.compile("La séance du 2027-01-08 est créée"))).to_be_visible()
    expect(page.locator("tbody tr")).to_contain_text("6 créneaux")
