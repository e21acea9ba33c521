"""Sign-up, sign-in, reset: access, bad input, both languages."""

import pytest

from app.extensions import db
from app.models import Role, User
from tests.conftest import PASSWORD, link_in


def signup_data(**overrides):
    data = {
        "account_type": "candidate",
        "full_name": "Amina Diallo",
        "email": "amina@example.org",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "consent": "y",
    }
    data.update(overrides)
    return data


def test_signup_candidate_confirms_by_link_and_keeps_language(lclient, lang, reference, outbox):
    r = lclient.post("/inscription", data=signup_data())
    assert r.status_code == 303 and r.headers["Location"].endswith("/inscription/courriel")
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.locale == ("fr_CA" if lang == "fr" else "en_CA")
    page = lclient.get("/inscription/courriel").get_data(as_text=True)
    assert "amina@example.org" in page
    # Not signed in until the link is opened, in this browser.
    assert lclient.get("/tableau-de-bord").status_code == 302
    r = lclient.get(link_in(outbox("amina@example.org")[-1].body))
    # The link goes to the address in the person's language, and the site stays in it.
    dashboard = "/tableau-de-bord" if lang == "fr" else "/en/dashboard"
    assert r.status_code == 303 and r.headers["Location"].endswith(dashboard)
    assert "Amina Diallo" in lclient.get("/tableau-de-bord").get_data(as_text=True)
    db.session.refresh(user)
    assert user.email_verified


def test_the_link_opened_in_another_browser_confirms_without_signing_in(
    app, client, reference, outbox
):
    client.post("/inscription", data=signup_data())
    other = app.test_client()
    r = other.get(link_in(outbox("amina@example.org")[-1].body))
    assert r.status_code == 303 and "/connexion" in r.headers["Location"]
    assert other.get("/tableau-de-bord").status_code == 302
    user = db.session.execute(db.select(User)).scalar_one()
    db.session.refresh(user)
    assert user.email_verified


def test_check_email_page_needs_a_sign_up(client):
    assert client.get("/inscription/courriel").status_code == 404


def test_signup_bad_input_keeps_what_was_typed(lclient, lang, reference):
    r = lclient.post(
        "/inscription",
        data=signup_data(password_confirm="something else", consent="", full_name="Zoë Ng"),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'value="Zoë Ng"' in html and 'value="amina@example.org"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="password_confirm-error"' in html
    if lang == "fr":
        assert "Les mots de passe ne correspondent pas." in html
    else:
        assert "The passwords do not match." in html
    assert db.session.execute(db.select(db.func.count(User.id))).scalar_one() == 0


def test_signup_employer_needs_organisation_and_valid_neq(lclient, lang, reference):
    r = lclient.post(
        "/inscription",
        data=signup_data(
            account_type="employer", organisation_name="Bleuetière", neq="12345", region="02"
        ),
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'value="Bleuetière"' in html and 'value="12345"' in html
    assert ("exactement 10\xa0chiffres" in html) if lang == "fr" else ("exactly 10 digits" in html)
    assert '<option selected value="02">' in html


def test_signup_employer_with_valid_neq(client, reference):
    from app.models import Municipality

    alma = db.session.execute(db.select(Municipality).filter_by(name="Alma")).scalar_one()
    r = client.post(
        "/inscription",
        data=signup_data(
            account_type="employer",
            organisation_name="Bleuetière",
            neq="1 234 567 890",
            region="02",
            municipality=str(alma.id),
        ),
    )
    assert r.status_code == 303
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.role == Role.EMPLOYER
    assert user.membership.organisation.neq == "1234567890"
    assert user.membership.organisation.municipality == alma


def test_signup_with_taken_email_answers_as_a_new_one(app, client, make_user, reference, outbox):
    owner = make_user(email="amina@example.org", full_name="Amina Owner")
    fresh = app.test_client()
    new = fresh.post("/inscription", data=signup_data(email="nouvelle@example.org"))
    taken = client.post("/inscription", data=signup_data())
    assert taken.status_code == new.status_code == 303
    assert taken.headers["Location"] == new.headers["Location"]
    import re

    def page(c, name):  # the page without its CSRF token, and with the address typed masked
        html = c.get("/inscription/courriel").get_data(as_text=True).replace(name + "@", "X@")
        return re.sub(r"[\w-]{20,}\.[\w-]+\.[\w-]+", "", html)  # CSRF tokens

    assert page(client, "amina") == page(fresh, "nouvelle")
    # Nothing was created, nobody is signed in, and the owner is told how to get in.
    assert db.session.execute(db.select(db.func.count(User.id))).scalar_one() == 2
    assert client.get("/tableau-de-bord").status_code == 302
    mail = outbox(owner.email)[-1]
    assert "déjà un compte" in mail.body
    assert "/connexion" in mail.body and "/mot-de-passe/oubli" in mail.body


def test_login_wrong_password_keeps_email(lclient, lang, make_user):
    user = make_user(email="me@example.org")
    r = lclient.post("/connexion", data={"email": user.email, "password": "nope nope nope"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'value="me@example.org"' in html
    assert "incorrect" in html


def test_login_logout(client, auth, make_user):
    user = make_user()
    assert auth.login(user).status_code == 303
    assert client.get("/tableau-de-bord").status_code == 200
    auth.logout()
    r = client.get("/tableau-de-bord")
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]


def test_login_redirects_only_to_local_next(client, make_user):
    user = make_user()
    r = client.post(
        "/connexion?next=https://evil.example/x", data={"email": user.email, "password": PASSWORD}
    )
    assert r.headers["Location"] == "/tableau-de-bord"
    client.post("/deconnexion")
    r = client.post("/connexion?next=/compte/", data={"email": user.email, "password": PASSWORD})
    assert r.headers["Location"] == "/compte/"


def test_inactive_account_cannot_sign_in(client, make_user):
    user = make_user(active=False)
    r = client.post("/connexion", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 200


def test_session_cookie_is_hardened(client, make_user):
    user = make_user()
    r = client.post("/connexion", data={"email": user.email, "password": PASSWORD})
    cookie = [h for h in r.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert cookie and "HttpOnly" in cookie[0] and "SameSite=Lax" in cookie[0]
    assert not [h for h in r.headers.getlist("Set-Cookie") if h.startswith("remember_token=")]


def test_password_reset_flow(client, make_user, outbox):
    user = make_user(locale="en_CA")
    r = client.post("/mot-de-passe/oubli", data={"email": user.email})
    assert r.status_code == 303
    path = link_in(outbox(user.email)[-1].body)
    assert client.get(path).status_code == 200
    r = client.post(path, data={"password": "short", "password_confirm": "short"})
    assert r.status_code == 200 and 'aria-invalid="true"' in r.get_data(as_text=True)
    r = client.post(
        path, data={"password": "my new long password", "password_confirm": "my new long password"}
    )
    assert r.status_code == 303
    r = client.get(path)
    assert r.status_code == 303 and "/en/password/forgotten" in r.headers["Location"]
    r = client.post("/connexion", data={"email": user.email, "password": "my new long password"})
    assert r.status_code == 303


def test_password_reset_ends_other_sessions(app, make_user):
    from app.blueprints.auth.services import reset_password

    user = make_user()
    other = app.test_client()
    other.post("/connexion", data={"email": user.email, "password": PASSWORD})
    assert other.get("/tableau-de-bord").status_code == 200
    reset_password(user, "another long password")
    db.session.commit()
    assert other.get("/tableau-de-bord").status_code == 302


def test_email_verification_link(client, auth, make_user, outbox):
    user = make_user(verified=False)
    auth.login(user)
    assert "confirm" in client.get("/tableau-de-bord").get_data(as_text=True).lower()
    client.post("/courriel/renvoyer", data={"next": "/compte/"})
    path = link_in(outbox(user.email)[-1].body)
    r = client.get(path)
    assert r.status_code == 303
    db.session.refresh(user)
    assert user.email_verified
    assert client.get("/courriel/verifier/not-a-token").status_code == 303


@pytest.mark.parametrize(
    "path, data",
    [
        ("/connexion", {"email": "x@example.org", "password": "whatever pw"}),
        ("/inscription", {"email": "x@example.org"}),
        ("/mot-de-passe/oubli", {"email": "x@example.org"}),
    ],
)
def test_rate_limit_on_auth_forms(app_factory, path, data):
    app = app_factory(
        RATELIMIT_ENABLED=True, AUTH_RATE_LIMIT="3 per minute", LOGIN_ACCOUNT_RATE_LIMIT="3/minute"
    )
    from app.extensions import limiter

    limiter.reset()
    c = app.test_client()
    codes = [c.post(path, data=data).status_code for _ in range(4)]
    assert 429 not in codes[:3]
    assert codes[3] == 429
    r = c.post(path, data=data)
    assert "Trop de tentatives" in r.get_data(as_text=True)
    assert c.get(path).status_code == 200
    limiter.reset()


def _limited_app(app_factory, **limits):
    from app.extensions import limiter

    app = app_factory(RATELIMIT_ENABLED=True, **limits)
    limiter.reset()
    return app


def test_failures_on_one_account_leave_a_colleague_at_the_same_address_signing_in(
    app_factory, make_user
):
    app = _limited_app(
        app_factory, LOGIN_ACCOUNT_RATE_LIMIT="3 per minute", LOGIN_ADDRESS_RATE_LIMIT="8/minute"
    )
    target, colleague = make_user(email="cible@example.org"), make_user(email="autre@example.org")
    c = app.test_client()  # one client address for both: a shared office
    wrong = {"email": target.email, "password": "not the password"}
    codes = [c.post("/connexion", data=wrong).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # The right password on the locked account is refused too (guessing stops there)...
    assert c.post("/connexion", data={"email": target.email, "password": PASSWORD}).status_code == (
        429
    )
    # ...but the colleague signs in from the same address.
    ok = c.post("/connexion", data={"email": colleague.email, "password": PASSWORD})
    assert ok.status_code == 303


def test_a_spread_of_attempts_on_one_account_from_many_addresses_is_stopped(app_factory, make_user):
    app = _limited_app(app_factory, LOGIN_ACCOUNT_RATE_LIMIT="3 per minute")
    target = make_user(email="cible@example.org")
    wrong = {"email": "Cible@Example.org ", "password": "not the password"}
    codes = [
        app.test_client()
        .post("/connexion", data=wrong, environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        .status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    assert target.email == "cible@example.org"


def test_successful_sign_ins_do_not_count_against_the_address(app_factory, make_user):
    app = _limited_app(app_factory, LOGIN_ADDRESS_RATE_LIMIT="2 per minute")
    users = [make_user(email=f"u{i}@example.org") for i in range(4)]
    codes = [
        app.test_client()
        .post("/connexion", data={"email": u.email, "password": PASSWORD})
        .status_code
        for u in users
    ]
    assert codes == [303, 303, 303, 303]
