"""Home, language switch, error pages, security headers, health check."""

import pytest

from app.extensions import db
from tests.conftest import PASSWORD


def test_home_explains_program_in_both_languages(lclient, lang):
    r = lclient.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    if lang == "fr":
        assert '<html lang="fr-CA">' in html
        assert "Pour les employeurs en région" in html
    else:
        assert '<html lang="en-CA">' in html
        assert "For employers in the regions" in html
    assert "PROMIS" in html
    assert 'href="/confidentialite"' in html
    assert 'class="skip-link" href="#main"' in html


def test_french_is_the_default_without_accept_language(client):
    assert '<html lang="fr-CA">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/", "/en/"),
        ("/regions/", "/en/regions/"),
        ("/connexion", "/en/sign-in"),
        ("/confidentialite", "/en/privacy"),
        ("/inscription?x=1", "/en/sign-up?x=1"),
    ],
)
def test_old_language_switch_form_goes_to_the_same_page_in_the_other_language(
    client, reference, path, english
):
    r = client.post("/langue", data={"lang": "en_CA", "next": path})
    assert r.status_code == 303
    assert r.headers["Location"] == english
    assert '<html lang="en-CA">' in client.get(english).get_data(as_text=True)
    # The choice is kept for the French address too (this browser asked for English).
    assert '<html lang="en-CA">' in client.get(path).get_data(as_text=True)
    r = client.post("/langue", data={"lang": "fr_CA", "next": english})
    assert r.headers["Location"] == path
    assert '<html lang="fr-CA">' in client.get(path).get_data(as_text=True)


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client):
    r = client.post("/langue", data={"lang": "en_CA", "next": "//evil.example/"})
    assert r.headers["Location"] == "/en/"
    assert client.post("/langue", data={"lang": "klingon", "next": "/"}).status_code == 400


def test_language_choice_is_saved_on_the_account(client, auth, make_user):
    user = make_user(locale="fr_CA")
    auth.login(user)
    client.post("/langue", data={"lang": "en_CA", "next": "/compte/"})
    db.session.refresh(user)
    assert user.locale == "en_CA"


def test_account_language_applies_on_a_new_device(app, make_user):
    user = make_user(locale="en_CA")
    c = app.test_client()
    c.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-CA"
    c.post("/connexion", data={"email": user.email, "password": PASSWORD})
    assert '<html lang="en-CA">' in c.get("/tableau-de-bord").get_data(as_text=True)


def test_404_page_in_both_languages(lclient, lang):
    r = lclient.get("/nowhere")
    assert r.status_code == 404
    html = r.get_data(as_text=True)
    assert ("Page introuvable" in html) if lang == "fr" else ("Page not found" in html)


def test_csrf_failure_is_a_400_page_not_a_500(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    c = app.test_client()
    r = c.post("/connexion", data={"email": "a@b.example", "password": "x"})
    assert r.status_code == 400
    assert "Votre session a expiré" in r.get_data(as_text=True)
    r = c.post("/langue", data={"lang": "en_CA", "next": "/"}, headers={"HX-Request": "true"})
    assert r.status_code == 400


def test_csrf_header_is_accepted_for_htmx(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)
    c = app.test_client()
    html = c.get("/").get_data(as_text=True)
    token = html.split('"X-CSRFToken": "')[1].split('"')[0]
    r = c.post("/langue", data={"lang": "en_CA", "next": "/"}, headers={"X-CSRFToken": token})
    assert r.status_code == 303


def test_unhandled_error_gives_the_500_page(app_factory):
    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    r = app.test_client().get("/boom")
    assert r.status_code == 500
    assert "Une erreur inattendue" in r.get_data(as_text=True)


def test_413_page(app_factory):
    app = app_factory(MAX_CONTENT_LENGTH=10)
    r = app.test_client().post("/connexion", data={"email": "x" * 100})
    assert r.status_code == 413
    assert "Fichier trop volumineux" in r.get_data(as_text=True)


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "cdn.jsdelivr.net" not in csp
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "/static/vendor/htmx-2.0.11.min.js" in r.get_data(as_text=True)


def test_htmx_from_cdn_with_sri_when_enabled(app_factory):
    app = app_factory(HTMX_CDN=True)
    r = app.test_client().get("/")
    html = r.get_data(as_text=True)
    assert 'integrity="sha384-' in html and "htmx.org@2.0.11" in html
    assert "https://cdn.jsdelivr.net" in r.headers["Content-Security-Policy"]


def test_shipped_htmx_matches_the_sri_hash():
    import base64
    import hashlib
    from pathlib import Path

    from app import HTMX_FILE, HTMX_SRI

    data = (Path(__file__).resolve().parents[2] / "app" / "static" / HTMX_FILE).read_bytes()
    assert HTMX_SRI == "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    assert b"2.0.11" in data


def test_session_cookie_flags(app):
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["SESSION_PROTECTION"] == "strong"


def test_production_config_requires_secret_key(monkeypatch):
    from app.config import ProductionConfig

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        ProductionConfig()
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    cfg = ProductionConfig()
    assert cfg.SESSION_COOKIE_SECURE and cfg.TWO_FACTOR_REQUIRED_ROLES == (
        "staff",
        "partner",
        "admin",
    )


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_broken_database(client, monkeypatch):
    from app.blueprints.main import services

    monkeypatch.setattr(
        services.db.session, "execute", lambda *a, **k: (_ for _ in ()).throw(RuntimeError())
    )
    r = client.get("/healthz")
    assert r.status_code == 503


def test_dashboard_requires_login(client):
    r = client.get("/tableau-de-bord")
    assert r.status_code == 302 and r.headers["Location"].startswith("/connexion")


def test_money_and_dates_follow_the_locale(app):
    from flask_babel import force_locale

    from app.i18n import money

    with app.test_request_context():
        with force_locale("fr_CA"):
            assert money(1234.5) == "1\xa0234,50\xa0$"
        with force_locale("en_CA"):
            assert money(1234.5) == "$1,234.50"


PUBLIC_ENDPOINTS = {
    "main.index",
    "main.privacy",
    "main.healthz",
    "main.set_language",
    "auth.signup",
    "auth.login",
    "auth.forgot_password",
    "auth.login_code",
    "regions.index",
    "jobs.board",
    "jobs.occupation_search",
    "regions.municipality_options",
    "regions.library",
    "privacy.account_deleted",
    "auth.check_email",  # a 404 without a sign-up in this browser
    "notifications.unsubscribe",
    "main.robots",
    "main.sitemap",
    "jobs.feed",  # RFC 8058: the signed token is the proof, no sign-in (a 404 if bad)
    "interviews.calendar_feed",  # a calendar application fetches it: the private address is the key
    "static",
}


def test_every_other_page_needs_a_signed_in_user(app, client):
    """Role checks on every view: anything not listed as public sends visitors to sign in."""
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS or rule.arguments - {"token", "lang_code"}:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        url = rule.rule.replace("<token>", "x").replace("<any(en):lang_code>", "en")
        response = client.open(url, method=method)
        if "token" in rule.arguments:
            assert response.status_code in (302, 303), url
            continue
        # The English twin of a page sends visitors to the English sign-in page.
        sign_in = "/en/sign-in" if "lang_code" in rule.arguments else "/connexion"
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(sign_in), url
        checked += 1
    assert checked >= 10


def test_redis_url_moves_rate_limits_to_redis(app_factory):
    app = app_factory(REDIS_URL="redis://127.0.0.1:6379/15")
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/15"


def test_smtp_is_used_when_configured(app_factory, monkeypatch, outbox):
    import app.mail as mail_module

    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("tls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("send", message["To"], message["Subject"]))

    monkeypatch.setattr(mail_module.smtplib, "SMTP", FakeSMTP)
    app_factory(MAIL_SERVER="smtp.example", MAIL_USERNAME="bot")
    from app.blueprints.auth.services import register_candidate

    register_candidate("new@example.org", "a long password", "New", "en_CA")
    assert ("connect", "smtp.example", 587) in sent and ("tls",) in sent
    assert ("send", "new@example.org", "Confirm your email address for Maillage") in sent
    (message,) = outbox("new@example.org")
    assert message.transport == "smtp" and message.sent_at is not None


def test_language_switch_keeps_filters_pushed_by_htmx(client):
    r = client.post(
        "/langue",
        data={"lang": "en_CA", "next": "/postes"},
        headers={"Referer": "http://localhost/postes?region=02&q=soudeur"},
    )
    assert r.headers["Location"] == "/en/jobs?region=02&q=soudeur"
    r = client.post(
        "/langue",
        data={"lang": "fr_CA", "next": "/postes"},
        headers={"Referer": "https://evil.example/x"},
    )
    assert r.headers["Location"] == "/postes"


@pytest.mark.parametrize("code", ["fr_CA", "en_CA"])
def test_money_is_babels_currency_format_for_every_kind_of_amount(code):
    from decimal import Decimal

    from babel.numbers import format_currency

    from app.i18n import babel_locale, money

    for amount in (0, 1234.5, Decimal("24.50"), -5, 1_000_000, 0.125):
        assert money(amount, babel_locale(code)) == format_currency(amount, "CAD", locale=code)
