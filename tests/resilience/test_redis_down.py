"""Redis down: the portal keeps serving, limits count in memory, jobs run inline; all logged."""

import logging

import pytest

from app.extensions import db
from app.models import MatchResult


def test_rate_limit_falls_back_to_memory_with_a_warning(app_factory, dead_redis_url, caplog):
    app = app_factory(
        REDIS_URL=dead_redis_url,
        RATELIMIT_ENABLED=True,
        AUTH_RATE_LIMIT="3 per minute",
        LOGIN_ACCOUNT_RATE_LIMIT="3 per minute",
    )
    assert app.config["RATELIMIT_STORAGE_URI"] == dead_redis_url
    client = app.test_client()
    caplog.set_level(logging.WARNING)
    codes = [
        client.post("/connexion", data={"email": "x@example.org", "password": "nope"}).status_code
        for _ in range(4)
    ]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    assert any("falling back to in-memory" in r.getMessage() for r in caplog.records)
    # Pages without limits are served as usual.
    assert client.get("/").status_code == 200


def test_healthz_stays_up_and_names_redis(app_factory, dead_redis_url):
    app = app_factory(REDIS_URL=dead_redis_url)
    r = app.test_client().get("/healthz")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok", "database": "ok", "redis": "unreachable"}


@pytest.fixture
def app(app_factory, dead_redis_url):
    """Every fixture of these tests uses an app whose Redis is down."""
    return app_factory(REDIS_URL=dead_redis_url)


def test_jobs_run_inline_with_a_warning(app, make_employer, make_job, make_candidate, caplog):
    make_candidate(desired_titles=["Soudeur"], skills=["soudage"], regions_anywhere=True)
    job = make_job(make_employer().organisation)
    from app.blueprints.matching.services import schedule_recompute

    caplog.set_level(logging.WARNING, logger="maillage.tasks")
    schedule_recompute("job", job.id)
    assert any("Redis unreachable" in r.getMessage() for r in caplog.records)
    count = db.select(db.func.count(MatchResult.id)).where(MatchResult.job_id == job.id)
    assert db.session.execute(count).scalar_one() == 1


def test_employer_publishes_while_redis_is_down(client, auth, make_employer, make_job, caplog):
    employer = make_employer()
    job = make_job(employer.organisation, publish=False)
    auth.login(employer)
    caplog.set_level(logging.WARNING)
    r = client.post(f"/employeurs/postes/{job.id}/statut", data={"status": "published"})
    assert r.status_code == 303
    assert any("run_recompute inline" in m.getMessage() for m in caplog.records)
