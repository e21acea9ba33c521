"""Job alerts keep the board's "welcome commitments" filter (`welcome`) and apply it."""

import re
from datetime import timedelta
from urllib.parse import unquote

from app.blueprints.alerts.services import AlertData, board_args, create_alert, new_jobs
from app.extensions import db
from app.models import Commitment, JobAlert
from app.models.base import utcnow


def checked(html: str) -> set[str]:
    """The commitments ticked in the alert form."""
    return set(re.findall(r'<input checked[^>]*name="commitments"[^>]*value="(\w+)"', html))


def test_saving_the_board_search_keeps_the_commitments(client, auth, make_candidate):
    auth.login(make_candidate())
    board = client.get("/postes?welcome=housing&welcome=family").get_data(as_text=True)
    assert "/candidat/alertes/nouvelle?welcome=family&amp;welcome=housing" in board
    form = client.get("/candidat/alertes/nouvelle?welcome=housing&welcome=family").text
    assert checked(form) == {"housing", "family"}
    r = client.post(
        "/candidat/alertes/nouvelle",
        data={"name": "Logement", "commitments": ["housing", "family"], "frequency": "daily"},
    )
    assert r.status_code == 303  # commitments alone are a criterion
    alert = db.session.execute(db.select(JobAlert)).scalar_one()
    assert alert.commitments == ["family", "housing"]
    listing = client.get("/candidat/alertes").text
    assert "Engagements d’accueil" in listing and "Aide au logement" in listing
    assert "welcome=family&amp;welcome=housing" in listing  # "see the jobs" keeps the filter


def test_editing_an_alert_keeps_or_changes_its_commitments(client, auth, make_candidate):
    user = make_candidate()
    alert = create_alert(
        user, AlertData(name="Logement", commitments=frozenset({Commitment.HOUSING}))
    )
    db.session.commit()
    auth.login(user)
    page = client.get(f"/candidat/alertes/{alert.id}/modifier").text
    assert checked(page) == {"housing"}
    client.post(
        f"/candidat/alertes/{alert.id}/modifier",
        data={"name": "Logement", "commitments": ["francisation"], "frequency": "daily"},
    )
    db.session.refresh(alert)
    assert alert.commitments == ["francisation"]


def test_the_alert_sends_only_jobs_of_employers_making_every_commitment(
    app, make_candidate, make_employer, make_job
):
    housing = make_employer().organisation
    housing.welcome_housing = True
    both = make_employer().organisation
    both.welcome_housing = both.welcome_family = True
    none = make_employer().organisation
    db.session.commit()
    user = make_candidate()
    alert = create_alert(
        user,
        AlertData(name="Famille", commitments=frozenset({Commitment.HOUSING, Commitment.FAMILY})),
    )
    alert.created_at = alert.last_run_at = utcnow() - timedelta(days=1)
    db.session.commit()
    jobs = {org.id: make_job(org) for org in (housing, both, none)}
    assert new_jobs(alert, user) == [jobs[both.id]]
    assert unquote(str(board_args(alert))) == str({"welcome": ["family", "housing"]})
