"""A funding request sent twice: one request, and the second answer shows the first."""

from datetime import timedelta

import pytest

from app.blueprints.funding import services as svc
from app.clock import today as program_today
from app.extensions import db
from app.models import FundingRequest
from tests.conftest import IS_POSTGRES, PASSWORD
from tests.funding.conftest import flow  # noqa: F401 - the funding fixture
from tests.resilience.test_double_submit import _blind, _concurrently, _count, _hold_the_check


def _form(flow):  # noqa: F811
    return {
        "depart_on": (program_today() + timedelta(days=7)).isoformat(),
        "return_on": (program_today() + timedelta(days=8)).isoformat(),
        "origin_id": str(flow.origin.id),
        "mode": "car",
        "nights": "1",
        "meal_days": "2",
        "note": "",
    }


def _url(flow):  # noqa: F811
    return f"/candidat/deplacements/nouveau/{flow.application.id}"


def test_funding_twice_in_a_row_keeps_one(client, auth, flow):  # noqa: F811
    auth.login(flow.candidate)
    first = client.post(_url(flow), data=_form(flow))
    second = client.post(_url(flow), data=_form(flow))
    # The second answer shows the request the first one recorded.
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert _count(FundingRequest) == 1


def test_funding_racing_a_committed_twin_is_already_done(
    client,
    auth,
    flow,  # noqa: F811
    monkeypatch,
):
    twin = flow.submit()
    auth.login(flow.candidate)
    _blind(monkeypatch, svc, "overlapping_request", blind_calls=1)  # the service's check
    r = client.post(_url(flow), data=_form(flow))
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/candidat/deplacements/{twin.id}")
    assert _count(FundingRequest) == 1


@pytest.mark.skipif(not IS_POSTGRES, reason="two truly concurrent sessions need PostgreSQL")
def test_funding_from_two_sessions_at_once_keeps_one(app, flow, monkeypatch):  # noqa: F811
    svc.current_policy()  # in force already (the first use writes it)
    db.session.commit()
    clients = [app.test_client() for _ in range(2)]
    for c in clients:
        c.post("/connexion", data={"email": flow.candidate.email, "password": PASSWORD})
    _hold_the_check(monkeypatch, svc, "overlapping_request", 2)
    codes = _concurrently(app, [(c, _url(flow), _form(flow)) for c in clients])
    assert codes == [303, 303]
    db.session.expire_all()
    assert _count(FundingRequest) == 1
