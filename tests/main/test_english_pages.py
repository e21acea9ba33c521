"""Pages at their English addresses: the language, the hreflang alternates, the switch link,
the recorded choice, and links in the recipient's language in mail."""

import re

from app.extensions import db
from app.models import Role
from tests.conftest import PASSWORD, link_in


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def _switch(html: str) -> re.Match:
    found = re.search(
        r'<p class="lang-switch">\s*<a href="([^"]+)" lang="(\w+)" hreflang="([\w-]+)"', html
    )
    assert found, html[:2000]
    return found


def test_an_english_address_is_english_even_for_a_french_account_and_browser(
    app, make_employer, make_job, make_user
):
    job = make_job(make_employer().organisation, title_fr="Soudeur", title_en="Welder")
    user = make_user(locale="fr_CA")
    c = app.test_client()
    c.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-CA,fr;q=0.9"
    c.post("/connexion", data={"email": user.email, "password": PASSWORD})
    html = c.get(f"/en/jobs/{job.id}").get_data(as_text=True)
    assert '<html lang="en-CA">' in html and "Welder" in html
    # Its links stay on English addresses; the French address stays French.
    assert 'href="/en/jobs"' in html and 'href="/en/privacy"' in html
    assert '<html lang="fr-CA">' in c.get(f"/postes/{job.id}").get_data(as_text=True)


def test_every_page_names_its_address_in_each_language(app, client, reference):
    root = app.config["PUBLIC_URL"].rstrip("/")
    french = client.get("/postes?region=02&q=soudeur").get_data(as_text=True)
    english = client.get("/en/jobs?region=02&q=soudeur").get_data(as_text=True)
    expected = {
        "fr-CA": f"{root}/postes?region=02&amp;q=soudeur",
        "en-CA": f"{root}/en/jobs?region=02&amp;q=soudeur",
        "x-default": f"{root}/postes?region=02&amp;q=soudeur",
    }
    assert _alternates(french) == expected == _alternates(english)


def test_the_switch_is_a_link_to_the_same_page_in_the_other_language(client, reference):
    html = client.get("/regions/videos?q=emploi").get_data(as_text=True)
    link = _switch(html)
    assert link.group(1) == "/en/regions/videos?q=emploi&amp;langue=en"
    assert (link.group(2), link.group(3)) == ("en", "en-CA")
    assert ">English</a>" in html and '<form class="lang-switch"' not in html
    r = client.get("/en/regions/videos?q=emploi&langue=en")
    assert r.status_code == 303 and r.headers["Location"] == "/en/regions/videos?q=emploi"
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    link = _switch(html)
    assert link.group(1) == "/regions/videos?q=emploi&amp;langue=fr"
    assert (link.group(2), link.group(3)) == ("fr", "fr-CA") and ">Français</a>" in html


def test_the_switch_to_french_wins_over_an_english_account(app, make_user):
    user = make_user(locale="en_CA")
    c = app.test_client()
    c.post("/connexion", data={"email": user.email, "password": PASSWORD})
    assert '<html lang="en-CA">' in c.get("/confidentialite").get_data(as_text=True)
    r = c.get("/confidentialite?langue=fr")
    assert r.headers["Location"] == "/confidentialite"
    assert '<html lang="fr-CA">' in c.get("/confidentialite").get_data(as_text=True)
    db.session.refresh(user)
    assert user.locale == "fr_CA"


def test_the_switch_records_the_choice_for_a_signed_in_account(client, auth, make_user):
    user = make_user(locale="fr_CA")
    auth.login(user)
    r = client.get("/en/account/?langue=en")
    assert r.status_code == 303 and r.headers["Location"] == "/en/account/"
    db.session.refresh(user)
    assert user.locale == "en_CA"


def test_an_error_page_at_an_english_address_is_english(client):
    r = client.get("/en/nowhere")
    html = r.get_data(as_text=True)
    assert r.status_code == 404 and '<html lang="en-CA">' in html and "Page not found" in html
    assert 'hreflang="x-default"' not in html
    assert _switch(html).group(1) == "/?langue=fr"


def test_a_redirect_after_a_form_keeps_the_english_address(app, client, make_user):
    user = make_user(role=Role.CANDIDATE)
    r = client.post("/en/sign-in?next=/en/jobs", data={"email": user.email, "password": PASSWORD})
    assert r.status_code in (302, 303) and r.headers["Location"].endswith("/en/jobs")
    r = client.post("/en/sign-out")
    assert r.headers["Location"].startswith("/en/")
    client.post("/en/sign-in", data={"email": user.email, "password": PASSWORD})
    assert client.get("/en/dashboard").status_code == 200
    r = client.post("/en/sign-out")
    assert r.headers["Location"].startswith("/en/")


def test_notification_links_follow_the_page_language(client, auth, make_user):
    from app.notify import notify

    user = make_user(locale="fr_CA")
    notify(user, "funding_message", "/candidat/deplacements/7", email=False, number=7)
    db.session.commit()
    auth.login(user)
    assert 'href="/candidat/deplacements/7"' in client.get("/compte/notifications").get_data(
        as_text=True
    )
    english = client.get("/en/account/notifications").get_data(as_text=True)
    assert 'href="/en/candidate/trips/7"' in english


def test_mail_links_go_to_the_recipients_language(app, outbox):
    from app.blueprints.auth.services import register_candidate

    register_candidate("en@example.org", "a long password", "Ann", "en_CA")
    register_candidate("fr@example.org", "a long password", "Anne", "fr_CA")
    db.session.commit()
    assert link_in(outbox("en@example.org")[-1].body).startswith("/en/email/verify/")
    assert link_in(outbox("fr@example.org")[-1].body).startswith("/courriel/verifier/")


def test_notification_mail_and_its_unsubscribe_header_are_in_english(app, make_user, outbox):
    from app.notify import notify

    user = make_user(locale="en_CA")
    notify(user, "funding_message", "/candidat/deplacements/7", number=7)
    db.session.commit()
    (mail,) = [m for m in outbox(user.email) if "trips" in m.body or "deplacements" in m.body]
    root = app.config["PUBLIC_URL"].rstrip("/")
    assert f"{root}/en/candidate/trips/7" in mail.body
    assert "/candidat/deplacements/7" not in mail.body
    assert "/en/account/unsubscribe/" in mail.headers["List-Unsubscribe"]
    assert "/en/account/notifications/preferences" in mail.body


def test_a_french_address_is_french_for_an_english_browser_that_chose_nothing(app):
    c = app.test_client()
    c.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    assert '<html lang="fr-CA">' in c.get("/confidentialite").get_data(as_text=True)
    assert '<html lang="en-CA">' in c.get("/en/privacy").get_data(as_text=True)
    assert "Page not found" in c.get("/nowhere").get_data(as_text=True)  # no page: its browser
