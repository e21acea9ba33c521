"""The private room: a portal that checks who and when, then redirects; a Jitsi token with it."""

from datetime import timedelta

import jwt

from app import clock
from app.extensions import db
from app.models import OutboxMessage
from tests.interviews.test_flow import _published, flow  # noqa: F401 - the interviews fixture

SECRET = "a-test-secret-of-at-least-32-bytes-long"


def _mine(flow):  # noqa: F811
    slots = _published(flow)
    candidate = flow[2][0]
    return candidate, next(
        s for s in slots if s.request.candidate_id == candidate.candidate_profile.id
    )


def test_the_portal_refuses_outside_the_window_and_redirects_within(
    app,
    flow,  # noqa: F811
    client,
    auth,
    monkeypatch,
    make_employer,
):
    candidate, slot = _mine(flow)
    url = f"/entrevues/{slot.id}/salle"
    auth.login(candidate)
    monkeypatch.setattr(clock, "now", lambda: slot.starts_at - timedelta(minutes=6))
    early = client.get(url)
    assert early.status_code == 403 and slot.room not in early.get_data(as_text=True)
    monkeypatch.setattr(clock, "now", lambda: slot.starts_at - timedelta(minutes=4))
    r = client.get(url)
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/maillage-{slot.room}")
    page = client.get("/entrevues").get_data(as_text=True)
    assert slot.room not in page and url in page  # the portal's address only
    monkeypatch.setattr(clock, "now", lambda: slot.ends_at + timedelta(minutes=16))
    assert client.get(url).status_code == 403
    auth.logout()
    auth.login(make_employer())
    monkeypatch.setattr(clock, "now", lambda: slot.starts_at)
    assert client.get(url).status_code == 404  # not a party
    bodies = db.session.execute(db.select(OutboxMessage.body)).scalars()
    assert all(slot.room not in body for body in bodies)  # never in an email


def test_with_a_secret_the_redirect_carries_a_jitsi_token(app, flow, client, auth, monkeypatch):  # noqa: F811
    app.config.update(
        VIDEO_ROOM_JWT_SECRET=SECRET,
        VIDEO_ROOM_JWT_APP_ID="maillage",
        VIDEO_ROOM_DOMAIN="video.example.org",
    )
    candidate, slot = _mine(flow)
    auth.login(candidate)
    monkeypatch.setattr(clock, "now", lambda: slot.starts_at)
    location = client.get(f"/entrevues/{slot.id}/salle").headers["Location"]
    assert location.startswith(f"https://video.example.org/maillage-{slot.room}?jwt=")
    token = location.split("jwt=", 1)[1]
    claims = jwt.decode(
        token, SECRET, algorithms=["HS256"], audience="jitsi", options={"verify_nbf": False}
    )
    assert claims["iss"] == "maillage" and claims["sub"] == "video.example.org"
    assert claims["room"] == f"maillage-{slot.room}"
    assert claims["nbf"] == int((slot.starts_at - timedelta(minutes=5)).timestamp())
    assert claims["exp"] == int((slot.ends_at + timedelta(minutes=15)).timestamp())
    assert claims["context"]["user"]["name"] == candidate.full_name
    try:
        jwt.decode(token, SECRET[::-1], algorithms=["HS256"], audience="jitsi")
    except jwt.InvalidSignatureError:
        pass
    else:
        raise AssertionError("a token signed with another secret must not verify")


def test_the_camera_test_page_may_use_the_camera(client, auth, flow):  # noqa: F811
    auth.login(flow[2][0])
    r = client.get("/entrevues/essai-camera")
    assert r.status_code == 200 and "camera=(self)" in r.headers["Permissions-Policy"]
    assert "camera-test.js" in r.get_data(as_text=True)
    assert "camera=()" in client.get("/entrevues").headers["Permissions-Policy"]


def test_the_privacy_policy_names_the_video_service(client):
    html = client.get("/confidentialite").get_data(as_text=True)
    assert "Jitsi Meet" in html and "meet.jit.si" in html


def test_a_private_calendar_feed_that_can_be_replaced_or_turned_off(app, flow, client, auth):  # noqa: F811
    import icalendar

    candidate, slot = _mine(flow)
    auth.login(candidate)
    client.post("/compte/calendrier/creer")
    db.session.refresh(candidate)
    token = candidate.calendar_token
    assert len(token) >= 40 and token in client.get("/compte/").get_data(as_text=True)
    auth.logout()
    feed = client.get(f"/calendrier/{token}.ics")
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    events = icalendar.Calendar.from_ical(feed.data).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"interview-{slot.id}@maillage"]
    assert slot.room not in feed.get_data(as_text=True)
    auth.login(candidate)
    client.post("/compte/calendrier/creer")  # replaced: the old address stops working
    auth.logout()
    assert client.get(f"/calendrier/{token}.ics").status_code == 404
    db.session.refresh(candidate)
    auth.login(candidate)
    client.post("/compte/calendrier/desactiver")
    db.session.refresh(candidate)
    assert candidate.calendar_token is None
