"""Two app instances on one database and one Redis share rate limits and sessions."""

import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def two_apps(app_factory, redis_url, shared_db_url):
    config = dict(
        SQLALCHEMY_DATABASE_URI=shared_db_url,
        REDIS_URL=redis_url,
        RATELIMIT_ENABLED=True,
        AUTH_RATE_LIMIT="3 per minute",
        LOGIN_ACCOUNT_RATE_LIMIT="3 per minute",
    )
    return app_factory(**config), app_factory(**config)


def test_a_rate_limit_holds_across_instances(two_apps, redis_url):
    from redis import Redis

    a, b = (app.test_client() for app in two_apps)
    wrong = {"email": "nobody@example.org", "password": "not the password"}
    codes = [c.post("/connexion", data=wrong).status_code for c in (a, b, a, b)]
    assert codes == [200, 200, 200, 429]
    assert Redis.from_url(redis_url).keys("LIMITS*")  # the counters live in Redis


def test_a_session_holds_across_instances(two_apps, make_user_on):
    app_a, app_b = two_apps
    user = make_user_on(app_a)
    a, b = app_a.test_client(), app_b.test_client()
    assert a.post("/connexion", data={"email": user.email, "password": PASSWORD}).status_code == 303
    b.set_cookie("session", a.get_cookie("session").value)
    assert b.get("/tableau-de-bord").status_code == 200
    # Signing out on one instance ends the session on the other.
    b.post("/deconnexion")
    assert a.get("/tableau-de-bord").status_code == 302


@pytest.fixture
def make_user_on():
    from app.blueprints.auth.services import create_user
    from app.extensions import db
    from app.models import Role

    def factory(app):
        with app.app_context():
            create_user("shared@example.org", PASSWORD, "Shared Person", Role.CANDIDATE, "fr_CA")
            db.session.commit()
        with app.app_context():
            from app.blueprints.auth.services import find_user_by_email

            return find_user_by_email("shared@example.org")

    return factory
