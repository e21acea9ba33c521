"""The same request sent twice (double click, network retry, two tabs): exactly one record."""

import threading

import pytest

from app.blueprints.applications import services as app_svc
from app.extensions import db
from app.models import Application
from tests.conftest import IS_POSTGRES, PASSWORD


def _count(model, **where) -> int:
    stmt = db.select(db.func.count()).select_from(model).filter_by(**where)
    return db.session.execute(stmt).scalar_one()


def _blind(monkeypatch, module, name: str, blind_calls: int):
    """Make a duplicate check miss `blind_calls` times, as when two requests pass it together."""
    real = getattr(module, name)
    calls = {"n": 0}

    def check(*args, **kwargs):
        calls["n"] += 1
        return None if calls["n"] <= blind_calls else real(*args, **kwargs)

    monkeypatch.setattr(module, name, check)


@pytest.fixture
def job_and_candidate(app, make_employer, make_job, make_candidate):
    return make_job(make_employer().organisation), make_candidate()


def test_apply_twice_in_a_row_keeps_one(client, auth, job_and_candidate):
    job, user = job_and_candidate
    auth.login(user)
    first = client.post(f"/postes/{job.id}/postuler", data={"consent_staff_review": "y"})
    second = client.post(f"/postes/{job.id}/postuler", data={"consent_staff_review": "y"})
    assert first.status_code == second.status_code == 303
    assert _count(Application, job_id=job.id) == 1


def test_apply_racing_a_committed_twin_is_already_done(
    client, auth, job_and_candidate, monkeypatch
):
    from app.clock import today

    job, user = job_and_candidate
    twin = app_svc.apply_to_job(user.candidate_profile, job, "", today())
    db.session.commit()
    auth.login(user)
    _blind(monkeypatch, app_svc, "find_application", blind_calls=2)  # the route's and the service's
    r = client.post(f"/postes/{job.id}/postuler", data={"consent_staff_review": "y"})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"#application-{twin.id}")
    assert _count(Application, job_id=job.id) == 1


def _concurrently(app, posts: list) -> list[int]:
    """Send each (client, url, data) at the same moment from its own thread; return the codes."""
    barrier = threading.Barrier(len(posts))
    codes: list[int] = [0] * len(posts)
    errors: list[BaseException] = []

    def send(i, client, url, data):
        try:
            barrier.wait(timeout=10)
            codes[i] = client.post(url, data=data).status_code
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=send, args=(i, *p)) for i, p in enumerate(posts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    return codes


def _hold_the_check(monkeypatch, module, name: str, parties: int):
    """Let every request pass the duplicate check before any of them inserts (a true race)."""
    real = getattr(module, name)
    barrier = threading.Barrier(parties)
    local = threading.local()

    def check(*args, **kwargs):
        found = real(*args, **kwargs)
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait(timeout=10)
        return found

    monkeypatch.setattr(module, name, check)


@pytest.mark.skipif(not IS_POSTGRES, reason="two truly concurrent sessions need PostgreSQL")
def test_apply_from_two_sessions_at_once_keeps_one(app, job_and_candidate, monkeypatch):
    job, user = job_and_candidate
    clients = [app.test_client() for _ in range(2)]
    for c in clients:
        c.post("/connexion", data={"email": user.email, "password": PASSWORD})
    _hold_the_check(monkeypatch, app_svc, "find_application", 2)
    url = f"/postes/{job.id}/postuler"
    codes = _concurrently(app, [(c, url, {"consent_staff_review": "y"}) for c in clients])
    assert codes == [303, 303]
    db.session.expire_all()
    assert _count(Application, job_id=job.id) == 1
