"""Database down or timing out: a bilingual 503 page, /healthz says so, no stack trace shown."""

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.extensions import db
from tests.conftest import make_app
from tests.resilience.conftest import free_port

LEAKS = ("Traceback", "psycopg", "sqlalchemy", "OperationalError", "127.0.0.1:")


@pytest.fixture
def down_app():
    """An app whose PostgreSQL server does not exist (nobody listens on the port)."""
    app = make_app(
        SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none",
        DATABASE_CONNECT_TIMEOUT=1,
    )
    yield app
    with app.app_context():
        db.engine.dispose()


def _assert_bilingual_503(r):
    html = r.get_data(as_text=True)
    assert r.status_code == 503, html
    assert r.headers["Retry-After"] and r.headers["Cache-Control"] == "no-store"
    assert 'lang="fr-CA"' in html and 'lang="en-CA"' in html
    assert "Service temporarily unavailable" in html or "Service temporairement" in html
    for leak in LEAKS:
        assert leak not in html


@pytest.mark.parametrize(
    "method, path",
    [("GET", "/postes"), ("GET", "/postes/1"), ("GET", "/regions/"), ("POST", "/connexion")],
)
def test_pages_answer_a_bilingual_503(down_app, method, path):
    client = down_app.test_client()
    r = client.open(path, method=method, data={"email": "a@b.ca", "password": "x" * 10})
    _assert_bilingual_503(r)


def test_signed_in_visitor_gets_the_503_page_too(down_app):
    from flask_login.utils import _create_identifier

    client = down_app.test_client()
    with down_app.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()
    with client.session_transaction() as s:  # a cookie from before the outage
        s.update({"_user_id": "1:0", "_sid": "token", "_id": identifier, "_fresh": True})
    _assert_bilingual_503(client.get("/tableau-de-bord"))


def test_healthz_reports_an_unreachable_database(down_app):
    r = down_app.test_client().get("/healthz")
    assert r.status_code == 503
    assert r.get_json() == {"status": "error", "database": "unreachable"}


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("SELECT", {}, Exception("canceling statement due to statement timeout")),
        PoolTimeout("QueuePool limit reached, connection timed out"),
    ],
)
def test_a_query_timing_out_gives_the_503_page(client, monkeypatch, error, reference):
    def timeout(*args, **kwargs):
        raise error

    monkeypatch.setattr(db.session, "execute", timeout)
    _assert_bilingual_503(client.get("/postes"))
