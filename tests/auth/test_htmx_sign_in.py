"""A signed-out htmx request (a poll, a filter) sends the person to the sign-in page."""

from urllib.parse import parse_qs, urlsplit

from app import sessions
from app.extensions import db


def test_a_poll_after_the_session_ended_redirects_htmx_to_sign_in(client, auth, make_candidate):
    user = make_candidate()
    auth.login(user)
    assert client.get("/candidat/alertes").status_code == 200
    sessions.end_all(user)  # expired, signed out elsewhere or by an admin
    db.session.commit()
    r = client.get(
        "/candidat/alertes?poll=1",
        headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/candidat/alertes?x=1"},
    )
    assert r.status_code == 401 and "<html" not in r.text and "Location" not in r.headers
    target = urlsplit(r.headers["HX-Redirect"])
    assert target.path == "/connexion"
    assert parse_qs(target.query)["next"] == ["/candidat/alertes?x=1"]  # the page, not the poll


def test_without_a_current_page_next_is_the_request_itself(client):
    r = client.get("/candidat/alertes?a=1", headers={"HX-Request": "true"})
    assert r.status_code == 401
    assert parse_qs(urlsplit(r.headers["HX-Redirect"]).query)["next"] == ["/candidat/alertes?a=1"]


def test_another_sites_current_url_is_not_a_next(client):
    r = client.get(
        "/candidat/alertes",
        headers={"HX-Request": "true", "HX-Current-URL": "https://evil.example/phish"},
    )
    assert parse_qs(urlsplit(r.headers["HX-Redirect"]).query)["next"] == ["/candidat/alertes"]


def test_a_full_page_still_redirects_with_the_message(client):
    r = client.get("/candidat/alertes")
    assert r.status_code == 302 and "/connexion" in r.headers["Location"]
    assert "HX-Redirect" not in r.headers
