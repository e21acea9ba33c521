"""Account security: server-side sessions, timeouts, two-step verification, passwords, re-auth."""

import re
from datetime import timedelta

import pyotp
import pytest

from app.blueprints.auth import two_factor
from app.extensions import db
from app.models import AuditEvent, Role, UserSession
from tests.conftest import PASSWORD


def _open_session(user) -> UserSession:
    return (
        db.session.execute(
            db.select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .order_by(UserSession.id.desc())
        )
        .scalars()
        .first()
    )


def test_a_new_session_at_each_sign_in_and_nothing_kept_from_before(client, auth, make_user):
    user = make_user()
    with client.session_transaction() as s:
        s["planted"] = "by an attacker"
    auth.login(user)
    with client.session_transaction() as s:
        first = s["_sid"]
        assert "planted" not in s
    auth.logout()
    auth.login(user)
    with client.session_transaction() as s:
        assert s["_sid"] != first


def test_logout_ends_the_session_on_the_server(client, auth, make_user):
    user = make_user()
    auth.login(user)
    stolen = client.get_cookie("session").value
    auth.logout()
    client.set_cookie("session", stolen)
    r = client.get("/tableau-de-bord")
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]


@pytest.mark.parametrize(
    ("field", "age"), [("last_seen_at", timedelta(hours=2)), ("created_at", timedelta(hours=13))]
)
def test_idle_and_absolute_timeouts(client, auth, make_user, field, age):
    user = make_user()
    auth.login(user)
    assert client.get("/tableau-de-bord").status_code == 200
    record = _open_session(user)
    setattr(record, field, getattr(record, field) - age)
    if field == "created_at":
        record.last_seen_at = record.last_seen_at  # still active: only the absolute limit applies
    db.session.commit()
    r = client.get("/tableau-de-bord")
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]
    db.session.refresh(record)
    assert record.ended_at is not None


def test_an_administrator_ends_every_session_of_a_user(client, auth, make_user):
    from app import sessions

    user = make_user()
    auth.login(user)
    assert client.get("/tableau-de-bord").status_code == 200
    assert sessions.end_all(user) == 1
    db.session.commit()
    assert client.get("/tableau-de-bord").status_code == 302


@pytest.fixture
def staff_must_use_two_factor(app):
    app.config["TWO_FACTOR_REQUIRED_ROLES"] = ("staff", "partner", "admin")


def test_staff_must_set_up_two_step_verification_then_use_it(
    client, auth, make_user, staff_must_use_two_factor
):
    staff = make_user(Role.STAFF)
    r = auth.login(staff)
    assert r.headers["Location"].endswith("/compte/securite/deux-etapes")
    # Nothing else is reachable before the second factor is set up.
    r = client.get("/programme/prequalification")
    assert r.status_code == 302 and r.headers["Location"].endswith("/compte/securite/deux-etapes")
    page = client.get("/compte/securite/deux-etapes")
    assert page.status_code == 200 and b"<svg" in page.data
    db.session.refresh(staff)
    secret = staff.totp_secret
    assert secret and secret.encode() in page.data and not staff.has_two_factor
    assert client.post("/compte/securite/deux-etapes", data={"code": "000000"}).status_code == 422
    code = pyotp.TOTP(secret).now()
    done = client.post("/compte/securite/deux-etapes", data={"code": code})
    assert done.status_code == 200
    db.session.refresh(staff)
    assert staff.has_two_factor and len(staff.recovery_codes) == 10
    recovery = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", done.get_data(as_text=True))
    assert len(recovery) == 10
    assert client.get("/programme/prequalification").status_code == 200

    # Next sign-in: the password alone is not enough.
    auth.logout()
    r = auth.login(staff)
    assert r.headers["Location"].endswith("/connexion/code")
    assert client.get("/programme/prequalification").status_code == 302
    # The code already used at set-up cannot be replayed...
    assert client.post("/connexion/code", data={"code": code}).status_code == 200
    assert client.get("/programme/prequalification").status_code == 302
    # ...but a recovery code works, once.
    assert client.post("/connexion/code", data={"code": recovery[0]}).status_code == 303
    assert client.get("/programme/prequalification").status_code == 200
    auth.logout()
    auth.login(staff)
    assert client.post("/connexion/code", data={"code": recovery[0]}).status_code == 200
    assert client.post("/connexion/code", data={"code": recovery[1].upper()}).status_code == 303
    # Staff cannot turn it off.
    assert (
        client.post(
            "/compte/securite/deux-etapes/desactiver", data={"off-current_password": PASSWORD}
        ).status_code
        == 403
    )


def test_totp_codes_are_checked_against_time_and_used_once(app, make_user):
    user = make_user()
    secret = two_factor.new_secret()
    now = 1_800_000_000.0
    totp = pyotp.TOTP(secret)
    assert two_factor.enable(user, secret, "123", now) is None
    assert two_factor.enable(user, secret, totp.at(now), now) is not None
    assert not two_factor.check_code(user, totp.at(now), now)  # just used to enable
    assert two_factor.check_code(user, totp.at(now + 30), now + 30)
    assert not two_factor.check_code(user, totp.at(now - 120), now + 30)  # too old
    assert two_factor.check_code(user, totp.at(now + 90), now + 60)  # one step of drift


def test_a_candidate_may_turn_two_step_verification_on_and_off(client, auth, make_user):
    user = make_user(locale="en_CA")
    auth.login(user)
    client.get("/compte/securite/deux-etapes")
    db.session.refresh(user)
    client.post("/compte/securite/deux-etapes", data={"code": pyotp.TOTP(user.totp_secret).now()})
    db.session.refresh(user)
    assert user.has_two_factor
    wrong = client.post(
        "/compte/securite/deux-etapes/desactiver", data={"off-current_password": "nope nope"}
    )
    assert wrong.status_code == 422 and "not your current password" in wrong.get_data(as_text=True)
    ok = client.post(
        "/compte/securite/deux-etapes/desactiver", data={"off-current_password": PASSWORD}
    )
    assert ok.status_code == 303
    db.session.refresh(user)
    assert not user.has_two_factor and user.totp_secret is None


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short77", False),
        ("x" * 65, False),
        ("motdepasse", False),
        ("Password123", False),
        ("un café au lac Saint-Jean", True),
        ("8charsok", True),
    ],
)
def test_password_rules_length_and_common_list(client, password, ok):
    r = client.post(
        "/inscription",
        data={
            "account_type": "candidate",
            "full_name": "Nadia Benali",
            "email": "nadia@example.org",
            "password": password,
            "password_confirm": password,
            "consent": "y",
        },
    )
    assert (r.status_code == 303) is ok


def test_changing_password_or_email_asks_for_the_current_password(client, auth, make_user):
    user = make_user(locale="en_CA")
    auth.login(user)
    other = client.application.test_client()
    other.post("/connexion", data={"email": user.email, "password": PASSWORD})
    bad = client.post(
        "/compte/securite/courriel",
        data={"em-email": "new@example.org", "em-current_password": "wrong password"},
    )
    assert bad.status_code == 422
    assert 'value="new@example.org"' in bad.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email != "new@example.org"
    ok = client.post(
        "/compte/securite/courriel",
        data={"em-email": "new@example.org", "em-current_password": PASSWORD},
    )
    assert ok.status_code == 303
    db.session.refresh(user)
    assert user.email == "new@example.org" and user.email_verified_at is None
    r = client.post(
        "/compte/securite/mot-de-passe",
        data={
            "pw-current_password": PASSWORD,
            "pw-password": "a brand new sentence",
            "pw-password_confirm": "a brand new sentence",
        },
    )
    assert r.status_code == 303
    assert client.get("/tableau-de-bord").status_code == 200  # this session goes on
    assert other.get("/tableau-de-bord").status_code == 302  # the other one is ended
    actions = {e.action for e in db.session.execute(db.select(AuditEvent)).scalars()}
    assert {"account.email_changed", "account.password_changed"} <= actions


def test_mailed_links_carry_no_email_address(client, outbox):
    import base64

    from tests.conftest import link_in

    client.post(
        "/inscription",
        data={
            "account_type": "candidate",
            "full_name": "Nadia Benali",
            "email": "nadia.benali@example.org",
            "password": "un café au lac Saint-Jean",
            "password_confirm": "un café au lac Saint-Jean",
            "consent": "y",
        },
    )
    path = link_in(outbox("nadia.benali@example.org")[-1].body)
    payload = path.rsplit("/", 1)[1].split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert b"nadia" not in decoded.lower() and b"example.org" not in decoded
    assert client.get(path).status_code == 303  # the link still confirms the address


def test_new_recovery_codes_replace_the_old_ones(client, auth, make_user):
    user = make_user(locale="en_CA")
    secret = two_factor.new_secret()
    old = two_factor.enable(user, secret, pyotp.TOTP(secret).now())
    db.session.commit()
    auth.login(user)
    client.post("/connexion/code", data={"code": old[0]})
    wrong = client.post("/compte/securite/codes", data={"rc-current_password": "nope nope"})
    assert wrong.status_code == 422
    page = client.post("/compte/securite/codes", data={"rc-current_password": PASSWORD})
    new = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", page.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    db.session.refresh(user)
    assert not two_factor.use_recovery_code(user, old[1])
    assert two_factor.use_recovery_code(user, new[0])
