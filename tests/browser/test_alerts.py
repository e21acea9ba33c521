"""Job alerts in Chromium, at 1280 and 390 px: a candidate saves a search in French, a job is
published, `flask alerts send` runs, the mail links to the job, and one click unsubscribes."""

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import PASSWORD
from tests.browser.test_marketplace import _employer_with_job, services
from tests.conftest import link_in

JOURNEYS = {
    1280: ("affineur", "Affineur ou affineuse de fromages", "Cheese ripener", 71),
    390: ("tonnelier", "Tonnelier ou tonnelière", "Cooper", 72),
}


def _mail_to(live_app, email: str):
    from app.models import OutboxMessage

    with services(live_app):
        mail = (
            db.session.execute(
                db.select(OutboxMessage)
                .where(OutboxMessage.recipient == email)
                .order_by(OutboxMessage.id.desc())
            )
            .scalars()
            .first()
        )
        return mail.subject, mail.body, dict(mail.headers)


def _open_menu_if_folded(page, width: int) -> None:
    toggle = page.locator("summary.nav-toggle")
    if width > 600:
        expect(toggle).to_be_hidden()
        expect(page.locator("#nav-list")).to_be_visible()
        return
    # On a phone the menu is folded: the page's title shows in the first screen.
    expect(page.locator("#nav-list")).to_be_hidden()
    assert page.locator("h1").bounding_box()["y"] < 400
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#nav-list")).to_be_visible()


@pytest.mark.parametrize("width", sorted(JOURNEYS, reverse=True))
def test_candidate_saves_a_search_gets_the_job_by_mail_and_unsubscribes(
    browser, live_server, live_app, a11y, width
):
    from app.blueprints.auth.services import register_candidate
    from app.models import EmailChoice, User
    from app.notify import get_preference

    keyword, title_fr, title_en, n = JOURNEYS[width]
    email = f"alerte{width}@example.org"
    with services(live_app):
        register_candidate(email, PASSWORD, "Inès Alerte", "fr_CA")
    context = browser.new_context(
        base_url=live_server, locale="fr-CA", viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # Anonymous: the board invites to sign in, and brings the search back after.
    page.goto("/postes")
    page.get_by_label("Mots-clés").fill(keyword)
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(f"q={keyword}"))
    _open_menu_if_folded(page, width)
    a11y.check(page, f"alerts-board-anonymous-{width}")
    page.locator(".save-search").get_by_role("link", name="Connectez-vous").click()
    page.get_by_label(re.compile("^Courriel$")).fill(email)
    page.get_by_label(re.compile("^Mot de passe$")).fill(PASSWORD)
    page.locator("#main").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enregistrer cette recherche comme alerte"
    )
    expect(page.get_by_label("Mots-clés")).to_have_value(keyword)
    a11y.check(page, f"alerts-new-{width}")

    # A search with no criterion is refused, the name kept; then saved with the keyword.
    page.get_by_label("Mots-clés").fill("")
    page.get_by_label("Nom de l’alerte").fill("Mon alerte")
    page.get_by_role("button", name="Enregistrer l’alerte").click()
    expect(page.locator(".error-summary")).to_contain_text("Choisissez au moins un critère")
    expect(page.get_by_label("Nom de l’alerte")).to_have_value("Mon alerte")
    page.get_by_label("Mots-clés").fill(keyword)
    page.get_by_label("Dès qu’un poste est publié").check()
    page.get_by_role("button", name="Enregistrer l’alerte").click()
    expect(page.get_by_text("L’alerte est enregistrée")).to_be_visible()
    expect(page.locator(".card")).to_contain_text("Dès qu’un poste est publié")
    a11y.check(page, f"alerts-list-{width}")

    # A job that matches is published; the sender runs (the CLI command itself).
    job_id, _employer = _employer_with_job(live_app, n, title_fr, title_en)
    result = live_app.test_cli_runner().invoke(args=["alerts", "send"])
    assert result.exit_code == 0 and "alert email(s) sent" in result.output
    subject, body, headers = _mail_to(live_app, email)
    assert subject.startswith("Maillage\u00a0: 1 nouveau poste")
    assert title_fr in body and title_en not in body
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(link_in(body))
    expect(page).to_have_url(re.compile(f"/postes/{job_id}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title_fr)

    # The unsubscribe link of the mail: a button asks to confirm, one click stops the alerts.
    unsubscribe = re.search(r"(/compte/desabonnement/\S+)", headers["List-Unsubscribe"]).group(1)
    assert unsubscribe.rstrip(">") in body
    page.goto(unsubscribe.rstrip(">"))
    a11y.check(page, f"alerts-unsubscribe-{width}")
    page.get_by_role("button", name="Ne plus recevoir ces courriels").click()
    expect(page.get_by_role("status").filter(has_text="C’est fait")).to_contain_text(
        "Alertes de postes"
    )
    with services(live_app):
        user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one()
        assert get_preference(user, "alerts").email == EmailChoice.OFF
        assert get_preference(user, "applications").email == EmailChoice.IMMEDIATE

    # The menu leads to the alerts page (folded behind its button on a phone).
    page.goto("/postes")
    _open_menu_if_folded(page, width)
    page.locator("#nav-list").get_by_role("link", name="Alertes de postes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes alertes de postes")
    context.close()
    assert errors == []
