"""Travel funding in Chromium: a request from the candidate (French) to its payment (English)."""

import re
from pathlib import Path

from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_journeys import PASSWORD, login
from tests.browser.test_marketplace import services

CANDIDATE = "mariama@example.org"
ADVISOR = "promis@demo.maillage.example"


def _candidate_with_mutual_interest(live_app) -> None:
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
        job = db.session.execute(
            db.select(Job).where(
                Job.organisation_id == employer.organisation.id, Job.noc == "33102"
            )
        ).scalar_one()
        profile = get_profile(register_candidate(CANDIDATE, PASSWORD, "Mariama Bah", "fr_CA"))
        set_consents(profile, True, False)
        application = apply_to_job(profile, job, "", today())
        for to, who, actor in (
            (ApplicationStatus.PREQUALIFIED, staff, Actor.STAFF),
            (ApplicationStatus.SHORTLISTED, employer, Actor.EMPLOYER),
            (ApplicationStatus.INTERVIEW_SCHEDULED, employer, Actor.EMPLOYER),
            (ApplicationStatus.INTERVIEWED, employer, Actor.EMPLOYER),
        ):
            transition_application(application, to, who, actor, note="ok")


def _sign_out(page) -> None:
    page.get_by_role("button", name=re.compile("^(Se déconnecter|Sign out)$")).click()


def _open_request_as_advisor(page, a11y=None, name=None):
    login(page, ADVISOR)
    page.get_by_role("link", name="English", exact=True).click()
    page.get_by_role("link", name="Funding requests", exact=True).click()
    if a11y:
        a11y.check(page, name)
    page.locator("#results tr", has_text="Mariama Bah").get_by_role("link").click()


def test_funding_request_from_candidate_to_payment(page, a11y, live_app, tmp_path):
    _candidate_with_mutual_interest(live_app)

    # The candidate asks for funding, in French, and sees the estimate update as she types.
    login(page, CANDIDATE, PASSWORD)
    page.get_by_role("link", name="Mes déplacements").click()
    a11y.check(page, "funding-mine-fr")
    page.get_by_role(
        "link", name="Demander le financement d’un déplacement chez Fromagerie du Lac inc."
    ).click()
    expect(page.locator("#estimate")).to_contain_text("Choisissez votre ville de départ")
    page.get_by_label("Autocar").check()
    page.get_by_label("Voiture").check()
    page.get_by_label("Ville de départ").select_option(label="Montréal")
    expect(page.locator("#estimate")).to_contain_text("km")
    page.get_by_label("Nuits d’hébergement").fill("1")
    page.get_by_label("Jours de repas").fill("2")
    page.get_by_label("Date de retour").fill("2020-01-01")
    a11y.check(page, "funding-new-fr")
    page.get_by_label("Note à l’organisme partenaire (facultatif)").fill("Je viendrai en voiture.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    # A return before the departure: the message is in French and nothing typed is lost.
    expect(page.locator("#return_on-error")).to_contain_text("date de retour")
    expect(page.get_by_label("Note à l’organisme partenaire (facultatif)")).to_have_value(
        "Je viendrai en voiture."
    )
    expect(page.get_by_label("Ville de départ")).to_have_value(re.compile(r"^\d+$"))
    a11y.check(page, "funding-new-errors-fr")
    page.get_by_label("Date de retour").fill(page.get_by_label("Date de départ").input_value())
    page.get_by_label("Nuits d’hébergement").fill("0")
    page.get_by_label("Jours de repas").fill("1")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_text("Votre demande est transmise à PROMIS.")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Envoyée")
    a11y.check(page, "funding-request-fr")
    asked = page.locator("dt:has-text('Montant demandé') + dd").inner_text()
    _sign_out(page)

    # The PROMIS advisor, in English, asks for more information.
    _open_request_as_advisor(page, a11y, "funding-queue-en")
    a11y.check(page, "funding-review-en")
    page.get_by_label("What is missing (one item per line)").fill(
        "The employer's invitation letter\nYour driving licence"
    )
    page.get_by_role("button", name="Ask the candidate").click()
    expect(page.locator(".facts")).to_contain_text("Information needed")
    _sign_out(page)

    # The candidate answers each item in place, then sends her answers back.
    login(page, CANDIDATE, PASSWORD)
    page.get_by_role("link", name="Français", exact=True).click()  # the advisor left the browser in English
    page.goto("/candidat/deplacements")
    page.get_by_role("link", name=re.compile(r"^No \d+$")).first.click()
    # Text typed in item 2 but not saved yet survives saving item 1 (only item 1 is swapped).
    page.get_by_label("Votre réponse à l’élément 2").fill("Permis de conduire du Québec.")
    page.get_by_label("Votre réponse à l’élément 1").fill("Je l’ai reçue par courriel, la voici.")
    page.get_by_role("button", name="Enregistrer ma réponse à l’élément 1").click()
    expect(page.locator("#checklist")).to_contain_text("Répondu")
    expect(page.get_by_label("Votre réponse à l’élément 2")).to_have_value(
        "Permis de conduire du Québec."
    )
    page.get_by_role("button", name="Enregistrer ma réponse à l’élément 2").click()
    expect(page.locator("#checklist .badge-done")).to_have_count(2)
    a11y.check(page, "funding-answers-fr")
    page.get_by_role(
        "button", name="Envoyer mes réponses au conseiller ou à la conseillère"
    ).click()
    expect(page.get_by_text("Vos réponses sont envoyées.")).to_be_visible()
    _sign_out(page)

    # The advisor approves a lower amount, with a reason.
    _open_request_as_advisor(page)
    expect(page.get_by_text("Permis de conduire du Québec.")).to_be_visible()
    page.get_by_label("Approved amount ($)").fill("100.00")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#approuver-reason-error")).to_be_visible()
    expect(page.get_by_label("Approved amount ($)")).to_have_value("100.00")
    a11y.check(page, "funding-approve-error-en")
    page.get_by_label("Reason, if lower than asked").fill("Lodging is not needed for a day trip.")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text(re.compile(r"Request no\. \d+: Approved\."))).to_be_visible()
    _sign_out(page)

    # The candidate sees the decision and uploads a receipt after the trip.
    login(page, CANDIDATE, PASSWORD)
    page.get_by_role("link", name="Français", exact=True).click()  # the advisor left the browser in English
    page.goto("/candidat/deplacements")
    expect(page.locator("tbody")).to_contain_text("100,00")
    page.get_by_role("link", name=re.compile(r"^No \d+$")).first.click()
    expect(page.get_by_text("Lodging is not needed for a day trip.")).to_be_visible()
    receipt = Path(tmp_path) / "essence.pdf"
    receipt.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    page.get_by_label("Reçu (PDF ou photo, 10 Mo au maximum)").set_input_files(str(receipt))
    page.get_by_role("button", name="Envoyer ce reçu").click()
    expect(page.get_by_text("Votre reçu est envoyé.")).to_be_visible()
    expect(page.locator("#receipts")).to_contain_text("essence.pdf")
    a11y.check(page, "funding-receipt-fr")
    _sign_out(page)

    # The advisor records the payment.
    _open_request_as_advisor(page)
    expect(page.locator("#receipts")).to_contain_text("essence.pdf")
    page.get_by_label("Payment reference").fill("VIR-2026-0042")
    a11y.check(page, "funding-pay-en")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_text(re.compile(r"Request no\. \d+: Paid\."))).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("VIR-2026-0042")
    assert asked != page.locator("dt:has-text('Amount approved') + dd").inner_text()


def test_case_file_followed_by_the_advisor_and_seen_by_the_candidate(page, a11y):
    # The demo candidate Amina asked for funding: PROMIS has her case file.
    login(page, ADVISOR)
    if page.get_by_role("link", name="Français", exact=True).count():  # the account chose English earlier
        page.get_by_role("link", name="Français", exact=True).click()
    page.get_by_role("link", name="Dossiers d’accompagnement").first.click()
    a11y.check(page, "cases-fr")
    page.get_by_role("link", name="Amina Diallo").click()
    page.get_by_label("Premier contact : fait").check()
    page.get_by_role("button", name="Enregistrer la liste").click()
    expect(page.get_by_text("La liste est enregistrée.")).to_be_visible()
    expect(page.get_by_label("Premier contact : fait")).to_be_checked()
    page.get_by_label("Nouvelle note").fill("Premier appel : très motivée, deux enfants.")
    page.get_by_role("button", name="Ajouter la note").click()
    expect(page.locator("#notes")).to_contain_text("deux enfants")
    page.get_by_label("Objet du contact").fill("Préparer la visite exploratoire")
    page.get_by_label("Prochain contact").fill("2020-01-01")
    page.get_by_role("button", name="Planifier le contact").click()
    expect(page.locator("#next_contact_on-error")).to_be_visible()
    expect(page.get_by_label("Objet du contact")).to_have_value("Préparer la visite exploratoire")
    a11y.check(page, "case-fr")
    _sign_out(page)

    login(page, "candidat@demo.maillage.example")
    page.goto("/candidat/accompagnement")
    expect(page.get_by_text("PROMIS vous accompagne")).to_be_visible()
    expect(page.locator("li", has_text="Premier contact")).to_contain_text("fait le")
    expect(page.locator("#next-title + p, #next-title ~ p").last).to_contain_text(
        "Visite exploratoire"
    )
    expect(page.locator("body")).not_to_contain_text("deux enfants")  # notes stay with the partner
    a11y.check(page, "followup-mine-fr")
