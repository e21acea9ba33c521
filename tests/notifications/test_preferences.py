"""Notification preferences inside notify(), daily digests and the RFC 8058 one-click unsubscribe."""

from urllib.parse import urlsplit

from app.extensions import db
from app.models import DigestItem, EmailChoice, Notification, OutboxMessage, Role
from app.notify import (
    CATEGORIES,
    Preference,
    category_of,
    get_preference,
    notify,
    save_preferences,
    send_digests,
)


def _funding(user, number=7):
    return notify(user, "funding_message", f"/candidat/deplacements/{number}", number=number)


def _choose(user, category, portal=True, email=EmailChoice.IMMEDIATE):
    save_preferences(user, [Preference(category, portal, email)])
    db.session.commit()


def _path(url: str) -> str:
    return urlsplit(url.strip("<>")).path


def test_every_kind_has_a_category_and_unknown_kinds_default_to_other():
    from app.notify import CATEGORY_OF_KIND, NOTIFICATION_TEXTS

    assert set(NOTIFICATION_TEXTS) <= set(CATEGORY_OF_KIND)
    assert set(CATEGORY_OF_KIND.values()) <= set(CATEGORIES)
    assert category_of("message_received") == "messages"
    assert category_of("some_future_kind") == "other"
    assert category_of("funding_message") == "funding" and category_of("alert_jobs") == "alerts"


def test_immediate_email_carries_one_click_unsubscribe(make_user, outbox):
    user = make_user(Role.CANDIDATE)
    _funding(user)
    db.session.commit()
    [mail] = outbox(user.email)
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = mail.headers["List-Unsubscribe"]
    assert link.startswith("<http") and link.endswith(">")
    assert link.strip("<>") in mail.body and "/compte/notifications/preferences" in mail.body


def test_category_off_sends_no_email_and_the_portal_follows_its_own_choice(make_user, outbox):
    user = make_user(Role.CANDIDATE)
    _choose(user, "funding", portal=True, email=EmailChoice.OFF)
    _funding(user)
    db.session.commit()
    assert outbox(user.email) == []
    assert db.session.execute(db.select(Notification)).scalar_one().kind == "funding_message"

    _choose(user, "funding", portal=False, email=EmailChoice.IMMEDIATE)
    _funding(user, 8)
    db.session.commit()
    assert len(outbox(user.email)) == 1
    assert db.session.execute(db.select(db.func.count(Notification.id))).scalar_one() == 1
    # Other categories are untouched.
    notify(user, "check_in_due", "/candidat/suivi", org="PROMIS", months=3)
    db.session.commit()
    assert len(outbox(user.email)) == 2


def test_digest_batches_pending_notifications_in_one_email(make_user, outbox):
    user = make_user(Role.CANDIDATE, locale="en_CA")
    _choose(user, "funding", email=EmailChoice.DAILY)
    _choose(user, "followup", email=EmailChoice.DAILY)
    _funding(user, 7)
    _funding(user, 8)
    notify(user, "check_in_due", "/candidat/suivi", org="PROMIS", months=3)
    db.session.commit()
    assert outbox(user.email) == []
    assert db.session.execute(db.select(db.func.count(DigestItem.id))).scalar_one() == 3

    assert send_digests() == 1
    db.session.commit()
    [mail] = outbox(user.email)
    assert mail.subject == "Maillage: 3 new notifications"
    assert "request no. 7" in mail.body and "request no. 8" in mail.body and "PROMIS" in mail.body
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert send_digests() == 0  # nothing left: a second run sends nothing


def test_one_click_post_unsubscribes_from_that_category_only(client, make_user, outbox):
    user = make_user(Role.CANDIDATE)
    _funding(user)
    db.session.commit()
    path = _path(outbox(user.email)[0].headers["List-Unsubscribe"])

    page = client.get(path)  # a link checker's GET changes nothing
    assert page.status_code == 200 and "Ne plus recevoir ces courriels" in page.get_data(
        as_text=True
    )
    assert get_preference(user, "funding").email == EmailChoice.IMMEDIATE

    # RFC 8058: no session, no CSRF token, just this body.
    r = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200
    assert get_preference(user, "funding").email == EmailChoice.OFF
    assert get_preference(user, "followup").email == EmailChoice.IMMEDIATE
    assert client.post("/compte/desabonnement/forged.token").status_code == 404


def test_one_click_works_with_csrf_on(app_factory, make_user):
    app = app_factory(WTF_CSRF_ENABLED=True)
    from app.notify import unsubscribe_token

    user = make_user(Role.CANDIDATE)
    token = unsubscribe_token(user, ["alerts"])
    r = app.test_client().post(f"/compte/desabonnement/{token}", data="List-Unsubscribe=One-Click")
    assert r.status_code == 200
    assert get_preference(user, "alerts").email == EmailChoice.OFF


def test_security_mails_are_always_sent_without_unsubscribe(make_user, outbox):
    from app.blueprints.auth.services import request_password_reset

    user = make_user(Role.CANDIDATE)
    save_preferences(user, [Preference(c, False, EmailChoice.OFF) for c in CATEGORIES])
    db.session.commit()
    request_password_reset(user.email)
    db.session.commit()
    [mail] = outbox(user.email)
    assert mail.headers == {}
    assert "desabonnement" not in mail.body


def test_preferences_page_saves_each_category(client, auth, make_user, lang):
    user = make_user(Role.CANDIDATE, locale=f"{lang}_CA")
    auth.login(user)
    page = client.get("/compte/notifications/preferences").get_data(as_text=True)
    assert 'name="email_alerts"' in page and 'value="daily"' in page
    assert client.get("/compte/").get_data(as_text=True).count("/compte/notifications/preferences")
    data = {f"portal_{c}": "y" for c in CATEGORIES} | {
        f"email_{c}": "immediate" for c in CATEGORIES
    }
    data |= {"email_matches": "daily", "min_score": "70", "email_alerts": "off"}
    del data["portal_funding"]
    r = client.post("/compte/notifications/preferences", data=data)
    assert r.status_code == 303
    matches = get_preference(user, "matches")
    assert (matches.email, matches.min_score) == (EmailChoice.DAILY, 70)
    assert get_preference(user, "alerts").email == EmailChoice.OFF
    assert get_preference(user, "funding").portal is False
    bad = client.post("/compte/notifications/preferences", data=data | {"min_score": "900"})
    assert bad.status_code == 200 and 'value="900"' in bad.get_data(as_text=True)


def test_outbox_headers_go_out_over_smtp(app, make_user, monkeypatch):
    from app import mail

    sent = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def send_message(self, email):
            sent.append(email)

    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    app.config.update(MAIL_SERVER="smtp.example.org", MAIL_PORT=25, MAIL_USE_TLS=False)
    user = make_user(Role.CANDIDATE)
    _funding(user)
    db.session.commit()
    assert sent and sent[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert db.session.execute(db.select(OutboxMessage)).scalar_one().sent_at is not None
